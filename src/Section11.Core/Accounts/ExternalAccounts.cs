using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Section11.Core.Identity;

namespace Section11.Core.Accounts;

public enum ExternalMatch
{
    /// <summary>The identity is linked to an account (now, or at an earlier sign-in).</summary>
    Found,

    /// <summary>The identity provider sent no email address.</summary>
    NoEmail,

    /// <summary>The identity provider did not say the email address is verified.</summary>
    EmailNotVerified,

    /// <summary>Nobody with that email address has been invited.</summary>
    NoAccount,

    /// <summary>The account is already linked to a different identity at the same provider.</summary>
    LinkedToAnother,
}

public sealed record ExternalAccountResult(ExternalMatch Match, ApplicationUser? User, string? Email, bool MfaByProvider);

/// <summary>
/// Which account an identity from an OpenID Connect provider signs in to. It never creates one: the identity links
/// only to an account already invited with the same, verified, email address, and stays linked after that.
/// </summary>
public sealed class ExternalAccounts(UserManager<ApplicationUser> users)
{
    public async Task<ExternalAccountResult> FindAsync(string provider, string providerKey, string providerName, ClaimsPrincipal principal, bool emailsAreVerified)
    {
        var mfa = AssertsMfa(principal);
        var email = EmailOf(principal);
        if (await users.FindByLoginAsync(provider, providerKey) is { } linked)
        {
            return new(ExternalMatch.Found, linked, email, mfa);
        }

        if (email is null)
        {
            return new(ExternalMatch.NoEmail, null, null, mfa);
        }

        if (!emailsAreVerified && !IsTrue(principal, "email_verified"))
        {
            return new(ExternalMatch.EmailNotVerified, null, email, mfa);
        }

        if (await users.FindByEmailAsync(email) is not { } user)
        {
            return new(ExternalMatch.NoAccount, null, email, mfa);
        }

        if ((await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == provider))
        {
            return new(ExternalMatch.LinkedToAnother, null, email, mfa);
        }

        var added = await users.AddLoginAsync(user, new UserLoginInfo(provider, providerKey, providerName));
        if (!added.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", added.Errors.Select(e => e.Description)));
        }

        return new(ExternalMatch.Found, user, email, mfa);
    }

    /// <summary>True when the provider says it used more than one factor ("amr" includes "mfa", RFC 8176).</summary>
    public static bool AssertsMfa(ClaimsPrincipal principal) =>
        principal.Claims.Where(c => c.Type is "amr" or ClaimTypes.AuthenticationMethod)
            .SelectMany(c => c.Value.Split(['[', ']', '"', ',', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Contains("mfa", StringComparer.Ordinal);

    public static string? EmailOf(ClaimsPrincipal principal) =>
        (principal.FindFirst("email") ?? principal.FindFirst(ClaimTypes.Email))?.Value is { Length: > 0 } email ? email.Trim() : null;

    private static bool IsTrue(ClaimsPrincipal principal, string type) =>
        string.Equals(principal.FindFirst(type)?.Value, "true", StringComparison.OrdinalIgnoreCase);
}
