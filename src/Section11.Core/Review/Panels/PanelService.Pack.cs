using Microsoft.EntityFrameworkCore;
using Section11.Core.Reporting;

namespace Section11.Core.Review.Panels;

/// <summary>Last round's moderated grades of an agency: the round, and one line per moderated rating ("Standard 1: Good").</summary>
public sealed record LastRoundGrades(string RoundTitle, IReadOnlyList<string> Lines);

/// <summary>One agency's pre-read: the panel, the return's report (null with no return), prompts, open notes, last round.</summary>
public sealed record PreRead(
    string AgencyName, string PanelTitle, DateOnly HeldOn, string Place, string RoundTitle, string PartnershipName, DateOnly GeneratedOn,
    ReturnReport? Report, IReadOnlyList<string> Prompts, IReadOnlyList<string> OpenNotes, LastRoundGrades? LastRound);

public sealed partial class PanelService
{
    /// <summary>The pre-read of each agency the panel sees, in agency-name order; null when the panel is not the round's.</summary>
    public async Task<IReadOnlyList<PreRead>?> GetPreReadsAsync(int roundId, int panelId, CancellationToken ct = default)
    {
        if (await GetAsync(roundId, panelId, ct) is not { } panel)
        {
            return null;
        }

        var receiptIds = panel.Agencies.Select(a => a.ReceiptId).ToList();
        var returnIds = panel.Agencies.Select(a => a.ReturnId).OfType<int>().ToHashSet();
        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => new { r.PartnershipId, r.DueOn }).SingleAsync(ct);
        var reportList = returnIds.Count == 0 ? [] : await reports.GetRoundAsync(roundId, ct);
        var byReturn = reportList.Where(r => returnIds.Contains(r.ReturnId)).ToDictionary(r => r.ReturnId);

        // Challenges and evidence requests the agency has not answered (a draft answer is the agency's own: not an answer yet).
        var open = await (from n in db.ReviewNotes.AsNoTracking()
                          join i in db.Items on n.ItemId equals i.Id
                          where receiptIds.Contains(n.ReceiptId) && n.Kind != NoteKind.Comment
                              && !db.ReviewAnswers.Any(a => a.NoteId == n.Id && a.SentAt != null)
                          orderby n.CreatedAt, n.Id
                          select new { n.ReceiptId, n.Kind, n.Text, n.WantedBy, n.SentAt, Item = i.Number }).ToListAsync(ct);

        var today = DateOnly.FromDateTime(Now);
        var packs = new List<PreRead>();
        foreach (var agency in panel.Agencies)
        {
            var prompts = new List<string>();
            if (agency.ReturnId is { } returnId && await returns.GetSummaryAsync(returnId, ct) is { } summary)
            {
                prompts.AddRange((await returns.GetViewAsync(summary, withPrompts: true, ct)).Prompts.Select(p => p.Message));
            }

            var notes = open.Where(n => n.ReceiptId == agency.ReceiptId).Select(n =>
                $"{n.Item}, {n.Kind.Label().ToLowerInvariant()}: {n.Text}"
                + (n.WantedBy is { } due ? $" Wanted by {ReportText.Date(due)}." : "")
                + (n.SentAt is null ? " Not yet sent to the agency." : ""));
            packs.Add(new PreRead(agency.AgencyName, panel.Title, panel.HeldOn, panel.Place, panel.RoundTitle, panel.PartnershipName, today,
                agency.ReturnId is { } id ? byReturn.GetValueOrDefault(id) : null, prompts, [.. notes],
                await LastRoundAsync(agency.ReceiptId, round.PartnershipId, round.DueOn, roundId, ct)));
        }

        return packs;
    }

    /// <summary>
    /// The moderated grades of the agency's receipt in the partnership's previous round (the latest due before this
    /// one); null when the agency was in no earlier round of the partnership, or nothing was moderated there.
    /// </summary>
    private async Task<LastRoundGrades?> LastRoundAsync(int receiptId, int partnershipId, DateOnly dueOn, int roundId, CancellationToken ct)
    {
        var agencyId = await db.Receipts.Where(x => x.Id == receiptId).Select(x => x.AgencyId).SingleAsync(ct);
        var previous = await db.Receipts.AsNoTracking()
            .Where(x => x.AgencyId == agencyId && x.RoundId != roundId && x.Round.PartnershipId == partnershipId && x.Round.DueOn < dueOn)
            .OrderByDescending(x => x.Round.DueOn).ThenByDescending(x => x.RoundId)
            .Select(x => new { x.Id, x.RoundId, x.Round.Title }).FirstOrDefaultAsync(ct);
        if (previous is null)
        {
            return null;
        }

        var ratings = await (from m in db.ModeratedRatings.AsNoTracking()
                             join s in db.Standards on m.StandardId equals s.Id
                             where m.ReceiptId == previous.Id
                             select new { Standard = s.Number, Item = db.Items.Where(i => i.Id == m.ItemId).Select(i => new { i.Number, i.SortKey }).FirstOrDefault(), m.Rating }).ToListAsync(ct);
        if (ratings.Count == 0)
        {
            return null;
        }

        var scale = ModerationRules.Scale((await catalog.GetForRoundAsync(db, previous.RoundId, ct)).Definition);
        string Label(string key) => scale.FirstOrDefault(l => l.Key == key)?.Label ?? key;
        return new(previous.Title, [.. ratings
            .OrderBy(r => r.Standard).ThenBy(r => r.Item is null ? 0 : 1).ThenBy(r => r.Item?.SortKey, StringComparer.Ordinal)
            .Select(r => r.Item is null ? $"Standard {r.Standard} (evaluation): {Label(r.Rating)}" : $"{r.Item.Number}: {Label(r.Rating)}")]);
    }
}
