using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Core.Data;
using Section11.Core.Email;

namespace Section11.Core.Notifications;

/// <summary>Settings under "Notifications".</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Send the outbox in the background. Tests switch it off and call the dispatcher themselves.</summary>
    public bool Enabled { get; set; } = true;

    public int IntervalMinutes { get; set; } = 1;

    /// <summary>Write the administrators' weekly digests of open rounds on each pass (<see cref="WeeklyDigestService"/>).</summary>
    public bool WeeklyDigest { get; set; } = true;

    /// <summary>How many times a failing send is tried before the row is left unsent (its last error kept).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first failure; it doubles with each further one.</summary>
    public int RetryAfterMinutes { get; set; } = 5;

    /// <summary>How many rows one pass looks at.</summary>
    public int BatchSize { get; set; } = 200;
}

/// <summary>
/// Sends the outbox. Each row is claimed by a conditional UPDATE (<c>… SET ClaimedAt = now WHERE Id = @id AND
/// ClaimedAt IS NULL AND SentAt IS NULL</c>) that only one node's statement can match, then sent, then marked sent. A
/// failed send releases the claim for a later pass, up to <see cref="NotificationOptions.MaxAttempts"/>; a sent row is
/// never claimed again. A node that dies between the SMTP server's "OK" and recording it leaves the row claimed and
/// unsent: it is not retried, since it may have gone (at most once, not at least once).
/// </summary>
public sealed class NotificationDispatcher(
    Section11DbContext db, EmailSender email, IOptions<NotificationOptions> options, IOptions<AccountOptions> accounts, TimeProvider time,
    ILogger<NotificationDispatcher> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Sends every row that is due and unclaimed. Returns how many this node sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        var now = Now;
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.SentAt == null && n.ClaimedAt == null && n.Attempts < settings.MaxAttempts && (n.NextAttemptAt == null || n.NextAttemptAt <= now))
            .OrderBy(n => n.Id).Take(settings.BatchSize)
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { Row = n, u.Email, u.DisplayName })
            .ToListAsync(ct);
        var sent = 0;
        foreach (var item in due)
        {
            var id = item.Row.Id;
            var claimed = await db.Notifications.Where(n => n.Id == id && n.ClaimedAt == null && n.SentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedAt, Now).SetProperty(n => n.Attempts, n => n.Attempts + 1), ct);
            if (claimed == 0)
            {
                continue; // another node won it
            }

            try
            {
                if (item.Email is null)
                {
                    throw new InvalidOperationException("The account has no email address.");
                }

                var facts = NotificationOutbox.ReadFacts(item.Row.Facts);
                var link = accounts.Value.LinkBase(null) + item.Row.Path;
                await email.SendAsync(NotificationEmails.Message(item.Email, item.DisplayName, item.Row.Kind, facts, link), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var attempts = item.Row.Attempts + 1;
                var retryAt = Now.AddMinutes(settings.RetryAfterMinutes * Math.Pow(2, attempts - 1));
                var error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                await db.Notifications.Where(n => n.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedAt, (DateTime?)null).SetProperty(n => n.NextAttemptAt, retryAt).SetProperty(n => n.LastError, error), CancellationToken.None);
                logger.LogWarning(e, "Notification {Id} ({Kind}) not sent, attempt {Attempt} of {Max}", id, item.Row.Kind, attempts, settings.MaxAttempts);
                continue;
            }

            await db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.SentAt, Now).SetProperty(n => n.LastError, (string?)null), CancellationToken.None);
            sent++;
        }

        return sent;
    }
}
