using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Reporting.Exports;

namespace Section11.Core.Notifications;

/// <summary>The full export's email: the file someone asked for is ready.</summary>
public static partial class NotificationOutbox
{
    /// <summary>Export ready: the person who asked for it (unless they turned such emails off), linking to its progress page.</summary>
    public static async Task ExportReadyAsync(Section11DbContext db, ExportJob job, DateTime now, CancellationToken ct)
    {
        var partnership = await PartnershipNameAsync(db, job.PartnershipId, ct);
        var to = await db.Users.Where(u => u.Id == job.RequestedById && u.Email != null && u.DeactivatedAt == null && !u.OptionalEmailsOff)
            .Select(u => new Recipient(u.Id, null, job.PartnershipId)).ToListAsync(ct);
        var facts = new NotificationFacts("", "", partnership, job.ExpiresAt is { } expires ? DateOnly.FromDateTime(expires) : null,
            Summary: job.Format == "zip" ? "CSV files with a data dictionary (.zip)" : "JSON (.json)");
        Add(db, NotificationKinds.ExportReady, to, facts, NotificationEmails.Paths.DataExportJob(job.PartnershipId, job.Id), null, null, now);
    }
}
