using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Section11.Core.Api;

namespace Section11.Web.Api;

/// <summary>
/// The API's only way in: <c>Authorization: Bearer s11_…</c>. The person's session cookie is never read for the API,
/// so a page on another site cannot make a signed-in browser call it.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>The partnership the token reads.</summary>
    public const string PartnershipClaim = "s11:partnership";

    /// <summary>The token's id, which each call is logged against.</summary>
    public const string TokenClaim = "s11:api-token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Not a bearer token");
        }

        var token = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token is null)
        {
            // Never the token itself in the log.
            return AuthenticateResult.Fail("Unknown or revoked API token");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(PartnershipClaim, token.PartnershipId.ToString(CultureInfo.InvariantCulture)),
                new Claim(TokenClaim, token.TokenId.ToString(CultureInfo.InvariantCulture)),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Request.Headers.Authorization.Count == 0 ? "Bearer" : "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
