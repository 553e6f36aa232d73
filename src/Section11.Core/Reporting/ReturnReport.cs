using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.ActionPlans.Exports;
using Section11.Core.Data;
using Section11.Core.Returns;

namespace Section11.Core.Reporting;

/// <summary>
/// One agency's whole return laid out as the paper form: its standards with every item's rating, evidence and action,
/// each standard's evaluation, the sign-off, then the agency's action plan for the round. The Word, PDF and print
/// versions all read this, so they say the same thing.
/// </summary>
public sealed record ReturnReport(
    int ReturnId, int AgencyId, string AgencyName, string RoundTitle, string FrameworkTitle, string FrameworkVersion,
    ReturnStatus Status, DateOnly DueOn, DateTime? SubmittedAt, DateOnly GeneratedOn,
    IReadOnlyList<ReportStandard> Standards, string DeclarationText, ReportSignOff? SignOff, ActionPlanDocument ActionPlan, bool IsRevised = false)
{
    public string Title => $"{AgencyName}: Section 11 return";

    /// <summary>The facts printed under the title, as label and value.</summary>
    public IReadOnlyList<(string Label, string Value)> Facts =>
    [
        ("Agency", AgencyName),
        ("Round", RoundTitle),
        ("Framework", $"{FrameworkTitle} ({FrameworkVersion})"),
        ("Status", Status.Label()),
        ("Due by", ReportText.Date(DueOn)),
        ("Submitted", SubmittedAt is { } at ? ReportText.Date(DateOnly.FromDateTime(at)) : "Not submitted"),
        ("Report generated", ReportText.Date(GeneratedOn)),
    ];

    /// <summary>The item table's columns, as the paper form has them.</summary>
    public static IReadOnlyList<string> ItemColumns { get; } = ["Item", "Area of compliance", "Rating", "Actual evidence", "Action required and timescale"];

    public const string ActionPlanHeading = "Action plan";

    public string ActionPlanEmpty => $"The agency has no improvement areas for {RoundTitle}.";
}

public sealed record ReportStandard(int Number, string Title, IReadOnlyList<ReportItem> Items, ReportEvaluation Evaluation)
{
    public string Heading => $"Standard {Number}: {Title}";
}

/// <summary>An item and its answer. <paramref name="Rating"/> is the scale's label, or "Not rated".</summary>
public sealed record ReportItem(string Number, string Text, string? RatingKey, string Rating, string? ActualEvidence, string? ActionRequired, DateOnly? Timescale)
{
    /// <summary>"Action for 4.2\nTimescale: 31 December 2026"; empty when neither was given.</summary>
    public string ActionAndTimescale => string.Join("\n", new[]
    {
        ActionRequired, Timescale is { } t ? $"Timescale: {ReportText.Date(t)}" : null,
    }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>The item table's cells in column order; lines separated by "\n".</summary>
    public IReadOnlyList<string> Cells => [Number, Text, Rating, ActualEvidence ?? "", ActionAndTimescale];
}

/// <summary>The standard's evaluation: the scale's label (or "Not rated") and the supporting statement.</summary>
public sealed record ReportEvaluation(int StandardNumber, string? RatingKey, string Rating, string? Statement)
{
    public string Heading => $"Evaluation of standard {StandardNumber}: {Rating}";
}

public sealed record ReportSignOff(string SignatoryName, string PostHeld, string Organisation, DateOnly SignedOn)
{
    public IReadOnlyList<(string Label, string Value)> Rows =>
        [("Name", SignatoryName), ("Post held", PostHeld), ("Organisation", Organisation), ("Date", ReportText.Date(SignedOn))];
}

public static class ReportText
{
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A file name from an agency name: "Birch Police (North)" becomes "birch-police-north"; never empty.</summary>
    public static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        // Letters outside ASCII are kept (zip entries and downloads carry UTF-8 names): invariant globalization cannot strip accents.
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "agency" : slug[..Math.Min(slug.Length, 80)].TrimEnd('-');
    }

