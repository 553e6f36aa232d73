using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Rounds;

namespace Section11.Core.Notifications;

/// <summary>
/// Puts an event's emails in the outbox: each method adds <see cref="Notification"/> rows to the context and does not
/// save. The service that performs the event calls it just before its own SaveChanges, so the rows commit (or roll
/// back, or are cleared with the tracker on a lost race) with the event itself. Who gets what is decided here.
/// </summary>
public static partial class NotificationOutbox
{
    private sealed record Recipient(string UserId, int? AgencyId, int? PartnershipId);

    /// <summary>Round launched: each agency's leads, with the date and a link to the return (or to the choice, when the agency is asked to share one).</summary>
    public static async Task RoundLaunchedAsync(Section11DbContext db, Round round, IReadOnlyCollection<Receipt> receipts, DateTime now, CancellationToken ct)
    {
        var partnership = await PartnershipNameAsync(db, round.PartnershipId, ct);
        var leads = await PeopleAsync(db, NotificationKinds.RoundLaunched, Role.AgencyLead, [.. receipts.Select(x => x.AgencyId)], null, ct);
        foreach (var receipt in receipts)
        {
            var facts = new NotificationFacts(receipt.Agency.Name, round.Title, partnership, receipt.DueOn, Asked: receipt.ReturnId is null);
            Add(db, NotificationKinds.RoundLaunched, leads.Where(l => l.AgencyId == receipt.AgencyId), facts, PathFor(receipt), receipt.ReturnId, round.Id, now);
        }
    }

    /// <summary>Sent for sign-off: the agency's senior signatories.</summary>
    public static async Task SignOffRequestedAsync(Section11DbContext db, Return entity, DateTime now, CancellationToken ct)
    {
        var facts = await FactsAsync(db, entity.Id, null, ct);
        var signatories = await PeopleAsync(db, NotificationKinds.SignOffRequested, Role.SeniorSignatory, [entity.AgencyId], null, ct);
        Add(db, NotificationKinds.SignOffRequested, signatories, facts, NotificationEmails.Paths.Return(entity.Id), entity.Id, null, now);
    }

    /// <summary>Submitted: for each receipt, the agency's leads and that partnership's administrators, with the reference.</summary>
    public static async Task SubmittedAsync(Section11DbContext db, Return entity, DateTime now, CancellationToken ct)
    {
        var leads = await PeopleAsync(db, NotificationKinds.Submitted, Role.AgencyLead, [entity.AgencyId], null, ct);
        foreach (var receipt in entity.Receipts)
        {
            var facts = await FactsAsync(db, entity.Id, receipt.RoundId, ct) with { Reference = NotificationEmails.Reference(entity.Id) };
            // The receipts' rounds are loaded with the return (its lock is judged from them).
            var administrators = await PeopleAsync(db, NotificationKinds.Submitted, Role.PartnershipAdministrator, null, receipt.Round.PartnershipId, ct);
            Add(db, NotificationKinds.Submitted, [.. leads, .. administrators], facts, NotificationEmails.Paths.ViewReturn(entity.Id), entity.Id, receipt.RoundId, now);
        }
    }

    /// <summary>Returned for changes by one partnership: the agency's leads, with its reason.</summary>
    public static async Task ReturnedForChangesAsync(Section11DbContext db, Receipt receipt, DateTime now, CancellationToken ct)
    {
        var facts = await FactsAsync(db, receipt.ReturnId!.Value, receipt.RoundId, ct) with { Reason = receipt.ReturnedReason };
        var leads = await PeopleAsync(db, NotificationKinds.ReturnedForChanges, Role.AgencyLead, [receipt.AgencyId], null, ct);
        Add(db, NotificationKinds.ReturnedForChanges, leads, facts, NotificationEmails.Paths.Return(receipt.ReturnId.Value), receipt.ReturnId, receipt.RoundId, now);
    }

    /// <summary>Date extended: the agency's leads, with the new date.</summary>
    public static async Task DateExtendedAsync(Section11DbContext db, Receipt receipt, DateTime now, CancellationToken ct)
    {
        var facts = await FactsAsync(db, receipt.ReturnId!.Value, receipt.RoundId, ct) with { Date = receipt.DueOn };
        var leads = await PeopleAsync(db, NotificationKinds.DateExtended, Role.AgencyLead, [receipt.AgencyId], null, ct);
        Add(db, NotificationKinds.DateExtended, leads, facts, NotificationEmails.Paths.Return(receipt.ReturnId.Value), receipt.ReturnId, receipt.RoundId, now);
    }

