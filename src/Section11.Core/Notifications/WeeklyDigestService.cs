using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Rounds;

namespace Section11.Core.Notifications;

/// <summary>
/// Writes each partnership administrator, once a week while a round is open (launched, not closed), a digest of it:
/// its receipts by tracker status, the returns submitted since their last digest, and the agencies overdue. Each
/// digest is claimed by inserting a <see cref="WeeklyDigest"/> row under a unique index (round, person, week) in the
/// same SaveChanges as its outbox row, so however many nodes run this together one digest is written; the
/// dispatcher then sends it once. An optional kind: a person who turned optional emails off gets none.
/// </summary>
public sealed class WeeklyDigestService(Section11DbContext db, TimeProvider time, ILogger<WeeklyDigestService> logger)
{
    /// <summary>The tracker statuses an open round's digest counts, in the tracker's order.</summary>
    private static readonly TrackerStatus[] Counted =
    [
        TrackerStatus.NotStarted, TrackerStatus.InProgress, TrackerStatus.AwaitingSignOff, TrackerStatus.Submitted,
        TrackerStatus.ReturnedForChanges, TrackerStatus.BeingRevised, TrackerStatus.Overdue,
    ];

    /// <summary>Writes every digest that is due and not yet claimed. Returns how many this node wrote.</summary>
    public async Task<int> WriteDueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var rounds = (await db.Rounds.AsNoTracking().Where(r => r.LaunchedAt != null && r.ClosedAt == null)
                .Select(r => new { r.Id, r.PartnershipId, r.Title, r.DueOn, Partnership = r.Partnership.Name, LaunchedAt = r.LaunchedAt!.Value })
                .ToListAsync(ct))
            .Select(r => new { Round = r, Week = Week(r.LaunchedAt, now) })
            .Where(r => r.Week >= 1)
            .ToList();
        if (rounds.Count == 0)
        {
            return 0;
        }

        var roundIds = rounds.Select(r => r.Round.Id).ToList();
        var partnershipIds = rounds.Select(r => r.Round.PartnershipId).Distinct().ToList();
        var administrators = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Role.PartnershipAdministrator && r.PartnershipId != null && partnershipIds.Contains(r.PartnershipId.Value))
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r.PartnershipId, u.Id, u.Email, u.DeactivatedAt, u.OptionalEmailsOff })
            .Where(x => x.Email != null && x.DeactivatedAt == null && !x.OptionalEmailsOff)
            .Select(x => new { PartnershipId = x.PartnershipId!.Value, UserId = x.Id })
            .ToListAsync(ct);
        var written = await db.WeeklyDigests.AsNoTracking().Where(d => roundIds.Contains(d.RoundId))
            .Select(d => new { d.RoundId, d.UserId, d.Week, d.CreatedAt }).ToListAsync(ct);
        var receipts = await db.Receipts.AsNoTracking().Where(x => roundIds.Contains(x.RoundId))
            .Select(x => new
            {
                x.RoundId, Agency = x.Agency.Name, Status = x.Return == null ? (ReturnStatus?)null : x.Return.Status, x.Return!.LastActivityAt, x.DueOn,
                Returned = x.ReturnedReason != null, x.Return.SubmittedAt,
            })
            .ToListAsync(ct);

        var count = 0;
        foreach (var (round, week) in rounds.Select(r => (r.Round, r.Week)))
        {
            var mine = receipts.Where(x => x.RoundId == round.Id)
                .Select(x => (x.Agency, x.SubmittedAt, Status: RoundService.Track(x.Status, x.LastActivityAt, x.DueOn, x.Returned, today)))
                .ToList();
            foreach (var userId in administrators.Where(a => a.PartnershipId == round.PartnershipId).Select(a => a.UserId).Distinct())
            {
                var earlier = written.Where(d => d.RoundId == round.Id && d.UserId == userId).ToList();
                if (earlier.Any(d => d.Week >= week))
                {
                    continue;
                }

                var since = earlier.Count == 0 ? (DateTime?)null : earlier.Max(d => d.CreatedAt);
                var submittedSince = mine.Count(x => x.Status == TrackerStatus.Submitted && x.SubmittedAt > (since ?? round.LaunchedAt));
                var facts = new NotificationFacts("", round.Title, round.Partnership, round.DueOn,
                    Summary: Summary([.. mine.Select(x => (x.Agency, x.Status))], submittedSince, since is null),
                    Headline: Headline([.. mine.Select(x => x.Status)]));
                if (await ClaimAsync(new WeeklyDigest { RoundId = round.Id, UserId = userId, Week = week, CreatedAt = now }, facts, round.PartnershipId, ct))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Whole weeks since the launch: every node computes the same number, which the unique index claims.</summary>
    public static int Week(DateTime launchedAt, DateTime now) => (int)Math.Floor((now - launchedAt).TotalDays / 7);

    /// <summary>"2 of 5 returns submitted, 1 overdue": the subject line.</summary>
    public static string Headline(IReadOnlyCollection<TrackerStatus> statuses) =>
        $"{statuses.Count(s => s == TrackerStatus.Submitted)} of {Wording.Count(statuses.Count, "return", "returns")} submitted, {statuses.Count(s => s == TrackerStatus.Overdue)} overdue";

    /// <summary>The digest's figures, one a line: each status, what was submitted since the last digest, and who is overdue.</summary>
    public static string Summary(IReadOnlyCollection<(string Agency, TrackerStatus Status)> receipts, int submittedSince, bool first)
    {
        var lines = Counted.Select(s => $"{s.Label()}: {receipts.Count(r => r.Status == s)}").ToList();
        lines.Add($"Submitted since {(first ? "the round was launched" : "your last weekly digest")}: {Wording.Count(submittedSince, "return", "returns")}");
        var overdue = receipts.Where(r => r.Status == TrackerStatus.Overdue).Select(r => r.Agency).Order(StringComparer.Ordinal).ToList();
        lines.Add(overdue.Count == 0 ? "Overdue agencies: none" : $"Overdue agencies: {string.Join(", ", overdue)}");
        return string.Join("\n", lines);
    }

    /// <summary>The claim and the email in one SaveChanges: a node that loses the unique index writes neither.</summary>
    private async Task<bool> ClaimAsync(WeeklyDigest digest, NotificationFacts facts, int partnershipId, CancellationToken ct)
    {
        var subject = NotificationEmails.Subject(NotificationKinds.WeeklyDigest, facts);
        db.WeeklyDigests.Add(digest);
        db.Notifications.Add(new Notification
        {
            UserId = digest.UserId, Kind = NotificationKinds.WeeklyDigest, Subject = subject.Length > 400 ? subject[..400] : subject,
            Path = NotificationEmails.Paths.Round(partnershipId, digest.RoundId), Facts = JsonSerializer.Serialize(facts),
            RoundId = digest.RoundId, CreatedAt = digest.CreatedAt,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node claimed it first.
            db.ChangeTracker.Clear();
            logger.LogDebug("Weekly digest of round {RoundId}, week {Week}, for {UserId} already claimed", digest.RoundId, digest.Week, digest.UserId);
            return false;
        }
    }
}
