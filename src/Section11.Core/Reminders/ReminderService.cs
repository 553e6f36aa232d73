using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Core.Data;
using Section11.Core.Email;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Reminders;

/// <summary>Settings under "Reminders".</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Look for due reminders in the background. Tests switch it off and call the service themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many days before the return-by date the reminder goes.</summary>
    public int DaysBefore { get; set; } = 7;

    public int IntervalMinutes { get; set; } = 15;
}

public static class ReminderKinds
{
    public const string BeforeDue = "before-due";
    public const string Overdue = "overdue";
}

/// <summary>
/// Reminds agency leads before their return is due and once it is overdue. Each reminder is first claimed by
/// inserting a row that a unique index allows only once (return, kind, due date), then sent; a node that loses the
/// race for the claim sends nothing. So each goes out once however many nodes run this, and an extended date earns
/// fresh reminders.
/// </summary>
public sealed class ReminderService(
    Section11DbContext db, EmailSender email, IOptions<ReminderOptions> options, IOptions<AccountOptions> accounts, TimeProvider time, ILogger<ReminderService> logger)
{
    public sealed record Due(int ReturnId, string Kind, DateOnly DueOn, string AgencyName, string RoundTitle);

    public async Task<IReadOnlyList<Due>> FindDueAsync(CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var warnFrom = today.AddDays(options.Value.DaysBefore);
        var open = await db.Receipts.AsNoTracking()
            .Where(x => x.Round.LaunchedAt != null && x.Return != null && x.Return.Status != ReturnLifecycle.CountingStatus)
            .Select(x => new { Id = x.ReturnId!.Value, x.DueOn, Agency = x.Agency.Name, Round = x.Round.Title })
            .Where(r => r.DueOn <= warnFrom)
            .ToListAsync(ct);
        var sent = await db.RemindersSent.AsNoTracking()
            .Where(s => open.Select(o => o.Id).Contains(s.ReturnId))
            .Select(s => new { s.ReturnId, s.Kind, s.DueOn })
            .ToListAsync(ct);
        return [.. open
            .Select(r => new Due(r.Id, today > r.DueOn ? ReminderKinds.Overdue : ReminderKinds.BeforeDue, r.DueOn, r.Agency, r.Round))
            .Where(d => !sent.Any(s => s.ReturnId == d.ReturnId && s.Kind == d.Kind && s.DueOn == d.DueOn))];
    }

    /// <summary>Sends every reminder that is due and not yet claimed. Returns how many this node sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var count = 0;
        foreach (var due in await FindDueAsync(ct))
        {
            if (!await ClaimAsync(due, ct))
            {
                continue;
            }

            var leads = await db.RoleAssignments.AsNoTracking()
                .Where(r => r.Role == Role.AgencyLead && db.Returns.Any(x => x.Id == due.ReturnId && x.AgencyId == r.AgencyId))
                .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { u.Email, u.DisplayName })
                .ToListAsync(ct);
            var link = $"{accounts.Value.LinkBase(null)}/returns/{due.ReturnId}";
            foreach (var lead in leads.Where(l => l.Email is not null))
            {
                await email.SendAsync(Message(due, lead.Email!, lead.DisplayName, link), ct);
            }

            await db.RemindersSent.Where(s => s.ReturnId == due.ReturnId && s.Kind == due.Kind && s.DueOn == due.DueOn)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.SentAt, time.GetUtcNow().UtcDateTime), ct);
            count++;
        }

        return count;
    }

    private async Task<bool> ClaimAsync(Due due, CancellationToken ct)
    {
        db.RemindersSent.Add(new ReminderSent { ReturnId = due.ReturnId, Kind = due.Kind, DueOn = due.DueOn, ClaimedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node claimed it first.
            db.ChangeTracker.Clear();
            logger.LogDebug("Reminder {Kind} for return {ReturnId} already claimed", due.Kind, due.ReturnId);
            return false;
        }
    }

    private static EmailMessage Message(Due due, string to, string name, string link)
    {
        var date = due.DueOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var (subject, opening) = due.Kind == ReminderKinds.Overdue
            ? ($"Your Section 11 return is overdue: {due.AgencyName}", $"{Wording.Possessive(due.AgencyName)} Section 11 return for {due.RoundTitle} was due on {date} and has not been submitted.")
            : ($"Your Section 11 return is due on {date}: {due.AgencyName}", $"{Wording.Possessive(due.AgencyName)} Section 11 return for {due.RoundTitle} is due on {date}.");
        return new EmailMessage(to, name, subject,
            $"""
            Dear {name},

            {opening}

            To continue the return, sign in and go to:
            {link}

            When every standard is complete, send it to your senior signatory to sign off and submit.

            If you need more time, ask your safeguarding partnership: they can extend the date for your agency.

            {AccountEmails.ServiceName}

            This email was sent automatically by the {AccountEmails.ServiceName} service. Replies are not read.
            """);
    }
}