    /// <summary>Challenges and evidence requests sent by a partnership's reviewers: the agency's leads, with what is asked.</summary>
    public static async Task ChallengesSentAsync(Section11DbContext db, Receipt receipt, string summary, DateTime now, CancellationToken ct)
    {
        var facts = await FactsAsync(db, receipt.ReturnId!.Value, receipt.RoundId, ct) with { Summary = summary };
        var leads = await PeopleAsync(db, NotificationKinds.ChallengesSent, Role.AgencyLead, [receipt.AgencyId], null, ct);
        Add(db, NotificationKinds.ChallengesSent, leads, facts, NotificationEmails.Paths.Return(receipt.ReturnId.Value), receipt.ReturnId, receipt.RoundId, now);
    }

    /// <summary>A chase from the tracker: the leads of each receipt not yet submitted. Returns how many people it emails.</summary>
    public static async Task<int> ChaseAsync(Section11DbContext db, IReadOnlyCollection<ChaseTarget> targets, DateTime now, CancellationToken ct)
    {
        var leads = await PeopleAsync(db, NotificationKinds.Chase, Role.AgencyLead, [.. targets.Select(t => t.AgencyId)], null, ct);
        var count = 0;
        foreach (var target in targets)
        {
            var mine = leads.Where(l => l.AgencyId == target.AgencyId).ToList();
            Add(db, NotificationKinds.Chase, mine, target.Facts, target.Path, target.ReturnId, target.RoundId, now);
            count += mine.Count;
        }

        return count;
    }

    /// <summary>The receipt's link: its return, or the share-or-start choice while it has none.</summary>
    public static string PathFor(Receipt receipt) =>
        receipt.ReturnId is { } returnId ? NotificationEmails.Paths.Return(returnId) : NotificationEmails.Paths.ReturnRequest(receipt.AgencyId, receipt.Id);

    public static NotificationFacts ReadFacts(string json) => JsonSerializer.Deserialize<NotificationFacts>(json)!;

    private static void Add(Section11DbContext db, string kind, IEnumerable<Recipient> to, NotificationFacts facts, string path, int? returnId, int? roundId, DateTime now)
    {
        var json = JsonSerializer.Serialize(facts);
        var subject = NotificationEmails.Subject(kind, facts);
        foreach (var userId in to.Select(r => r.UserId).Distinct())
        {
            db.Notifications.Add(new Notification
            {
                UserId = userId, Kind = kind, Subject = subject.Length > 400 ? subject[..400] : subject, Path = path, Facts = json,
                ReturnId = returnId, RoundId = roundId, CreatedAt = now,
            });
        }
    }

    /// <summary>The people who hold the role (for these agencies, or for the partnership) and can be emailed this kind.</summary>
    private static async Task<List<Recipient>> PeopleAsync(Section11DbContext db, string kind, Role role, IReadOnlyCollection<int>? agencyIds, int? partnershipId, CancellationToken ct)
    {
        var essential = NotificationKinds.IsEssential(kind);
        var roles = db.RoleAssignments.Where(r => r.Role == role);
        roles = agencyIds is not null ? roles.Where(r => r.AgencyId != null && agencyIds.Contains(r.AgencyId.Value)) : roles.Where(r => r.PartnershipId == partnershipId);
        return await roles
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r, u })
            .Where(x => x.u.Email != null && x.u.DeactivatedAt == null && (essential || !x.u.OptionalEmailsOff))
            .Select(x => new Recipient(x.u.Id, x.r.AgencyId, x.r.PartnershipId))
            .ToListAsync(ct);
    }

    private static Task<string> PartnershipNameAsync(Section11DbContext db, int partnershipId, CancellationToken ct) =>
        db.Partnerships.Where(p => p.Id == partnershipId).Select(p => p.Name).SingleAsync(ct);

    /// <summary>The return's agency, and the round (one, or with none given every round it goes to) with its partnership and date.</summary>
    private static async Task<NotificationFacts> FactsAsync(Section11DbContext db, int returnId, int? roundId, CancellationToken ct)
    {
        var rows = await db.Receipts.AsNoTracking().Where(x => x.ReturnId == returnId && (roundId == null || x.RoundId == roundId))
            .OrderBy(x => x.DueOn)
            .Select(x => new { Agency = x.Agency.Name, Round = x.Round.Title, Partnership = x.Round.Partnership.Name, x.DueOn })
            .ToListAsync(ct);
        return new NotificationFacts(rows[0].Agency, string.Join(" and ", rows.Select(r => r.Round).Distinct()),
            string.Join(" and ", rows.Select(r => r.Partnership).Distinct()), rows[0].DueOn);
    }
}

/// <summary>One agency a chase goes to: its facts, its link, and its receipt's round and return.</summary>
public sealed record ChaseTarget(int AgencyId, int RoundId, int? ReturnId, NotificationFacts Facts, string Path);
