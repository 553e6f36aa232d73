using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Accounts;

public sealed record AccountListing(string UserId, string Email, string DisplayName, DateTime? DeactivatedAt);

public sealed record AccountRole(Role Role, string? Organisation);

public sealed record AccountDetails(AccountListing Account, IReadOnlyList<AccountRole> Roles);

public sealed record AccountSearch(IReadOnlyList<AccountListing> Accounts, bool More);

public enum AccountChange
{
    Done,
    NotFound,
    Refused,
}

public sealed record AccountChangeResult(AccountChange Outcome, IReadOnlyList<FieldError> Errors, int SessionsEnded = 0);

/// <summary>
/// A platform administrator finds accounts by email, and deactivates or reactivates them. Deactivating ends every
/// session at once and stops sign-in; roles are kept, so reactivating restores the person's access as it was.
/// API tokens belong to partnerships, not people, so they are not affected.
/// </summary>
public sealed class AccountAdministration(Section11DbContext db, SessionService sessions, SecurityLog log, TimeProvider time)
{
    public const int PageSize = 50;
    public const int MaxSearchLength = 256;

    /// <summary>Accounts whose email contains the text (any case), by email; all accounts when it is empty.</summary>
    public async Task<AccountSearch> SearchAsync(string? email, CancellationToken ct = default)
    {
        var text = (email ?? "").Trim();
        text = text.Length > MaxSearchLength ? text[..MaxSearchLength] : text;
        var query = db.Users.AsNoTracking();
        if (text.Length > 0)
        {
            var normalised = text.ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(normalised));
        }

        var found = await query.OrderBy(u => u.NormalizedEmail).Take(PageSize + 1)
            .Select(u => new AccountListing(u.Id, u.Email ?? "", u.DisplayName, u.DeactivatedAt)).ToListAsync(ct);
        return new([.. found.Take(PageSize)], found.Count > PageSize);
    }

    public async Task<AccountDetails?> FindAsync(string? userId, CancellationToken ct = default)
    {
        var account = string.IsNullOrEmpty(userId) ? null : await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new AccountListing(u.Id, u.Email ?? "", u.DisplayName, u.DeactivatedAt)).SingleOrDefaultAsync(ct);
        if (account is null)
        {
            return null;
        }

        var roles = await (from r in db.RoleAssignments.AsNoTracking()
                           where r.UserId == userId
                           join a in db.Agencies on r.AgencyId equals a.Id into agencies
                           from a in agencies.DefaultIfEmpty()
                           join p in db.Partnerships on r.PartnershipId equals p.Id into partnerships
                           from p in partnerships.DefaultIfEmpty()
                           orderby r.Id
                           select new AccountRole(r.Role, a != null ? a.Name : p != null ? p.Name : null)).ToListAsync(ct);
        return new(account, roles);
    }

    /// <summary>
    /// Stops the account signing in and ends all its sessions, in one transaction with the change log entry and the
    /// security event. Nobody may deactivate their own account (so a platform administrator is always left).
    /// </summary>
    public async Task<AccountChangeResult> DeactivateAsync(string userId, string byUserId, CancellationToken ct = default)
    {
        if (userId == byUserId)
        {
            return new(AccountChange.Refused, [new FieldError("", "You cannot deactivate your own account. Ask another platform administrator")]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return new(AccountChange.NotFound, []);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!user.Deactivate(now))
        {
            return new(AccountChange.Done, []);
        }

        db.Record(new Actor(byUserId, now), "User", user.Id, "Status", "Active", "Deactivated");
        await db.SaveChangesAsync(ct);
        var ended = await sessions.EndAllAsync(user.Id, SessionEndings.Deactivated, byUserId, ct);
        await log.RecordAsync(SecurityEventKinds.AccountDeactivated, user.Id, user.Email, null, $"by {byUserId}", ct);
        await transaction.CommitAsync(ct);
        return new(AccountChange.Done, [], ended);
    }

    /// <summary>Lets the account sign in again. Its old sessions stay ended: the person signs in afresh.</summary>
    public async Task<AccountChangeResult> ReactivateAsync(string userId, string byUserId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return new(AccountChange.NotFound, []);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!user.Reactivate())
        {
            return new(AccountChange.Done, []);
        }

        db.Record(new Actor(byUserId, now), "User", user.Id, "Status", "Deactivated", "Active");
        await db.SaveChangesAsync(ct);
        await log.RecordAsync(SecurityEventKinds.AccountReactivated, user.Id, user.Email, null, $"by {byUserId}", ct);
        await transaction.CommitAsync(ct);
        return new(AccountChange.Done, []);
    }
}
