using Microsoft.AspNetCore.Identity;
using Section11.Core.Identity;

namespace Section11.Core.Accounts;

/// <summary>
/// Demo accounts need an authenticator too. They share one fixed, published key, so anyone trying the demo can add
/// it to an authenticator app. Never use it for a real account.
/// </summary>
public static class DemoAccounts
{
    /// <summary>Base32, as typed into an authenticator app: SECT IONE LEVE NDEM ONOT ASEC RETK EY23.</summary>
    public const string AuthenticatorKey = "SECTIONELEVENDEMONOTASECRETKEY23";

    /// <summary>Gives a demo user the fixed authenticator key and turns two-factor sign-in on. Does nothing twice.</summary>
    public static async Task EnableMfaAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        if (await users.GetAuthenticatorKeyAsync(user) != AuthenticatorKey)
        {
            // The same token Identity's own store reads the key from.
            Check(await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", AuthenticatorKey));
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
