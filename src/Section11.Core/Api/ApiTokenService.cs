using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Returns;

namespace Section11.Core.Api;

/// <summary>A token as the list shows it: never the secret.</summary>
public sealed record ApiTokenListing(
    int Id, int PartnershipId, string Name, string Prefix, DateTime CreatedAt, string CreatedByName, DateTime? LastUsedAt,
    DateTime? RevokedAt, string? RevokedByName)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>A token just issued. <see cref="Secret"/> is shown once and never stored.</summary>
/// <summary>Who is calling the API: the token, and the partnership it reads.</summary>
public sealed record AuthenticatedToken(int TokenId, int PartnershipId);

public sealed record IssuedApiToken(int Id, string Name, string Prefix, string Secret);

/// <summary>
/// API tokens of a partnership: issued and revoked by its administrators, presented by other systems as
/// <c>Authorization: Bearer s11_…</c>. The database keeps only the SHA-256 of each token.
/// </summary>
public sealed class ApiTokenService(Section11DbContext db, TimeProvider time)
{
    /// <summary>Every token starts with this, so one pasted somewhere it should not be is easy to recognise and search for.</summary>
    public const string TokenPrefix = "s11_";

    /// <summary>How long a token's LastUsedAt may lag: reads write at most once a minute per token.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const int PrefixLength = 12;

    // "s11_" and 32 random bytes in URL-safe base64 (43 characters).
    private const int TokenLength = 4 + 43;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<(IssuedApiToken? Issued, IReadOnlyList<FieldError> Errors)> IssueAsync(int partnershipId, string? name, string userId, CancellationToken ct = default)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return (null, [new("Name", "Enter a name for the token, for example the system that will use it")]);
        }

        if (trimmed.Length > InputLimits.TokenName)
        {
            return (null, [new("Name", InputLimits.TooLong("The name", InputLimits.TokenName))]);
        }

        if (await db.ApiTokens.AnyAsync(t => t.PartnershipId == partnershipId && t.RevokedAt == null && t.Name == trimmed, ct))
        {
            return (null, [new("Name", "An active token already has this name: choose another, or revoke that token first")]);
        }

        var secret = TokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            PartnershipId = partnershipId,
            Name = trimmed,
            Prefix = secret[..PrefixLength],
            TokenHash = Hash(secret),
            CreatedAt = Now,
            CreatedById = userId,
        };

        // The token's id exists only once it is inserted: the log row follows in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        db.Record(new Actor(userId, token.CreatedAt), "ApiToken", token.Id, "Issued", null, $"{token.Name} ({token.Prefix}…)");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (new IssuedApiToken(token.Id, token.Name, token.Prefix, secret), []);
    }

    /// <summary>The partnership's tokens, active first, newest first.</summary>
    public async Task<IReadOnlyList<ApiTokenListing>> ListAsync(int partnershipId, CancellationToken ct = default) =>
        [.. (await Listings(db.ApiTokens.Where(t => t.PartnershipId == partnershipId)).ToListAsync(ct))
            .OrderBy(t => t.IsActive ? 0 : 1).ThenByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)];

    /// <summary>One token of the partnership; null for a token of another partnership, as for one that does not exist.</summary>
    public Task<ApiTokenListing?> GetAsync(int partnershipId, int tokenId, CancellationToken ct = default) =>
        Listings(db.ApiTokens.Where(t => t.PartnershipId == partnershipId && t.Id == tokenId)).SingleOrDefaultAsync(ct);

    /// <summary>Revokes the token at once. False when the partnership has no such token; revoking twice changes nothing.</summary>
    public async Task<bool> RevokeAsync(int partnershipId, int tokenId, string userId, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.PartnershipId == partnershipId && t.Id == tokenId, ct);
        if (token is null)
        {
            return false;
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = Now;
            token.RevokedById = userId;
            db.Record(new Actor(userId, token.RevokedAt.Value), "ApiToken", token.Id, "Revoked", $"{token.Name} ({token.Prefix}…)", null);
            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    /// <summary>The token and the partnership it reads, or null for a malformed, unknown or revoked token.</summary>
    public async Task<AuthenticatedToken?> AuthenticateAsync(string? presented, CancellationToken ct = default)
    {
        if (!LooksLikeToken(presented))
        {
            return null;
        }

        var hash = Hash(presented!);
        var found = await db.ApiTokens.AsNoTracking().Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Select(t => new { t.Id, t.PartnershipId, t.TokenHash, t.LastUsedAt }).SingleOrDefaultAsync(ct);
        // The lookup is by an index on the hash; the final comparison does not stop at the first differing byte.
        if (found is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(found.TokenHash), Encoding.ASCII.GetBytes(hash)))
        {
            return null;
        }

        var now = Now;
        if (found.LastUsedAt is null || now - found.LastUsedAt.Value >= LastUsedResolution)
        {
            var threshold = now - LastUsedResolution;
            // Conditional, so two nodes seeing the same stale time write it once between them.
            await db.ApiTokens.Where(t => t.Id == found.Id && (t.LastUsedAt == null || t.LastUsedAt <= threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }

        return new(found.Id, found.PartnershipId);
    }

    /// <summary>
    /// Logs one call against its token. One insert per call and no update, so calls at once never wait on each other;
    /// not in the change log, which records changes to data, and this changes none.
    /// </summary>
    public async Task RecordCallAsync(int tokenId, string method, string path, int status, TimeSpan duration, CancellationToken ct = default)
    {
        db.ApiCalls.Add(new ApiCall
        {
            ApiTokenId = tokenId, At = Now, Method = method, Path = path.Length > ApiCall.MaxPathLength ? path[..ApiCall.MaxPathLength] : path,
            Status = status, DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds),
        });
        await db.SaveChangesAsync(ct);
    }


    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static bool LooksLikeToken(string? token) =>
        token is { Length: TokenLength } && token.StartsWith(TokenPrefix, StringComparison.Ordinal)
        && token.Skip(TokenPrefix.Length).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private IQueryable<ApiTokenListing> Listings(IQueryable<ApiToken> tokens) =>
        tokens.AsNoTracking().Select(t => new ApiTokenListing(t.Id, t.PartnershipId, t.Name, t.Prefix, t.CreatedAt,
            db.Users.Where(u => u.Id == t.CreatedById).Select(u => u.DisplayName).FirstOrDefault() ?? "Unknown", t.LastUsedAt, t.RevokedAt,
            db.Users.Where(u => u.Id == t.RevokedById).Select(u => u.DisplayName).FirstOrDefault()));
}
