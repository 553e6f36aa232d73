using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Surveys;
using Section11.Core.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Section11.Core.Tests.Surveys;

/// <summary>Survey results from fixed responses: counts, percents, agreement, role groups, free text, exports.</summary>
[Trait("Category", "Survey")]
public sealed class SurveyResultsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private async Task<(SurveyTestData.SurveySetup Setup, long[] Texts, SurveyService Service, Core.Data.Section11DbContext Db)> ArrangeAsync()
    {
        var db = database.CreateContext();
        var (s, texts) = await SurveyTestData.FixedResponsesAsync(db, _catalog, _time);
        return (s, texts, new SurveyService(db, _catalog, _time), db);
    }

    private static IEnumerable<(string, int, int)> Counts(AnswerCounts a) => a.Counts.Select(c => (c.Choice, c.Count, c.Percent));

    [Fact]
    public async Task An_agencys_results_count_each_answer_with_its_percent_and_the_share_agreeing()
    {
        var (s, _, surveys, db) = await ArrangeAsync();
        await using var _ = db;
        var view = (await surveys.GetResultsAsync(s.RoundId))!;
        var police = view.Agencies.Single(a => a.AgencyId == s.Links[0].AgencyId);
        Assert.Equal(8, police.Responses);
        var likert = police.Questions[0];
        Assert.Equal(
            [("Strongly agree", 2, 25), ("Agree", 3, 38), ("Neither agree nor disagree", 1, 13), ("Disagree", 1, 13), ("Strongly disagree", 1, 13)],
            Counts(likert.All));
        Assert.Equal((5, 63), (likert.All.AgreeCount!.Value, likert.All.AgreePercent!.Value));

        // Choose several: each choice as a share of the people who answered (they add up to more than 100).
        var training = police.Questions[1];
        Assert.Equal([("Level 1", 6, 75), ("Level 2", 2, 25), ("Level 3", 1, 13)], Counts(training.All));
        Assert.Null(training.All.AgreePercent);

        // The partnership: both agencies' 11 responses; 8 of them agree (5 + 3).
        Assert.Equal(11, view.Partnership.Responses);
        Assert.Equal((8, 73), (view.Partnership.Questions[0].All.AgreeCount!.Value, view.Partnership.Questions[0].All.AgreePercent!.Value));
    }

    [Fact]
    public async Task A_group_below_the_minimum_size_is_never_shown_neither_a_role_nor_an_agency()
    {
        var (s, _, surveys, db) = await ArrangeAsync();
        await using var _ = db;
        var view = (await surveys.GetResultsAsync(s.RoundId))!;
        var police = view.Agencies.Single(a => a.AgencyId == s.Links[0].AgencyId);

        // Five work directly with children: shown. Three managers: too few, and too few to make "Other roles" alone.
        var byRole = Assert.Single(police.Questions[0].ByRole);
        Assert.Equal(SurveyTestData.Direct, byRole.Group);
        Assert.Equal([("Strongly agree", 1, 20), ("Agree", 2, 40), ("Neither agree nor disagree", 1, 20), ("Disagree", 1, 20), ("Strongly disagree", 0, 0)], Counts(byRole));
        Assert.Equal(60, byRole.AgreePercent);

        // Survey trust had three responses: no numbers at all, on the page or in the export.
        var trust = view.Agencies.Single(a => a.AgencyId == s.Links[1].AgencyId);
        Assert.False(trust.Shown);
        var rows = SurveyResultsExport.Rows([trust]).ToList();
        Assert.Equal([([s.Links[1].AgencyName, "", "", "", SurveyResultsExport.TooFew], 3, (int?)null)], rows.Select(r => (r.Text, r.Count, r.Percent)));

        // The partnership's managers: still three, so still hidden; a smaller minimum shows them on their own.
        Assert.DoesNotContain(view.Partnership.Questions[0].ByRole, g => g.Group is SurveyTestData.Manager or SurveyResultRules.OtherRoles);
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        Assert.Empty(await surveys.SaveDetailsAsync(s.RoundId, new SurveyDetailsInput("Tell us what you know.", DateInput.From(today), DateInput.From(today.AddDays(30)), true, false, "3"), s.UserId));
        var smaller = (await surveys.GetResultsAsync(s.RoundId))!;
        Assert.Equal([SurveyTestData.Direct, SurveyTestData.Manager], smaller.Agencies.Single(a => a.AgencyId == s.Links[0].AgencyId).Questions[0].ByRole.Select(g => g.Group));
        Assert.True(smaller.Agencies.Single(a => a.AgencyId == s.Links[1].AgencyId).Shown);
    }

    [Fact]
    public void Small_role_groups_are_merged_into_other_roles_when_together_they_reach_the_minimum()
    {
        var n = 0L;
        ReadResponse Of(string role) => new(++n, 1, new Dictionary<string, string[]> { [SurveyRules.RoleKey] = [role] });
        var responses = Enumerable.Repeat(SurveyTestData.Direct, 6).Concat(Enumerable.Repeat(SurveyTestData.Manager, 3)).Concat(["Senior leader", "Senior leader"]).Select(Of).ToList();
        Assert.Equal([(SurveyTestData.Direct, 6), (SurveyResultRules.OtherRoles, 5)], SurveyResultRules.RoleGroups(responses, 5).Select(g => (g.Group, g.Responses.Count)));
        Assert.Equal([(SurveyTestData.Direct, 6)], SurveyResultRules.RoleGroups(responses, 6).Select(g => (g.Group, g.Responses.Count)));
    }

    [Fact]
    public async Task Free_text_is_hidden_until_an_administrator_marks_it_publishable_and_the_answer_is_never_changed()
    {
        var (s, texts, surveys, db) = await ArrangeAsync();
        await using var _ = db;
        var before = (await surveys.GetAgencyResultsAsync(s.RoundId, s.Links[0].AgencyId))!.Value.Results.Questions[2];
        Assert.Equal((3, 3), (before.All.Answered, before.UnreadText));
        Assert.Empty(before.PublishedText);
        var unread = await surveys.GetUnreadFreeTextAsync(s.RoundId);
        Assert.Equal(["Publish me", "Do not publish", "Still unread"], unread.Select(u => u.Text));
        Assert.All(unread, u => Assert.Equal(s.Links[0].AgencyName, u.Agency));

        var question = unread[0].QuestionId;
        Assert.Empty(await surveys.MarkFreeTextAsync(s.RoundId, texts[0], question, true, s.UserId));
        Assert.Empty(await surveys.MarkFreeTextAsync(s.RoundId, texts[1], question, false, s.UserId));
        Assert.Equal(["That answer has already been read and marked."], (await surveys.MarkFreeTextAsync(s.RoundId, texts[1], question, true, s.UserId)).Select(e => e.Message));

        var after = (await surveys.GetAgencyResultsAsync(s.RoundId, s.Links[0].AgencyId))!.Value.Results.Questions[2];
        Assert.Equal(["Publish me"], after.PublishedText);
        Assert.Equal(1, after.UnreadText);
        Assert.Equal(["Still unread"], (await surveys.GetUnreadFreeTextAsync(s.RoundId)).Select(u => u.Text));
        var stored = await db.SurveyResponses.Where(r => r.Id == texts[1]).Select(r => r.Answers).SingleAsync();
        Assert.Contains("Do not publish", stored, StringComparison.Ordinal);
        var reviews = (await db.SurveyFreeTextReviews.Where(v => texts.Contains(v.SurveyResponseId)).Select(v => v.Id).ToListAsync()).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(["Yes", "No"], await db.ChangeLog.Where(c => c.EntityType == "SurveyFreeTextReview" && reviews.Contains(c.EntityId)).OrderBy(c => c.Id).Select(c => c.NewValue!).ToListAsync());
    }

    [Fact]
    public async Task The_lead_sees_nothing_until_the_survey_closes()
    {
        var (s, _, surveys, db) = await ArrangeAsync();
        await using var _ = db;
        var police = s.Links[0].AgencyId;
        Assert.Equal(("Survey round", (SurveyResultSet?)null), (await surveys.GetLeadResultsAsync(s.RoundId, police))!.Value);
        Assert.Empty(await surveys.CloseAsync(s.RoundId, s.UserId));
        var closed = (await surveys.GetLeadResultsAsync(s.RoundId, police))!.Value.Results!;
        Assert.Equal((s.Links[0].AgencyName, 8, 63), (closed.Scope, closed.Responses, closed.Questions[0].All.AgreePercent!.Value));
    }

    [Fact]
    public async Task Settings_are_whole_numbers_in_range_with_errors_on_their_fields()
    {
        var (s, _, surveys, db) = await ArrangeAsync();
        await using var _ = db;
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var errors = await surveys.SaveDetailsAsync(s.RoundId, new SurveyDetailsInput("Why", DateInput.From(today), DateInput.From(today), true, false, "2", "abc", "101"), s.UserId);
        Assert.Equal(
            [("MinimumGroupSize", "The smallest group shown must be a whole number from 3 to 50"),
             ("MeetsButFewAgreePercent", "The share of staff agreeing below which a met item is flagged must be a whole number from 1 to 100"),
             ("NotMetButAgreePercent", "The share of staff agreeing from which an unmet item is flagged must be a whole number from 1 to 100")],
            errors.Select(e => (e.Key, e.Message)));
        Assert.Equal(5, (await surveys.GetAsync(s.RoundId))!.MinimumGroupSize);
    }

    [Fact]
    public async Task The_exports_read_back_with_the_pages_numbers()
    {
        var (s, texts, surveys, db) = await ArrangeAsync();
        await using var _ = db;
        var question = (await surveys.GetUnreadFreeTextAsync(s.RoundId))[0].QuestionId;
        Assert.Empty(await surveys.MarkFreeTextAsync(s.RoundId, texts[0], question, true, s.UserId));
        var view = (await surveys.GetResultsAsync(s.RoundId))!;
        SurveyResultSet[] sets = [.. view.Agencies, view.Partnership];

        using var csv = new MemoryStream();
        SurveyResultsExport.WriteCsv(sets, csv);
        var lines = System.Text.Encoding.UTF8.GetString(csv.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string police = s.Links[0].AgencyName, trust = s.Links[1].AgencyName;
        Assert.Equal("Agency,Question,Question text,Group,Answer,Responses,Percent of those answering", lines[0]);
        Assert.Contains($"{police},1,I know how to refer a child to children's social care,All staff,Agree,3,38", lines);
        Assert.Contains($"{police},1,I know how to refer a child to children's social care,All staff,\"{SurveyResultsExport.Agreeing}\",5,63", lines);
        Assert.Contains($"{police},1,I know how to refer a child to children's social care,{SurveyTestData.Direct},Agree,2,40", lines);
        Assert.Contains($"{police},2,Which training have you had?,All staff,Level 1,6,75", lines);
        Assert.Contains($"{police},3,What would help you most?,All staff,Published comment: Publish me,,", lines);
        Assert.DoesNotContain(lines, l => l.Contains("Do not publish", StringComparison.Ordinal) || l.Contains("Still unread", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(SurveyTestData.Manager, StringComparison.Ordinal));
        Assert.Contains($"{trust},,,,{SurveyResultsExport.TooFew},3,", lines);
        Assert.Contains($"All agencies,1,I know how to refer a child to children's social care,All staff,\"{SurveyResultsExport.Agreeing}\",8,73", lines);

        // The workbook has the same rows, numbers as numbers.
        using var xlsx = new MemoryStream(SurveyResultsExport.ToXlsx(sets, "Survey results"));
        using var document = SpreadsheetDocument.Open(xlsx, false);
        var strings = document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToList();
        var sheet = document.WorkbookPart.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<S.Row>().Select(r => r.Elements<S.Cell>().Select(c => c.DataType?.Value == S.CellValues.SharedString ? strings[int.Parse(c.InnerText, System.Globalization.CultureInfo.InvariantCulture)] : c.InnerText).ToList()).ToList();
        Assert.Equal(lines.Length, rows.Count);
        Assert.Contains(rows, r => r.SequenceEqual([police, "1", "I know how to refer a child to children's social care", "All staff", SurveyResultsExport.Agreeing, "5", "63"]));
        Assert.Contains(rows, r => r.SequenceEqual([police, "2", "Which training have you had?", "All staff", "Level 3", "1", "13"]));
    }
}
