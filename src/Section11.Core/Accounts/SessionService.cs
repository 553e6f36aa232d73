using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;

namespace Section11.Core.Accounts;

/// <summary>
/// One signed-in session: a row per sign-in, in the database so every web node sees it. The session cookie carries
/// the session's random id; the row holds only its SHA-256, so a copy of the table cannot be used to rebuild a cookie.
/// </summary>
public class SignedInSession
{
    public const int MaxUserAgentLength = 300;
    public const int MaxEndedWhyLength = 100;

    /// <summary>SHA-256 (hex) of the id in the cookie.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }
    public DateTime StartedAt { get; set; }
    public string? UserAgent { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? EndedWhy { get; set; }
}

/// <summary>Why a session ended, as the Sessions table and the security log say it.</summary>
public static class SessionEndings
{
    public const string SignedOut = "signed out";
    public const string SignedOutEverywhere = "signed out everywhere";
    public const string PasswordChanged = "password changed";
    public const string PasswordReset = "password reset";
    public const string Deactivated = "account deactivated";
    public const string Replaced = "replaced by a new sign-in on the same browser";
    public const string AccountChanged = "account changed since sign-in (security stamp)";
    public const string RoleRemoved = "role removed";
}

/// <summary>
/// Starts, checks and ends server-side sessions. The check runs on every signed-in request, so it is one lookup by
/// primary key and writes nothing; ending a session is one UPDATE, seen by every node at its next request.
/// </summary>
public sealed class SessionService(Section11DbContext db, SecurityLog log, TimeProvider time)
{
    private static readonly Func<Section11DbContext, string, string, Task<bool>> IsLiveQuery =
        EF.CompileAsyncQuery((Section11DbContext db, string id, string userId) =>
            db.Sessions.Any(s => s.Id == id && s.UserId == userId && s.EndedAt == null));

    /// <summary>
    /// A new session for the person, or null if the account may not sign in (deactivated, or gone). The account is
    /// checked after the row is written, so a deactivation committing at the same moment either ends this row or is
    /// seen here.
    /// </summary>
    public async Task<string?> StartAsync(string userId, string? userAgent, CancellationToken ct = default)
    {
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.Sessions.Add(new SignedInSession
        {
            Id = Hash(id),
            UserId = userId,
            StartedAt = Now,
            UserAgent = userAgent is { Length: > SignedInSession.MaxUserAgentLength } ? userAgent[..SignedInSession.MaxUserAgentLength] : userAgent,
        });
        await db.SaveChangesAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.DeactivatedAt == null, ct))
        {
            await EndAsync(id, SessionEndings.Deactivated, ct);
            return null;
        }

        return id;
    }

    /// <summary>Whether the cookie's session is still open for this person: one primary-key lookup, no write.</summary>
    public Task<bool> IsLiveAsync(string sessionId, string userId) => IsLiveQuery(db, Hash(sessionId), userId);

    /// <summary>Ends one session (sign-out). False if it had already ended.</summary>
    public async Task<bool> EndAsync(string sessionId, string why, CancellationToken ct = default)
    {
        var hash = Hash(sessionId);
        var now = Now;
        return await db.Sessions.Where(s => s.Id == hash && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndedWhy, why), ct) == 1;
    }

    /// <summary>
    /// Ends every open session of the person at once (sign-out everywhere, a new password, deactivation, a removed
    /// role), and says so in the security log. <paramref name="byUserId"/> is who did it, if not the person.
    /// Returns how many were open.
    /// </summary>
    public async Task<int> EndAllAsync(string userId, string why, string? byUserId = null, CancellationToken ct = default)
    {
        var now = Now;
        var ended = await db.Sessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndedWhy, why), ct);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        var by = byUserId is null || byUserId == userId ? "" : $" by {byUserId}";
        await log.RecordAsync(SecurityEventKinds.SessionsEnded, userId, email, null, $"{why}{by}; {ended} not signed out before", ct);
        return ended;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static string Hash(string sessionId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
