using Section11.Core.Data;

namespace Section11.Core.Auditing;

public static class SecurityEventKinds
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string Denied = "denied";
    public const string SignOut = "sign-out";
    public const string SignOutEverywhere = "sign-out-everywhere";
    public const string PasswordSet = "password-set";
    public const string MfaEnabled = "mfa-enabled";
    public const string InvitationSent = "invitation-sent";
    public const string SessionsEnded = "sessions-ended";
    public const string SessionRefused = "session-refused";
    public const string AccountDeactivated = "account-deactivated";
    public const string AccountReactivated = "account-reactivated";
}

/// <summary>Records security events. Callers pass what happened, never a password, token or code.</summary>
public sealed class SecurityLog(Section11DbContext db, TimeProvider time)
{
    public async Task RecordAsync(string kind, string? userId, string? email, string? path, string? detail = null, CancellationToken ct = default)
    {
        db.SecurityEvents.Add(new SecurityEvent
        {
            At = time.GetUtcNow().UtcDateTime,
            Kind = kind,
            UserId = userId,
            // Cut to fit: an email typed at sign-in is recorded as typed, whatever its length.
            Email = email is { Length: > InputLimits.Email } ? email[..InputLimits.Email] : email,
            Path = path is { Length: > InputLimits.EventPath } ? path[..InputLimits.EventPath] : path,
            Detail = detail is { Length: > InputLimits.EventDetail } ? detail[..InputLimits.EventDetail] : detail,
        });
        await db.SaveChangesAsync(ct);
    }
}
