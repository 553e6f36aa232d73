using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Section11.Core.Auditing;
using Section11.Core.Email;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Accounts;

public static class AccountEventKinds
{
    public const string PasswordResetRequested = "password-reset-requested";
    public const string RecoveryCodesCreated = "recovery-codes-created";
}

public sealed record PasswordChangeResult(IReadOnlyList<FieldError> Errors, ApplicationUser? User)
{
    public bool Succeeded => Errors.Count == 0 && User is not null;
}

/// <summary>Forgotten passwords (a reset link by email, using Identity's expiring token) and changing a password.</summary>
public sealed class PasswordService(
    UserManager<ApplicationUser> users,
    EmailSender email,
    SecurityLog log,
    SessionService sessions,
    TimeProvider time,
    IOptions<AccountOptions> options,
    ILogger<PasswordService> logger)
{
    private readonly AccountOptions _options = options.Value;

    /// <summary>
    /// Emails a reset link if there is an account for the address; does nothing otherwise. Callers show the same
    /// page either way and run this off the request, so neither the page nor its timing says whether the account exists.
    /// </summary>
    public async Task SendResetLinkAsync(string address, string? requestBase, CancellationToken ct = default)
    {
        var user = await users.FindByEmailAsync(address.Trim());
        await log.RecordAsync(AccountEventKinds.PasswordResetRequested, user?.Id, address.Trim(), null,
            user is null ? "no such account" : user.IsDeactivated ? "account deactivated: no email sent" : null, ct);
        if (user is null || user.IsDeactivated)
        {
            return;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{_options.LinkBase(requestBase)}/account/reset-password?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
        var expires = time.GetUtcNow().UtcDateTime.AddHours(_options.PasswordResetHours);
        try
        {
            await email.SendAsync(AccountEmails.PasswordReset(user.Email!, user.DisplayName, link, expires, _options.PasswordResetHours), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nobody is waiting on this request (it runs off the request), so the log is the place to say so.
            logger.LogError(e, "Could not send a password reset email");
        }
    }

    /// <summary>Whether a reset link is still good: it names a real account and its token has not expired or been used.</summary>
    public async Task<bool> IsResetLinkValidAsync(string? userId, string? token) =>
        await FindAsync(userId) is { } user && !string.IsNullOrEmpty(token)
        && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ApplicationUser>.ResetPasswordTokenPurpose, token);

    /// <summary>Sets a new password from a reset link. Every session of the account ends at once.</summary>
    public async Task<PasswordChangeResult> ResetAsync(string? userId, string? token, string? password, string? confirmation)
    {
        if (await FindAsync(userId) is not { } user || !await IsResetLinkValidAsync(userId, token))
        {
            return new([new FieldError("", "The link has expired or has already been used")], null);
        }

        var errors = await PasswordRules.CheckNewAsync(users, user, password, confirmation);
        if (errors.Count > 0)
        {
            return new(errors, null);
        }

        var result = await users.ResetPasswordAsync(user, token!, password!);
        if (!result.Succeeded)
        {
            return new([.. result.Errors.Select(e => new FieldError(e.Code == nameof(IdentityErrorDescriber.InvalidToken) ? "" : "Password", e.Description))], null);
        }

        await log.RecordAsync(SecurityEventKinds.PasswordSet, user.Id, user.Email, null, "reset by email link");
        await sessions.EndAllAsync(user.Id, SessionEndings.PasswordReset);
        return new([], user);
    }

    /// <summary>
    /// Changes the password of a signed-in person, who must give the current one. Every session of the account ends
    /// at once, this one too: the caller signs this browser in again, as a new session.
    /// </summary>
    public async Task<PasswordChangeResult> ChangeAsync(string userId, string? current, string? password, string? confirmation)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(current))
        {
            errors.Add(new("CurrentPassword", "Enter your current password"));
        }
        else if (!await users.CheckPasswordAsync(user, current))
        {
            errors.Add(new("CurrentPassword", "Your current password is not correct"));
        }

        errors.AddRange(await PasswordRules.CheckNewAsync(users, user, password, confirmation));
        if (errors.Count > 0)
        {
            return new(errors, null);
        }

        var result = await users.ChangePasswordAsync(user, current!, password!);
        if (!result.Succeeded)
        {
            return new([.. result.Errors.Select(e => new FieldError("Password", e.Description))], null);
        }

        await log.RecordAsync(SecurityEventKinds.PasswordSet, user.Id, user.Email, null, "changed by the account holder");
        await sessions.EndAllAsync(user.Id, SessionEndings.PasswordChanged);
        return new([], user);
    }

    private async Task<ApplicationUser?> FindAsync(string? userId) =>
        string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
}
