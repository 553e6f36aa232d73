using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;

namespace Section11.Core.Accounts;

/// <summary>
/// A form that arrived after its idle session had ended (WCAG 2.2.1 without JavaScript), held until the same person
/// signs in again on the same browser. The fields are encrypted with Data Protection under the person's id, so a row
/// is useless to anyone else even with the key in hand.
/// </summary>
public class KeptForm
{
    public const int MaxPathLength = 2048;

    /// <summary>Random; travels in the address after sign-in, so one browser can hold several kept forms.</summary>
    public Guid Id { get; set; }

    /// <summary>Whose session it was: only they get it back.</summary>
    public required string UserId { get; set; }

    /// <summary>SHA-256 (hex) of the random key in the browser's kept-form cookie: only that browser gets it back.</summary>
    public required string BrowserKeyHash { get; set; }

    /// <summary>The page it was sent to, and gets restored on.</summary>
    public required string Path { get; set; }

    /// <summary>The fields, as JSON protected with Data Protection.</summary>
    public required string Fields { get; set; }

    public DateTime KeptAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

/// <summary>Keeps a form sent after its session ended, and gives it back once, to the same person on the same browser.</summary>
public sealed class KeptFormService(Section11DbContext db, IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>How long a kept form waits for its person to sign in again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <summary>
    /// Secrets are never written down: the antiforgery token (bound to the ended session anyway) and anything named
    /// like a password.
    /// </summary>
    public static bool IsKept(string field) =>
        !field.StartsWith("__", StringComparison.Ordinal) && !field.Contains("password", StringComparison.OrdinalIgnoreCase);

    public async Task<Guid> KeepAsync(string userId, string browserKey, string path, IEnumerable<KeyValuePair<string, string[]>> fields, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Expired rows go whenever a new one comes: no worker needed, and the table stays small.
        await db.KeptForms.Where(f => f.ExpiresAt < now).ExecuteDeleteAsync(ct);
        var kept = fields.Where(f => IsKept(f.Key)).ToDictionary(f => f.Key, f => f.Value);
        var form = new KeptForm
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            BrowserKeyHash = Hash(browserKey),
            Path = path.Length > KeptForm.MaxPathLength ? path[..KeptForm.MaxPathLength] : path,
            Fields = Protector(userId).Protect(JsonSerializer.Serialize(kept)),
            KeptAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.KeptForms.Add(form);
        await db.SaveChangesAsync(ct);
        return form.Id;
    }

    /// <summary>The kept fields, once: null unless the same person, browser and page, before it expired.</summary>
    public async Task<Dictionary<string, string[]>?> TakeAsync(Guid id, string userId, string? browserKey, string path, CancellationToken ct = default)
    {
        if (browserKey is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var hash = Hash(browserKey);
        var form = await db.KeptForms.AsNoTracking()
            .SingleOrDefaultAsync(f => f.Id == id && f.UserId == userId && f.BrowserKeyHash == hash && f.Path == path && f.ExpiresAt > now, ct);
        // Claimed by the delete, so two tabs racing with the same address cannot both get it.
        if (form is null || await db.KeptForms.Where(f => f.Id == id).ExecuteDeleteAsync(ct) != 1)
        {
            return null;
        }

        return JsonSerializer.Deserialize<Dictionary<string, string[]>>(Protector(userId).Unprotect(form.Fields));
    }

    private IDataProtector Protector(string userId) => protection.CreateProtector("Section11.KeptForm.v1", userId);

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
