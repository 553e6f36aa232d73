using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Notifications;

namespace Section11.Core.Review;

/// <summary>
/// Reminds the agency's leads when an evidence request's wanted-by date has come and it is still unanswered (the review
/// awaiting the agency). Each note is claimed by a conditional UPDATE of <see cref="ReviewNote.DueReminderAt"/> that only
/// one node wins, in the same transaction as the email's outbox row, so the reminder goes once however many nodes run this.
/// </summary>
public sealed class EvidenceReminderService(Section11DbContext db, TimeProvider time)
{
    /// <summary>Puts every due evidence reminder in the outbox. Returns how many this node claimed (one per receipt and date).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var due = await (from n in db.ReviewNotes.AsNoTracking()
                         join x in db.Receipts on n.ReceiptId equals x.Id
                         where n.Kind == NoteKind.EvidenceRequest && n.SentAt != null && n.DueReminderAt == null && n.WantedBy <= today
                             && x.ReviewState == ReviewState.AwaitingAgency && x.ReturnId != null
                             && !db.ReviewAnswers.Any(a => a.NoteId == n.Id && a.SentAt != null)
                         select new { n.Id, WantedBy = n.WantedBy!.Value, ReceiptId = x.Id, ReturnId = x.ReturnId!.Value, x.RoundId, x.AgencyId }).ToListAsync(ct);
        var count = 0;
        foreach (var group in due.GroupBy(d => (d.ReceiptId, d.ReturnId, d.RoundId, d.AgencyId, d.WantedBy)))
        {
            var ids = group.Select(d => d.Id).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.ReviewNotes.Where(n => ids.Contains(n.Id) && n.DueReminderAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.DueReminderAt, now), ct);
            if (claimed == 0)
            {
                // Another node claimed them first.
                continue;
            }

            var (receiptId, returnId, roundId, agencyId, wantedBy) = group.Key;
            await NotificationOutbox.EvidenceDueAsync(db, receiptId, returnId, roundId, agencyId, wantedBy, now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            count++;
        }

        return count;
    }
}
