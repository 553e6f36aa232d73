using Microsoft.AspNetCore.Identity;
using Section11.Core.Auditing;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Accounts;

public sealed record AuthenticatorSetup(string Key, string FormattedKey, string Uri);

public sealed record MfaEnableResult(IReadOnlyList<FieldError> Errors, IReadOnlyList<string> RecoveryCodes);

/// <summary>The messages for a code from an authenticator app, the same on every page that asks for one.</summary>
public static class CodeMessages
{
    public const string Missing = "Enter the 6-digit code from your authenticator app";
    public const string Format = "Enter the code as 6 digits, like 123456";
    public const string Wrong = "The code is not correct. Enter the code your authenticator app shows now";
    public const string AlreadyUsed = "This code has already been used. Wait for your authenticator app to show a new code";

    /// <summary>A message for a code that is missing or not 6 digits, else null.</summary>
    public static string? ForInput(string? code) =>
        string.IsNullOrWhiteSpace(code) ? Missing : AuthenticatorCodes.Normalise(code) is null ? Format : null;

    public static string For(CodeCheck? check) => check == CodeCheck.AlreadyUsed ? AlreadyUsed : Wrong;
}

/// <summary>Setting up an authenticator app (required for every account) and its recovery codes.</summary>
public sealed class MfaService(UserManager<ApplicationUser> users, AuthenticatorCodes codes, SecurityLog log)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "Section11";

    /// <summary>The key to add to an app, made once and kept until set-up succeeds, so reloading the page keeps it.</summary>
    public async Task<AuthenticatorSetup> GetSetupAsync(ApplicationUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Stored directly rather than with ResetAuthenticatorKeyAsync, which would also change the security stamp
            // and so end the very session that is setting the app up.
            key = users.GenerateNewAuthenticatorKey();
            var stored = await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", key);
            if (!stored.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", stored.Errors.Select(e => e.Description)));
            }
        }

        var label = Uri.EscapeDataString($"{Issuer}:{user.Email}");
        return new(key, AuthenticatorCodes.FormatKey(key), $"otpauth://totp/{label}?secret={key}&issuer={Issuer}&algorithm=SHA1&digits=6&period=30");
    }

    /// <summary>Turns two-factor sign-in on once the person proves their app makes the right codes.</summary>
    public async Task<MfaEnableResult> EnableAsync(ApplicationUser user, string? code)
    {
        if (CodeMessages.ForInput(code) is { } message)
        {
            return new([new FieldError("Code", message)], []);
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code!))
        {
            return new([new FieldError("Code", CodeMessages.For(codes.LastCheck))], []);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var recovery = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await log.RecordAsync(SecurityEventKinds.MfaEnabled, user.Id, user.Email, null, "authenticator app set up");
        return new([], [.. recovery ?? []]);
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(ApplicationUser user)
    {
        var recovery = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await log.RecordAsync(AccountEventKinds.RecoveryCodesCreated, user.Id, user.Email, null);
        return [.. recovery ?? []];
    }
}
