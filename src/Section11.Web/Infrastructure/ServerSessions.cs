using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Core.Auditing;
using Section11.Core.Identity;

namespace Section11.Web.Infrastructure;

/// <summary>
/// The session cookie's link to its row in the Sessions table (<see cref="SessionService"/>). Signing in starts a
/// row and puts its id in the cookie; every request checks the row is still open (one primary-key lookup), so
/// sign-out, sign-out everywhere, a new password and deactivation end a session at its very next request, on any
/// node. Identity's security-stamp check also runs on its own interval, however busy the session.
/// </summary>
public static class ServerSessions
{
    /// <summary>The claim in the cookie holding the session's id (the table has only its hash).</summary>
    public const string SessionClaim = "section11:session";

    /// <summary>When the security stamp was last checked, kept in the cookie's properties.</summary>
    private const string StampCheckedItem = "section11.stamp-checked";

    public static async Task SigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        var http = context.HttpContext;
        var sessions = http.RequestServices.GetRequiredService<SessionService>();
        // A sign-in on top of another (a refresh after a new password, MFA set up, another person) is a new session:
        // the one this browser had ends, so a copy of its old cookie is worth nothing.
        if (SessionIdOf(http.User) is { } previous)
        {
            await sessions.EndAsync(previous, SessionEndings.Replaced, http.RequestAborted);
        }

        foreach (var stale in identity.FindAll(SessionClaim).ToList())
        {
            identity.RemoveClaim(stale);
        }

        var userId = identity.FindFirst(UserIdClaimType(http))?.Value;
        var started = userId is null ? null : await sessions.StartAsync(userId, http.Request.Headers.UserAgent.ToString(), http.RequestAborted);
        if (started is not null)
        {
            // Without the claim the cookie is refused at its first use: a deactivated account gets no session.
            identity.AddClaim(new Claim(SessionClaim, started));
        }

        context.Properties.Items[StampCheckedItem] = Now(http).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
    }

    public static async Task SigningOutAsync(CookieSigningOutContext context)
    {
        // HttpContext.User is the signed-in person here, except during the cookie's own check, which ends the row itself.
        if (SessionIdOf(context.HttpContext.User) is { } sessionId)
        {
            await context.HttpContext.RequestServices.GetRequiredService<SessionService>()
                .EndAsync(sessionId, SessionEndings.SignedOut, context.HttpContext.RequestAborted);
        }
    }

    /// <summary>
    /// On every request: the session's row must be open; then Identity's security-stamp check, timed from the last
    /// check rather than from the cookie's issue time (which every request renews); then the cookie is renewed, so
    /// the idle clock restarts and the page's idle warning, timed from its own load, never runs later than the session.
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal)
        {
            return;
        }

        var http = context.HttpContext;
        var userId = principal.FindFirst(UserIdClaimType(http))?.Value;
        var sessionId = SessionIdOf(principal);
        if (userId is null || sessionId is null)
        {
            await RefuseAsync(context, userId, "the cookie names no server-side session");
            return;
        }

        var sessions = http.RequestServices.GetRequiredService<SessionService>();
        if (!await sessions.IsLiveAsync(sessionId, userId))
        {
            await RefuseAsync(context, userId, "the session has ended");
            return;
        }

        var issued = context.Properties.IssuedUtc;
        var lastChecked = LastStampCheck(context.Properties) ?? issued;
        context.Properties.IssuedUtc = lastChecked;
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        // The validator asks for renewal exactly when it has just checked the stamp and found it good.
        var stampChecked = context.ShouldRenew;
        context.Properties.IssuedUtc = issued;
        if (context.Principal is null)
        {
            await sessions.EndAsync(sessionId, SessionEndings.AccountChanged, http.RequestAborted);
            await LogAsync(http, userId, SessionEndings.AccountChanged);
            return;
        }

        var checkedAt = stampChecked ? Now(http) : lastChecked ?? Now(http);
        context.Properties.Items[StampCheckedItem] = checkedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    /// <summary>Identity rebuilds the principal when it re-checks the stamp; the session id must survive that.</summary>
    public static void KeepSession(ClaimsPrincipal current, ClaimsIdentity rebuilt)
    {
        if (SessionIdOf(current) is { } sessionId && !rebuilt.HasClaim(SessionClaim, sessionId))
        {
            rebuilt.AddClaim(new Claim(SessionClaim, sessionId));
        }
    }

    public static string? SessionIdOf(ClaimsPrincipal? principal) => principal?.FindFirst(SessionClaim)?.Value;

    private static async Task RefuseAsync(CookieValidatePrincipalContext context, string? userId, string why)
    {
        context.RejectPrincipal();
        // Delete the cookie, so the browser stops sending it; the page then asks the person to sign in.
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        await LogAsync(context.HttpContext, userId, why);
    }

    private static Task LogAsync(HttpContext http, string? userId, string why) =>
        http.RequestServices.GetRequiredService<SecurityLog>()
            .RecordAsync(SecurityEventKinds.SessionRefused, userId, null, http.Request.Path, why, http.RequestAborted);

    private static DateTimeOffset? LastStampCheck(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(StampCheckedItem, out var value) && long.TryParse(value, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    private static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    private static string UserIdClaimType(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.UserIdClaimType;
}

/// <summary>Identity's sign-in, refusing deactivated accounts at every step that checks whether someone may sign in.</summary>
public sealed class Section11SignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user) => !user.IsDeactivated && await base.CanSignInAsync(user);
}
