using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Email;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Notifications;

/// <summary>A notification as its recipient's account page lists it.</summary>
public sealed record SentNotification(string Subject, string Kind, DateTime CreatedAt, DateTime? SentAt);

/// <summary>An agency a chase can go to: not yet submitted in the round; <see cref="Leads"/> is how many of its leads would be emailed (as the outbox decides).</summary>
public sealed record ChaseChoice(int AgencyId, string AgencyName, DateOnly DueOn, int Leads);

/// <summary>What a chase would send: the agencies, and the email as the first of them would get it.</summary>
public sealed record ChasePreview(IReadOnlyList<ChaseChoice> Agencies, EmailMessage Example);

/// <summary>A person's notifications and their setting; the manual chase from a round's tracker.</summary>
public sealed class NotificationService(Section11DbContext db, TimeProvider time)
{
    /// <summary>Shown in the preview where each lead's own name goes.</summary>
    public const string PreviewName = "[the lead's name]";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<SentNotification>> GetForUserAsync(string userId, int take = 20, CancellationToken ct = default) =>
        await db.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take)
            .Select(n => new SentNotification(n.Subject, n.Kind, n.CreatedAt, n.SentAt))
            .ToListAsync(ct);

    public Task<bool> GetOptionalEmailsOffAsync(string userId, CancellationToken ct = default) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.OptionalEmailsOff).SingleAsync(ct);

    /// <summary>Turns the optional notifications on or off for the person (essential ones always go).</summary>
    public async Task SetOptionalEmailsAsync(string userId, bool receive, CancellationToken ct = default)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        if (user.OptionalEmailsOff == !receive)
        {
            return;
        }

        db.Record(new Actor(userId, Now), "User", userId, nameof(ApplicationUser.OptionalEmailsOff), Flag(user.OptionalEmailsOff), Flag(!receive));
        user.OptionalEmailsOff = !receive;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The round's agencies that have not submitted, which a chase may go to.</summary>
    public async Task<IReadOnlyList<ChaseChoice>> GetChaseChoicesAsync(int roundId, CancellationToken ct = default) =>
        await db.Receipts.AsNoTracking()
            // A closed round's figures are final: nobody is chased for it.
            .Where(x => x.RoundId == roundId && x.Round.ClosedAt == null && (x.Return == null || x.Return.Status != ReturnLifecycle.CountingStatus))
            .OrderBy(x => x.Agency.Name)
            .Select(x => new ChaseChoice(x.AgencyId, x.Agency.Name, x.DueOn,
                db.RoleAssignments.Count(r => r.AgencyId == x.AgencyId && r.Role == Role.AgencyLead
                    && db.Users.Any(u => u.Id == r.UserId && u.Email != null && u.DeactivatedAt == null && !u.OptionalEmailsOff))))
            .ToListAsync(ct);

    /// <summary>The chase to one agency (or, with none, every agency not submitted); null when there is nobody to chase.</summary>
    public async Task<ChasePreview?> PreviewChaseAsync(int roundId, int? agencyId, string linkBase, CancellationToken ct = default)
    {
        var targets = await TargetsAsync(roundId, agencyId, ct);
        if (targets.Count == 0)
        {
            return null;
        }

        var choices = (await GetChaseChoicesAsync(roundId, ct)).Where(c => targets.Any(t => t.AgencyId == c.AgencyId)).ToList();
        var first = targets[0];
        return new ChasePreview(choices, NotificationEmails.Message("", PreviewName, NotificationKinds.Chase, first.Facts, linkBase + first.Path));
    }

    /// <summary>Puts the chase in the outbox (sent within a minute) and records it on each receipt. Returns how many people it emails.</summary>
    public async Task<(int Agencies, int People)> ChaseAsync(int roundId, int? agencyId, string userId, CancellationToken ct = default)
    {
        var targets = await TargetsAsync(roundId, agencyId, ct);
        if (targets.Count == 0)
        {
            return (0, 0);
        }

        var actor = new Actor(userId, Now);
        var receipts = await db.Receipts.AsNoTracking().Where(x => x.RoundId == roundId).Select(x => new { x.Id, x.AgencyId }).ToListAsync(ct);
        foreach (var target in targets)
        {
            // In the change log, not the return's history: a chase changes nothing of the return or its receipt.
            var receipt = receipts.Single(x => x.AgencyId == target.AgencyId);
            db.Record(actor, "Receipt", receipt.Id, "ChasedAt", null, actor.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        var people = await NotificationOutbox.ChaseAsync(db, targets, actor.At, ct);
        await db.SaveChangesAsync(ct);
        return (targets.Count, people);
    }

    private async Task<List<ChaseTarget>> TargetsAsync(int roundId, int? agencyId, CancellationToken ct)
    {
        var rows = await db.Receipts.AsNoTracking()
            .Where(x => x.RoundId == roundId && x.Round.ClosedAt == null && (x.Return == null || x.Return.Status != ReturnLifecycle.CountingStatus) && (agencyId == null || x.AgencyId == agencyId))
            .OrderBy(x => x.Agency.Name)
            .Select(x => new { Receipt = x, Agency = x.Agency.Name, Round = x.Round.Title, Partnership = x.Round.Partnership.Name })
            .ToListAsync(ct);
        return [.. rows.Select(r => new ChaseTarget(r.Receipt.AgencyId, roundId, r.Receipt.ReturnId,
            new NotificationFacts(r.Agency, r.Round, r.Partnership, r.Receipt.DueOn, Asked: r.Receipt.ReturnId is null), NotificationOutbox.PathFor(r.Receipt)))];
    }

    /// <summary>The chase form's choice: "all", or one of the agencies offered. Returns the agency (null for all) or the error.</summary>
    public static (int? AgencyId, FieldError? Error) CheckChoice(string? to, IReadOnlyList<ChaseChoice> choices)
    {
        if (string.IsNullOrWhiteSpace(to))
        {
            return (null, new FieldError("To", "Select which agencies to chase"));
        }

        if (to == AllAgencies)
        {
            return (null, null);
        }

        return int.TryParse(to, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && choices.Any(c => c.AgencyId == id)
            ? (id, null)
            : (null, new FieldError("To", "Select which agencies to chase") { Tampered = true });
    }

    /// <summary>The chase form's value for every agency not yet submitted.</summary>
    public const string AllAgencies = "all";

    private static string Flag(bool value) => value ? "true" : "false";
}
