using System.Globalization;
using Section11.Core.Reporting.Charts;
using Section11.Core.Reporting.Exports;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Surveys;

namespace Section11.Core.Reporting;

/// <summary>
/// Writes the chapter from its figures: every sentence is made from numbers the same section's tables show, and
/// nothing else. With <c>anonymous</c>, agencies are letters (in agency-name order) wherever they would be named.
/// </summary>
public static class AnnualReportChapter
{
    public static AnnualReport Write(AnnualReportFigures f, bool anonymous)
    {
        ArgumentNullException.ThrowIfNull(f);
        var names = f.Data.Returns.Select(r => r.AgencyId).Distinct().Select((id, i) => (id, i))
            .ToDictionary(x => x.id, x => anonymous ? $"Agency {Letter(x.i)}" : f.Data.Returns.First(r => r.AgencyId == x.id).AgencyName);
        string Name(int agencyId) => names.GetValueOrDefault(agencyId, "Agency");
        var title = $"Section 11 audit: {f.Data.Round.Title}";
        return new AnnualReport(title, f.PartnershipName, anonymous,
            [Returns(f), Timeline(f), Standards(f, Name), Items(f), GoodPractice(f), Movement(f, Name), Moderation(f), Survey(f, Name), Plans(f, Name)], f);
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Pc(int n) => $"{N(n)}%";

    private static string Letter(int i) => i < 26 ? ((char)('A' + i)).ToString() : Letter((i / 26) - 1) + Letter(i % 26);

    private static string Date(DateTime? at) => at is { } t ? ReportText.Date(DateOnly.FromDateTime(t)) : "Not yet";

    private static ReportSection Returns(AnnualReportFigures f)
    {
        var d = f.Dashboard;
        var total = new SectorResponse("All sectors", d.Returns.Count, d.Submitted);
        var sectors = new ReportTable("response-table", "Returns submitted by sector", ["Sector", "Agencies", "Submitted", "Response rate"],
            [.. f.Response.Append(total).Select(s => (IReadOnlyList<ReportCell>)[s.Sector, N(s.Agencies), N(s.Submitted), Pc(s.Percent)])]);
        var statuses = new ReportTable("status-table", "Returns by status", ["Status", "Returns"],
            [.. d.Statuses.Select(s => (IReadOnlyList<ReportCell>)[s.Status.Label(), N(s.Count)])],
            ChartLayout.Bars("Bar chart of returns by status: " + string.Join(", ", d.Statuses.Select(s => $"{s.Status.Label()} {N(s.Count)}")),
                [.. d.Statuses.Select(s => new ChartValue(s.Status.Label(), s.Count, s.Status.Colour()))]));
        var sentences = new List<string>
        {
            $"{N(total.Submitted)} of the {N(total.Agencies)} agencies in the round submitted their return ({Pc(total.Percent)}).",
        };
        if (f.Response.Count > 1)
        {
            var best = f.Response.MaxBy(s => s.Percent)!;
            var worst = f.Response.MinBy(s => s.Percent)!;
            sentences.Add(best.Percent == worst.Percent
                ? $"Every sector's response rate was {Pc(best.Percent)}."
                : $"The highest response rate was {best.Sector.ToLowerInvariant()} ({Pc(best.Percent)}) and the lowest {worst.Sector.ToLowerInvariant()} ({Pc(worst.Percent)}).");
        }

        sentences.Add("Figures in this chapter count submitted returns only: a draft's ratings can still change.");
        return new ReportSection("returns", "Returns", sentences, [sectors, statuses]);
    }

    private static ReportSection Timeline(AnnualReportFigures f)
    {
        var t = f.Timeline;
        var table = new ReportTable("timeline-table", "The round's dates", ["Event", "Date"],
        [
            ["Opened", ReportText.Date(t.OpensOn)],
            ["Launched to agencies", Date(t.LaunchedAt)],
            ["Returns due", ReportText.Date(t.DueOn)],
            ["Agencies given a later return-by date", N(t.Extended)],
            ["Latest extended return-by date", t.LatestDueOn is { } latest ? ReportText.Date(latest) : "None"],
            ["Closed", t.ClosedAt is null ? "Not closed" : Date(t.ClosedAt)],
        ]);
        var sentences = new List<string> { $"The round opened on {ReportText.Date(t.OpensOn)} and returns were due by {ReportText.Date(t.DueOn)}." };
        sentences.Add(t.LatestDueOn is { } last
            ? $"{N(t.Extended)} {Wording.Noun(t.Extended, "agency was", "agencies were")} given a later return-by date, the latest {ReportText.Date(last)}."
            : "No agency was given a later return-by date.");
        sentences.Add(t.ClosedAt is null ? "The round has not been closed." : $"The round closed on {Date(t.ClosedAt)}.");
        return new ReportSection("timeline", "Timeline", sentences, [table]);
    }

    private static ReportSection Standards(AnnualReportFigures f, Func<int, string> name)
    {
        var levels = f.Data.Levels;
        var meets = string.Join(" or ", levels.Where(l => l.Meets).Select(l => l.Label));
        var distribution = new ReportTable("standards-table", "Evaluations of each standard",
            ["Standard", .. levels.Select(l => l.Label), "Meeting"],
            [.. f.Standards.Select(s => (IReadOnlyList<ReportCell>)[$"Standard {N(s.Standard.Number)}: {s.Standard.Title}", .. s.Counts.Select(c => (ReportCell)N(c.Count)), s.Rated == 0 ? "None rated" : Pc(s.MeetingPercent)])],
            ChartLayout.StackedBars("Stacked bar chart of the evaluations of each standard; the table gives the numbers",
                [.. f.Standards.Select(s => new ChartRow($"Standard {N(s.Standard.Number)}", [.. s.Counts.Select(c => new ChartValue(c.Level.Label, c.Count, c.Level.Colour))]))]));
        var heatmap = new ReportTable("heatmap-table", "Standards by agency (each agency's own evaluation)",
            ["Agency", "Sector", .. f.Data.Standards.Select(s => $"Standard {N(s.Number)}")],
            [.. f.Dashboard.Heatmap.Select(row => (IReadOnlyList<ReportCell>)[name(row.Return.AgencyId), ReportLabels.Sector(row.Return.Sector),
                .. row.Cells.Select(c => !row.Return.IsSubmitted ? new ReportCell("Not submitted") : c.Level is { } l ? new ReportCell(l.Label, l.Colour) : new ReportCell("Not rated"))])]);
        var sentences = new List<string>
        {
            $"A standard meets the framework when it is rated {meets}.",
        };
        var rated = f.Standards.Where(s => s.Rated > 0).ToList();
        if (rated.Count > 0)
        {
            var best = rated.MaxBy(s => s.MeetingPercent)!;
            var worst = rated.MinBy(s => s.MeetingPercent)!;
            sentences.Add(best.MeetingPercent == worst.MeetingPercent
                ? $"Every standard was met in {Pc(best.MeetingPercent)} of the evaluations."
                : $"Standard {N(best.Standard.Number)} was met most often ({Pc(best.MeetingPercent)} of evaluations) and standard {N(worst.Standard.Number)} least often ({Pc(worst.MeetingPercent)}).");
        }

        return new ReportSection("standards", "Ratings by standard", sentences, [distribution, heatmap]);
    }

    private static ReportSection Items(AnnualReportFigures f)
    {
        var levels = f.Data.Levels;
        var tables = f.Data.Standards.Select(standard =>
        {
            var items = f.Dashboard.Items.Where(i => i.Standard.Id == standard.Id).ToList();
            return new ReportTable($"items-table-{N(standard.Number)}", $"Standard {N(standard.Number)}: {standard.Title}",
                ["Item", .. levels.Select(l => l.Label), "Meeting"],
                [.. items.Select(i => (IReadOnlyList<ReportCell>)[$"{i.Item.Number} {i.Item.Text}", .. i.Counts.Select(c => (ReportCell)N(c.Count)), i.Rated == 0 ? "None rated" : Pc(i.MeetingPercent)])],
                ChartLayout.StackedBars($"Stacked bar chart of ratings for each item of standard {N(standard.Number)}; the table gives the numbers",
                    [.. items.Select(i => new ChartRow(i.Item.Number, [.. i.Counts.Select(c => new ChartValue(c.Level.Label, c.Count, c.Level.Colour))]))]));
        }).ToList();
        return new ReportSection("items", "Ratings by item", ["How many submitted returns gave each rating to each item, standard by standard."], tables);
    }

    private static ReportSection GoodPractice(AnnualReportFigures f)
    {
        var d = f.Dashboard;
        var good = d.GoodPractice.ToList();
        var concerns = d.Concerns.ToList();
        var thresholds = new ReportTable("thresholds-table", "Thresholds", ["List", "Share of the submitted returns that rated the item"],
        [
            ["Good practice", $"At least {Pc(d.Thresholds.GoodPracticePercent)} meet the standard"],
            ["Concern", $"At least {Pc(d.Thresholds.ConcernPercent)} do not meet the standard"],
        ]);
        ReportTable List(string id, string caption, List<ItemDistribution> items, bool meeting) => new(id, caption,
            ["Item", "Rated", meeting ? "Meeting" : "Not meeting", "Share"],
            [.. items.Select(i => (IReadOnlyList<ReportCell>)[$"{i.Item.Number} {i.Item.Text}", N(i.Rated), N(meeting ? i.Meeting : i.NotMeeting), Pc(meeting ? i.MeetingPercent : i.NotMeetingPercent)])]);
        return new ReportSection("good-practice", "Good practice and concerns",
        [
            $"An item is good practice when at least {Pc(d.Thresholds.GoodPracticePercent)} of the submitted returns that rated it meet the standard, and a concern when at least {Pc(d.Thresholds.ConcernPercent)} do not.",
            $"{N(good.Count)} {Wording.Noun(good.Count, "item is", "items are")} good practice and {N(concerns.Count)} {Wording.Noun(concerns.Count, "item is a concern", "items are concerns")}.",
        ],
        [
            thresholds,
            List("good-practice-table", $"Good practice ({N(good.Count)} {Wording.Noun(good.Count, "item", "items")})", good, true),
            List("concerns-table", $"Concerns ({N(concerns.Count)} {Wording.Noun(concerns.Count, "item", "items")})", concerns, false),
        ]);
    }

    private static ReportSection Movement(AnnualReportFigures f, Func<int, string> name)
    {
        var d = f.Dashboard;
        if (d.Previous is not { } previous)
        {
            return new ReportSection("movement", "Change since the previous round", ["There is no earlier round on this framework to compare with."], []);
        }

        var compared = d.Heatmap.Where(h => h.Cells.Any(c => c.Movement is not null)).ToList();
        var totals = new ReportTable("movement-totals-table", $"Evaluations compared with {previous.Title} (due {ReportText.Date(previous.DueOn)})",
            ["Change", "Evaluations"],
            [["Improved", N(d.Count(Reporting.Movement.Improved))], ["The same", N(d.Count(Reporting.Movement.Same))], ["Declined", N(d.Count(Reporting.Movement.Declined))], ["Agencies compared", N(compared.Count)]]);
        var byAgency = new ReportTable("movement-table", "Standards improved, the same or declined, by agency", ["Agency", "Improved", "The same", "Declined", "Changes"],
            [.. compared.Select(row => (IReadOnlyList<ReportCell>)[name(row.Return.AgencyId), N(row.Count(Reporting.Movement.Improved)), N(row.Count(Reporting.Movement.Same)), N(row.Count(Reporting.Movement.Declined)),
                string.Join("\n", row.Cells.Where(c => c.Movement is Reporting.Movement.Improved or Reporting.Movement.Declined)
                    .Select(c => $"Standard {N(c.Standard.Number)} {(c.Movement == Reporting.Movement.Improved ? "improved" : "declined")}: {c.Previous!.Label} to {c.Level!.Label}"))])]);
        return new ReportSection("movement", "Change since the previous round",
        [
            $"Each agency's evaluation of each standard is compared with its submitted return in the previous round on the same framework; agencies without a submitted return in both rounds are not compared.",
            $"Across the {N(compared.Count)} {Wording.Noun(compared.Count, "agency", "agencies")} compared, {N(d.Count(Reporting.Movement.Improved))} {Wording.Noun(d.Count(Reporting.Movement.Improved), "evaluation", "evaluations")} improved, {N(d.Count(Reporting.Movement.Same))} stayed the same and {N(d.Count(Reporting.Movement.Declined))} declined.",
        ],
        [totals, byAgency]);
    }

    private static ReportSection Moderation(AnnualReportFigures f)
    {
        var m = f.Moderation;
        var states = new ReportTable("review-states-table", "Reviews of submitted returns by state", ["Review", "Returns"],
            [.. m.States.Select(s => (IReadOnlyList<ReportCell>)[s.State.Label(), N(s.Count)])]);
        var standards = new ReportTable("moderation-table", "Moderated ratings compared with the agencies' own",
            ["Standard", "Evaluations moderated", "Evaluations the same", "Evaluations different", "Items moderated", "Items the same", "Items different"],
            [.. m.Standards.Select(s => (IReadOnlyList<ReportCell>)[$"Standard {N(s.Standard.Number)}", N(s.Evaluations), N(s.EvaluationsSame), N(s.EvaluationsDifferent), N(s.Items), N(s.ItemsSame), N(s.ItemsDifferent)]),
             ["All standards", N(m.Evaluations), N(m.EvaluationsSame), N(m.Evaluations - m.EvaluationsSame), N(m.Items), N(m.ItemsSame), N(m.Items - m.ItemsSame)]]);
        var moderated = m.States.Single(s => s.State == ReviewState.Moderated).Count;
        var sentences = new List<string>
        {
            $"The partnership finished moderating {N(moderated)} of the submitted returns.",
            m.Evaluations + m.Items == 0
                ? "No moderated rating has been recorded."
                : $"It moderated {N(m.Evaluations)} standard {Wording.Noun(m.Evaluations, "evaluation", "evaluations")} ({N(m.EvaluationsSame)} the same as the agency's own rating, {N(m.Evaluations - m.EvaluationsSame)} different) and {N(m.Items)} item {Wording.Noun(m.Items, "rating", "ratings")} ({N(m.ItemsSame)} the same, {N(m.Items - m.ItemsSame)} different).",
        };
        return new ReportSection("moderation", "Moderation", sentences, [states, standards]);
    }

    private static ReportSection Survey(AnnualReportFigures f, Func<int, string> name)
    {
        if (f.Survey is not { } s)
        {
            return new ReportSection("survey", "Staff survey", ["The round had no staff survey."], []);
        }

        var facts = new ReportTable("survey-facts-table", "The staff survey", ["Fact", "Value"],
        [
            ["Opened", Date(s.Survey.OpenedAt)],
            ["Closed", s.Survey.ClosedAt is null ? "Not closed" : Date(s.Survey.ClosedAt)],
            ["Staff responses", N(s.Results.Responses)],
            ["Smallest group shown", N(s.Results.MinimumGroupSize)],
        ]);
        var sentences = new List<string> { $"{N(s.Results.Responses)} staff answered the survey." };
        var tables = new List<ReportTable> { facts };
        if (!s.Results.Shown)
        {
            sentences.Add($"That is fewer than the smallest group shown ({N(s.Results.MinimumGroupSize)}), so no figures are given.");
            return new ReportSection("survey", "Staff survey", sentences, tables);
        }

        var agreeing = s.Results.Questions.Where(q => q.All.AgreePercent is not null).ToList();
        tables.Add(new ReportTable("survey-table", "Staff agreeing, question by question", ["Question", "Answered", "Agreeing", "Share agreeing"],
            [.. agreeing.Select(q => (IReadOnlyList<ReportCell>)[q.Question.Text, N(q.All.Answered), N(q.All.AgreeCount ?? 0), Pc(q.All.AgreePercent ?? 0)])]));
        if (agreeing.Count > 0)
        {
            var low = agreeing.MinBy(q => q.All.AgreePercent)!;
            sentences.Add($"The lowest share agreeing was {Pc(low.All.AgreePercent ?? 0)}, for \"{low.Question.Text}\".");
        }

        var flagged = s.Triangulation.Flagged.ToList();
        var few = flagged.Count(r => r.Flag == Contradiction.MeetsButFewAgree);
        var most = flagged.Count(r => r.Flag == Contradiction.NotMetButStaffAgree);
        tables.Add(new ReportTable("triangulation-counts-table", "Self ratings the staff's answers contradict", ["Flag", "Ratings"],
        [
            [$"Meets the item, but fewer than {Pc(s.Survey.MeetsButFewAgreePercent)} of staff agree", N(few)],
            [$"Does not meet the item, but at least {Pc(s.Survey.NotMetButAgreePercent)} of staff agree", N(most)],
        ]));
        tables.Add(new ReportTable("triangulation-table", "Flagged ratings", ["Agency", "Item", "Self rating", "Moderated rating", "Staff answers", "Share agreeing"],
            [.. flagged.Select(r => (IReadOnlyList<ReportCell>)[name(r.AgencyId), r.Item.Number, r.SelfRating ?? "Not rated", r.ModeratedRating ?? "None", N(r.Answers), Pc(r.AgreePercent ?? 0)])]));
        sentences.Add($"{N(few + most)} self {Wording.Noun(few + most, "rating was", "ratings were")} flagged against the staff's answers: {N(few)} where the agency says it meets the item but fewer than {Pc(s.Survey.MeetsButFewAgreePercent)} of its staff agree, and {N(most)} where it says it does not but at least {Pc(s.Survey.NotMetButAgreePercent)} agree.");
        return new ReportSection("survey", "Staff survey", sentences, tables);
    }

    private static ReportSection Plans(AnnualReportFigures f, Func<int, string> name)
    {
        var p = f.Plans.Where(a => a.Red + a.Amber + a.Green + a.NotRated > 0).ToList();
        int Sum(Func<ActionPlans.ActionPlanService.AgencyPlanSummary, int> of) => p.Sum(of);
        var (red, amber, green, notRated, overdue) = (Sum(a => a.Red), Sum(a => a.Amber), Sum(a => a.Green), Sum(a => a.NotRated), Sum(a => a.Overdue));
        var total = red + amber + green + notRated;
        var table = new ReportTable("plans-table", "Actions by RAG rating, by agency", ["Agency", "Actions", "Red", "Amber", "Green", "Not rated", "Overdue"],
            [.. p.Select(a => (IReadOnlyList<ReportCell>)[name(a.AgencyId), N(a.Red + a.Amber + a.Green + a.NotRated), N(a.Red), N(a.Amber), N(a.Green), N(a.NotRated), N(a.Overdue)]),
             ["All agencies", N(total), N(red), N(amber), N(green), N(notRated), N(overdue)]],
            ChartLayout.Bars($"Bar chart of actions by RAG rating: Red {N(red)}, Amber {N(amber)}, Green {N(green)}, Not rated {N(notRated)}",
                [new("Red", red, "red"), new("Amber", amber, "amber"), new("Green", green, "green"), new("Not rated", notRated, "grey")]));
        return new ReportSection("plans", "Action plans",
        [
            total == 0
                ? "No agency has an action in its plan from this round."
                : $"The agencies' plans from this round have {N(total)} {Wording.Noun(total, "action", "actions")}: {N(red)} red, {N(amber)} amber, {N(green)} green and {N(notRated)} not yet rated.",
            $"{N(overdue)} {Wording.Noun(overdue, "action is", "actions are")} overdue (past its deadline and not green).",
        ],
        [table]);
    }
}