    /// <summary>One unique file name per report, in report order: "alder-hospital-trust.pdf", a second of the same name "-2".</summary>
    public static IReadOnlyList<string> FileNames(IEnumerable<ReturnReport> reports, string extension)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var report in reports)
        {
            var slug = Slug(report.AgencyName);
            var name = slug;
            for (var n = 2; !used.Add(name); n++)
            {
                name = $"{slug}-{n.ToString(CultureInfo.InvariantCulture)}";
            }

            names.Add($"{name}.{extension}");
        }

        return names;
    }
}

/// <summary>Builds return reports from <see cref="RoundDataService"/> and the round's action plans, in a fixed number of queries.</summary>
public sealed class ReturnReportService(Section11DbContext db, RoundDataService rounds, TimeProvider time)
{
    /// <summary>One return's report; null when the return is not in the round.</summary>
    public async Task<ReturnReport?> GetReturnAsync(int roundId, int returnId, CancellationToken ct = default) =>
        (await BuildAsync(roundId, returnId, ct)).SingleOrDefault();

    /// <summary>Every return of the round, in agency-name order (for the zip); empty when the round does not exist.</summary>
    public async Task<IReadOnlyList<ReturnReport>> GetRoundAsync(int roundId, CancellationToken ct = default) =>
        await BuildAsync(roundId, null, ct);

    private async Task<IReadOnlyList<ReturnReport>> BuildAsync(int roundId, int? returnId, CancellationToken ct)
    {
        var data = await rounds.LoadAsync(roundId, withText: true, returnId, ct: ct);
        if (data is null)
        {
            return [];
        }

        // A receipt still waiting for the agency's choice has no return to report.
        var returns = data.Returns.Where(r => r.ReturnId is not null && (returnId is null || r.ReturnId == returnId)).ToList();
        var agencyIds = returns.Select(r => r.AgencyId).Distinct().ToList();

        // Every area of these agencies from this partnership's rounds (numbers are those of the partnership's part of the
        // plan: another partnership's areas are not shown, nor counted), in one query.
        var areas = (await PlanScope.OfPartnerships([data.Round.PartnershipId])
                .Filter(db.ImprovementAreas.Where(a => agencyIds.Contains(a.AgencyId)), db).AsNoTracking().AsSingleQuery()
                .Include(a => a.Actions).ThenInclude(x => x.Monitoring)
                .ToListAsync(ct))
            .ToLookup(a => a.AgencyId);

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var declaration = data.Framework.Definition.Declaration.Text;
        return [.. returns.Select(r => new ReturnReport(
            r.ReturnId!.Value, r.AgencyId, r.AgencyName, data.Round.Title, data.Framework.Title, data.Framework.Version,
            r.Status!.Value, r.DueOn, r.SubmittedAt, today,
            [.. data.Standards.Select(s => Standard(data, r.ReturnId!.Value, s))],
            declaration,
            r.SignOff is { } s ? new ReportSignOff(s.SignatoryName, s.PostHeld, s.Organisation, s.SignedOn) : null,
            ActionPlanDocument.From(r.AgencyName, [.. areas[r.AgencyId]], today, title: data.Round.Title, include: a => a.RoundId == roundId), r.IsRevised))];
    }

    private static ReportStandard Standard(RoundData data, int returnId, Frameworks.Standard standard)
    {
        var evaluation = data.Evaluation(returnId, standard.Id);
        return new ReportStandard(standard.Number, standard.Title,
            [.. RoundData.ItemsOf(standard).Select(item =>
            {
                var answer = data.Answer(returnId, item.Id);
                return new ReportItem(item.Number, item.Text, answer?.Rating, Label(data, answer?.Rating), answer?.ActualEvidence, answer?.ActionRequired, answer?.Timescale);
            })],
            new ReportEvaluation(standard.Number, evaluation?.Rating, Label(data, evaluation?.Rating), evaluation?.Statement));
    }

    private static string Label(RoundData data, string? key) => data.Level(key)?.Label ?? "Not rated";
}
