using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Surveys;
using Section11.Core.Tests.Support;
using Section11.Core.Reporting.Exports;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Exports;

/// <summary>
/// The full export of a partnership, on two partnerships sharing one agency (<see cref="SharedAgency"/>): each file's
/// rows are the database's for the partnership, and nothing of the other partnership is in either format.
/// </summary>
[Trait("Category", "AnnualReport")]
public sealed class PartnershipExportTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private async Task<(Dictionary<string, string> Files, IReadOnlyDictionary<string, long> Counts)> ZipAsync(int partnershipId)
    {
        await using var db = factory.Database.CreateContext();
        using var stream = new MemoryStream();
        var counts = await PartnershipExport.WriteZipAsync(db, partnershipId, stream);
        stream.Position = 0;
        using var zip = new ZipArchive(stream);
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        return (files, counts);
    }

    /// <summary>The database's own counts for the partnership, written here independently of the export's queries.</summary>
    private async Task<Dictionary<string, long>> DatabaseCountsAsync(int partnershipId)
    {
        await using var db = factory.Database.CreateContext();
        var returns = db.Receipts.Where(x => x.Round.PartnershipId == partnershipId && x.ReturnId != null).Select(x => x.ReturnId!.Value);
        var ownStandards = db.Standards.Where(s => s.RoundId == null || db.Rounds.Any(r => r.Id == s.RoundId && r.PartnershipId == partnershipId)).Select(s => s.Id);
        var areas = db.ImprovementAreas.Where(a => db.Rounds.Any(r => r.Id == a.RoundId && r.PartnershipId == partnershipId));
        return new()
        {
            ["rounds"] = await db.Rounds.CountAsync(r => r.PartnershipId == partnershipId),
            ["receipts"] = await db.Receipts.CountAsync(x => x.Round.PartnershipId == partnershipId),
            ["answers"] = await db.Answers.CountAsync(a => returns.Contains(a.ReturnId) && ownStandards.Contains(a.Item.StandardId)),
            ["evaluations"] = await db.StandardEvaluations.CountAsync(e => returns.Contains(e.ReturnId) && ownStandards.Contains(e.StandardId)),
            ["sign_offs"] = await db.Returns.CountAsync(r => returns.Contains(r.Id) && r.SignOff != null),
            ["improvement_areas"] = await areas.CountAsync(),
            ["actions"] = await db.PlanActions.CountAsync(a => areas.Any(x => x.Id == a.ImprovementAreaId)),
            ["monitoring"] = await db.MonitoringEntries.CountAsync(m => db.PlanActions.Any(a => a.Id == m.PlanActionId && areas.Any(x => x.Id == a.ImprovementAreaId))),
            ["survey_results"] = await SurveyRowsAsync(partnershipId),
        };
    }

    /// <summary>The rows the survey results pages' export gives, over every round of the partnership.</summary>
    private async Task<long> SurveyRowsAsync(int partnershipId)
    {
        using var scope = factory.Services.CreateScope();
        var surveys = scope.ServiceProvider.GetRequiredService<SurveyService>();
        var rounds = await scope.ServiceProvider.GetRequiredService<Section11.Core.Data.Section11DbContext>().Rounds.Where(r => r.PartnershipId == partnershipId).Select(r => r.Id).ToListAsync();
        long rows = 0;
        foreach (var round in rounds)
        {
            if (await surveys.GetResultsAsync(round) is { } view)
            {
                rows += SurveyResultsExport.Rows([view.Partnership, .. view.Agencies]).Count();
            }
        }

        return rows;
    }

    [Fact]
    public async Task Survey_results_are_the_results_pages_counts_never_a_group_below_the_minimum_nor_unpublished_text()
    {
        await using var db = factory.Database.CreateContext();
        var time = factory.Services.GetRequiredService<TimeProvider>();
        var (setup, texts) = await SurveyTestData.FixedResponsesAsync(db, new Section11.Core.Frameworks.FrameworkCatalog(), time);
        var freeText = await db.SurveyQuestions.Where(q => db.Surveys.Any(x => x.Id == q.SurveyId && x.RoundId == setup.RoundId) && q.Kind == QuestionKind.FreeText).Select(q => q.Id).SingleAsync();
        using (var scope = factory.Services.CreateScope())
        {
            var surveys = scope.ServiceProvider.GetRequiredService<SurveyService>();
            Assert.Empty(await surveys.MarkFreeTextAsync(setup.RoundId, texts[0], freeText, publishable: true, setup.UserId));
            Assert.Empty(await surveys.MarkFreeTextAsync(setup.RoundId, texts[1], freeText, publishable: false, setup.UserId));
        }

        var (files, counts) = await ZipAsync(setup.PartnershipId);
        var rows = files["survey_results.csv"].TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(await SurveyRowsAsync(setup.PartnershipId), counts["survey_results"]);
        Assert.Equal(counts["survey_results"], rows.Count);
        Assert.True(rows.Count > 10);

        // The trust's three responses: one row saying too few, with no numbers; the police's three managers: no row of their own.
        var trust = setup.Links[1].AgencyName;
        var trustRows = rows.Where(r => r.Contains(trust, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"{setup.RoundId},{setup.Links[1].AgencyId},{trust},3,,,,{SurveyResultsExport.TooFew},3,"], trustRows);
        Assert.DoesNotContain(rows, r => r.Split(',')[6] == SurveyTestData.Manager);
        Assert.Contains(rows, r => r.Split(',')[6] == SurveyTestData.Direct);
        // Free text: the published answer only; the rest stay unread or unpublished and are never exported.
        Assert.Contains(rows, r => r.Contains("Publish me", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("Do not publish", StringComparison.Ordinal) || r.Contains("Still unread", StringComparison.Ordinal));
        var dictionary = files[PartnershipExport.DictionaryFile];
        Assert.Contains("survey_results.csv,scope_responses,", dictionary, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Survey")]
    public async Task A_survey_result_cited_by_an_action_is_exported_with_the_questions_id_and_text()
    {
        await using var db = factory.Database.CreateContext();
        var time = factory.Services.GetRequiredService<TimeProvider>();
        var catalog = new Section11.Core.Frameworks.FrameworkCatalog();
        var (setup, _) = await SurveyTestData.FixedResponsesAsync(db, catalog, time);
        Assert.Empty(await new SurveyService(db, catalog, time).CloseAsync(setup.RoundId, setup.UserId));
        var police = setup.Links[0].AgencyId;
        var question = Assert.Single(await new SurveyService(db, catalog, time).GetCitableAsync(police)).QuestionId;
        var plans = new Section11.Core.ActionPlans.ActionPlanService(db, catalog, time);
        var (area, _) = await plans.AddAreaAsync(police, new Section11.Core.ActionPlans.AreaInput("Staff survey", "Staff know how to refer"), setup.UserId);
        // The area came from the surveyed round, so it is the partnership's to export.
        await db.ImprovementAreas.Where(a => a.Id == area).ExecuteUpdateAsync(x => x.SetProperty(a => a.RoundId, setup.RoundId));
        var date = new Section11.Core.Returns.DateInput("31", "1", "2030");
        var (action, errors) = await plans.AddActionAsync(area!.Value, new("Brief all staff", date, "The police", "Dr Anna Green", "Staff briefed", date,
            null, null, Section11.Core.Returns.DateInput.Empty, question), setup.UserId);
        Assert.Empty(errors);

        var (files, _) = await ZipAsync(setup.PartnershipId);
        var actions = files["actions.csv"].TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",survey_question_id,survey_question", actions[0], StringComparison.Ordinal);
        var row = Assert.Single(actions, r => r.StartsWith($"{action},", StringComparison.Ordinal));
        Assert.EndsWith($",{question},I know how to refer a child to children's social care", row, StringComparison.Ordinal);
        Assert.Contains("review_answers.csv,survey_question_id,", files[PartnershipExport.DictionaryFile], StringComparison.Ordinal);
    }

    private static int Lines(string csv) => csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;

    [Fact]
    public async Task Each_files_rows_are_the_databases_for_the_partnership_and_none_of_the_others()
    {
        var s = await factory.CreateSharedAgencyAsync();

        var (filesA, countsA) = await ZipAsync(s.PartnershipA);
        var (filesB, _) = await ZipAsync(s.PartnershipB);

        var expected = await DatabaseCountsAsync(s.PartnershipA);
        Assert.All(expected, e => Assert.Equal((e.Key, e.Value), (e.Key, countsA[e.Key])));
        Assert.True(expected["answers"] > 0 && expected["improvement_areas"] > 0 && expected["actions"] > 0);
        // The files say the same as the counts (no answer here has a line break, so a line is a row).
        Assert.Equal(countsA["answers"], Lines(filesA["answers.csv"]));
        Assert.Equal(countsA["receipts"], Lines(filesA["receipts.csv"]));

        var allA = string.Concat(filesA.Values);
        var allB = string.Concat(filesB.Values);
        Assert.Contains(s.SecretOutcome, allA, StringComparison.Ordinal);
        Assert.Contains(s.SecretAction, allA, StringComparison.Ordinal);
        Assert.DoesNotContain(s.OutcomeB, allA, StringComparison.Ordinal);
        Assert.DoesNotContain(s.SecretOutcome, allB, StringComparison.Ordinal);
        Assert.DoesNotContain(s.SecretAction, allB, StringComparison.Ordinal);
        Assert.Contains(s.OutcomeB, allB, StringComparison.Ordinal);
        // B's return and round are nowhere in A's receipts, and A's return nowhere in B's.
        Assert.DoesNotContain(filesA["receipts.csv"].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1), l => l.Split(',')[5] == s.ReturnB.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(filesB["receipts.csv"].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1), l => l.Split(',')[5] == s.ReturnA.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(filesA["rounds.csv"].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1), l => l.Split(',')[0] == s.RoundB.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_data_dictionary_lists_every_file_and_column_and_the_json_has_the_same_rows()
    {
        var s = await factory.CreateSharedAgencyAsync();
        var (files, counts) = await ZipAsync(s.PartnershipA);

        var dictionary = files[PartnershipExport.DictionaryFile].TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var (name, content) in files.Where(f => f.Key != PartnershipExport.DictionaryFile))
        {
            var header = content.TrimStart('\uFEFF').Split("\r\n")[0].Split(',');
            Assert.Equal(header, dictionary.Where(d => d[0] == name && d[1].Length > 0).Select(d => d[1]));
            Assert.Single(dictionary, d => d[0] == name && d[1].Length == 0); // what a row of the file is
        }

        await using var db = factory.Database.CreateContext();
        using var json = new MemoryStream();
        var jsonCounts = await PartnershipExport.WriteJsonAsync(db, s.PartnershipA, json);
        using var document = JsonDocument.Parse(json.ToArray());
        var tables = document.RootElement.GetProperty("tables");
        Assert.Equal(counts, jsonCounts);
        Assert.All(counts, c => Assert.Equal(c.Value, tables.GetProperty(c.Key).GetProperty("rows").GetArrayLength()));
        Assert.DoesNotContain(s.OutcomeB, Encoding.UTF8.GetString(json.ToArray()), StringComparison.Ordinal);
    }
}
