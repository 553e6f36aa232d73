using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Reporting.Charts;
using Section11.Core.Review;
using Section11.Core.Surveys;

namespace Section11.Core.Reporting;

/// <summary>One sector's agencies in the round and how many of them submitted; the percent is whole, rounded down.</summary>
public sealed record SectorResponse(string Sector, int Agencies, int Submitted)
{
    public int Percent => AnnualReportFigures.PercentDown(Submitted, Agencies);
}

/// <summary>
/// The round's dates: when it opened and was launched, when returns were due, how many receipts were given a later
/// date (and the latest), and when it closed.
/// </summary>
public sealed record RoundTimeline(DateOnly OpensOn, DateTime? LaunchedAt, DateOnly DueOn, int Extended, DateOnly? LatestDueOn, DateTime? ClosedAt);

/// <summary>How the submitted returns evaluated one standard: the heatmap's column counted by level.</summary>
public sealed record StandardDistribution(Standard Standard, IReadOnlyList<LevelCount> Counts)
{
    public int Rated => Counts.Sum(c => c.Count);
    public int Meeting => Counts.Where(c => c.Level.Meets).Sum(c => c.Count);
    public int MeetingPercent => AnnualReportFigures.PercentDown(Meeting, Rated);
}

/// <summary>
/// One standard's moderation: how many evaluations and items the partnership moderated, and of those how many it rated
/// the same as the agency's own rating (<see cref="ModerationRules.Differs"/>).
/// </summary>
public sealed record StandardModerationCount(Standard Standard, int Evaluations, int EvaluationsSame, int Items, int ItemsSame)
{
    public int EvaluationsDifferent => Evaluations - EvaluationsSame;
    public int ItemsDifferent => Items - ItemsSame;
}

public sealed record ReviewStateCount(ReviewState State, int Count);

public sealed record ModerationOutcomes(IReadOnlyList<ReviewStateCount> States, IReadOnlyList<StandardModerationCount> Standards)
{
    public int Evaluations => Standards.Sum(s => s.Evaluations);
    public int EvaluationsSame => Standards.Sum(s => s.EvaluationsSame);
    public int Items => Standards.Sum(s => s.Items);
    public int ItemsSame => Standards.Sum(s => s.ItemsSame);
}

/// <summary>The staff survey's figures the chapter uses: the partnership's results and the triangulation. Null parts: no survey opened.</summary>
public sealed record SurveyHeadlines(Survey Survey, SurveyResultSet Results, TriangulationView Triangulation);

/// <summary>
/// Every figure of a round's annual-report chapter, read from the services that own them: the dashboard (statuses,
/// heatmap, items, good practice and concerns, movement), the reviews' moderated ratings, the staff survey's results and
/// triangulation, and the round's action plans. The Word document and the print page both read this, through
/// <see cref="AnnualReportChapter"/>.
/// </summary>
public sealed record AnnualReportFigures(
    string PartnershipName,
    RoundDashboard Dashboard,
    IReadOnlyList<SectorResponse> Response,
    RoundTimeline Timeline,
    IReadOnlyList<StandardDistribution> Standards,
    ModerationOutcomes Moderation,
    SurveyHeadlines? Survey,
    IReadOnlyList<ActionPlanService.AgencyPlanSummary> Plans,
    DateTime GeneratedAt)
{
    public RoundData Data => Dashboard.Data;

    /// <summary>Whole per cent rounded down (as the dashboard's), so "90%" never shows for 89.9%; none of none is 0.</summary>
    public static int PercentDown(int count, int of) => of == 0 ? 0 : count * 100 / of;
}

/// <summary>A table cell: its words, and a colour name for a rating (always beside the words, never instead of them).</summary>
public sealed record ReportCell(string Text, string? Colour = null)
{
    public static implicit operator ReportCell(string text) => new(text);
}

/// <summary>A table of the chapter, with the chart drawn from it (if any) shown before it. The first column names each row.</summary>
public sealed record ReportTable(string Id, string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<ReportCell>> Rows, ChartDrawing? Chart = null);

/// <summary>
/// A section of the chapter: its sentences (each checkable against the section's tables: every number a sentence
/// gives is in one of them) and its tables.
/// </summary>
public sealed record ReportSection(string Id, string Heading, IReadOnlyList<string> Sentences, IReadOnlyList<ReportTable> Tables);

/// <summary>The chapter as written: the same sections, sentences and tables in Word and on the print page.</summary>
public sealed record AnnualReport(string Title, string PartnershipName, bool Anonymous, IReadOnlyList<ReportSection> Sections, AnnualReportFigures Figures)
{
    public const string AnonymousNote = "Agencies are not named: each is given a letter, in the same order in every table.";

    public const string DraftNote = "A first draft written by Section 11 from the round's data, to edit before it goes to the board. "
        + "Every figure in a sentence is in a table of the same section.";

    /// <summary>What the chapter is of, shown above its first section.</summary>
    public IReadOnlyList<(string Label, string Value)> Facts
    {
        get
        {
            var round = Figures.Data.Round;
            return
            [
                ("Partnership", PartnershipName),
                ("Round", round.Title),
                ("Framework", $"{round.FrameworkTitle}, version {round.FrameworkVersion}"),
                ("Agencies named", Anonymous ? "No" : "Yes"),
                ("Generated", Figures.GeneratedAt.ToString("d MMMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)),
            ];
        }
    }
}
