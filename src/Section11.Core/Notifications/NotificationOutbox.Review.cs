using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Notifications;

/// <summary>The review's emails after the challenges go out: the agency's answers, the end of moderation, evidence due.</summary>
public static partial class NotificationOutbox
{
    /// <summary>The agency answered: the receipt's assigned reviewers, or its partnership's administrators when none is assigned.</summary>
    public static async Task AgencyAnsweredAsync(Section11DbContext db, Receipt receipt, string summary, DateTime now, CancellationToken ct)
    {
        var facts = await FactsAsync(db, receipt.ReturnId!.Value, receipt.RoundId, ct) with { Summary = summary };
        var partnershipId = await db.Rounds.Where(r => r.Id == receipt.RoundId).Select(r => r.PartnershipId).SingleAsync(ct);
        var reviewers = await db.ReviewAssignments.Where(a => a.ReceiptId == receipt.Id)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => u)
            .Where(u => u.Email != null && u.DeactivatedAt == null)
            .Select(u => new Recipient(u.Id, null, partnershipId))
            .ToListAsync(ct);
        var to = reviewers.Count > 0 ? reviewers : await PeopleAsync(db, NotificationKinds.AgencyAnswered, Role.PartnershipAdministrator, null, partnershipId, ct);
        Add(db, NotificationKinds.AgencyAnswered, to, facts, NotificationEmails.Paths.Review(partnershipId, receipt.RoundId, receipt.Id), receipt.ReturnId, receipt.RoundId, now);
    }

    /// <summary>Moderation finished: the agency's leads, linking to the review's threads on their return.</summary>
    public static async Task ModerationFinishedAsync(Section11DbContext db, Receipt receipt, DateTime now, CancellationToken ct)
    {
        var facts = await FactsAsync(db, receipt.ReturnId!.Value, receipt.RoundId, ct);
        var leads = await PeopleAsync(db, NotificationKinds.ModerationFinished, Role.AgencyLead, [receipt.AgencyId], null, ct);
        Add(db, NotificationKinds.ModerationFinished, leads, facts, NotificationEmails.Paths.ReturnReview(receipt.ReturnId.Value, receipt.Id), receipt.ReturnId, receipt.RoundId, now);
    }

    /// <summary>An evidence request's wanted-by date has come and it is unanswered: the agency's leads.</summary>
    public static async Task EvidenceDueAsync(Section11DbContext db, int receiptId, int returnId, int roundId, int agencyId, DateOnly wantedBy, DateTime now, CancellationToken ct)
    {
        var facts = await FactsAsync(db, returnId, roundId, ct) with { Date = wantedBy };
        var leads = await PeopleAsync(db, NotificationKinds.EvidenceDue, Role.AgencyLead, [agencyId], null, ct);
        Add(db, NotificationKinds.EvidenceDue, leads, facts, NotificationEmails.Paths.ReturnReview(returnId, receiptId), returnId, roundId, now);
    }

    /// <summary>A feedback letter sent: the agency's leads, with the follow-up date, linking to the letter on their return.</summary>
    public static async Task LetterSentAsync(Section11DbContext db, Receipt receipt, DateOnly followUpOn, DateTime now, CancellationToken ct)
    {
        var facts = await FactsAsync(db, receipt.ReturnId!.Value, receipt.RoundId, ct) with { Date = followUpOn };
        var leads = await PeopleAsync(db, NotificationKinds.LetterSent, Role.AgencyLead, [receipt.AgencyId], null, ct);
        Add(db, NotificationKinds.LetterSent, leads, facts, NotificationEmails.Paths.ReturnLetter(receipt.ReturnId.Value, receipt.Id), receipt.ReturnId, receipt.RoundId, now);
    }
}
