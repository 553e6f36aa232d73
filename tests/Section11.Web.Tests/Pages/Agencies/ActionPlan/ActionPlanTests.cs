using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Agencies.ActionPlan;

/// <summary>From a submitted return to a working action plan, as a person without JavaScript would do it.</summary>
public sealed class ActionPlanTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    /// <summary>A submitted masa-2018 return with 1.1 and 1.2 rated Requires improvement.</summary>
    private Task<(HtmlClient Client, Section11Factory.Lead Lead)> SubmittedAsync() =>
        factory.SubmittedAsync((n, values) =>
        {
            if (n != 1)
            {
                return;
            }

            foreach (var i in new[] { 0, 1 })
            {
                values[$"Answers[{i}].Rating"] = "requires-improvement";
                values[$"Answers[{i}].ActionRequired"] = $"Publicise the named lead (item 1.{i + 1})";
                values[$"Answers[{i}].Timescale.Day"] = "31";
                values[$"Answers[{i}].Timescale.Month"] = "3";
                values[$"Answers[{i}].Timescale.Year"] = "2030";
            }
        });

    [Fact]
    public async Task A_lead_turns_the_returns_gaps_into_a_plan_adds_an_action_and_monitors_it_to_green()
    {
        var (client, lead) = await SubmittedAsync();
        var plan = await client.GetAsync($"/agencies/{lead.AgencyId}/action-plan");
        Assert.Contains("2 items of your return", plan.Text($"#from-return-{lead.ReturnId}"), StringComparison.Ordinal);

        var from = await client.GetAsync($"/agencies/{lead.AgencyId}/action-plan/from-return/{lead.ReturnId}");
        Assert.Equal(["1.1: rated Requires improvement", "1.2: rated Requires improvement"], from.Document.QuerySelectorAll(".app-suggestion h2").Select(h => h.TextContent.Trim()));
        Assert.Equal("Publicise the named lead (item 1.1)", from.Value("Areas[0].Outcome"));
        var empty = await client.SubmitAsync(from, new Dictionary<string, string?> { ["Areas[0].Outcome"] = "", ["Areas[1].Outcome"] = "Lead known to all staff" });
        Assert.Equal(["Enter the desired outcome for 1.1"], empty.ErrorSummary);
        Assert.Equal("Lead known to all staff", empty.Value("Areas[1].Outcome"));

        // Merge 1.2 into 1.1's area.
        plan = await client.FollowAsync(await client.SubmitAsync(from, new Dictionary<string, string?>
        {
            ["Areas[0].Outcome"] = "Every member of staff can name the safeguarding lead (target: 95% in the staff survey)", ["Areas[1].MergeWith"] = from.Value("Areas[0].AnswerId"),
        }));
        Assert.Equal("1 improvement area added. Now add the specific actions.", plan.Text("#confirmation"));
        Assert.StartsWith("1. Every member of staff can name", plan.Text("#area-1 h3"), StringComparison.Ordinal);
        Assert.Contains("Overarching standard: Standard 1, ", plan.Document.QuerySelector(".app-standard-heading")!.TextContent, StringComparison.Ordinal);

        var add = await client.GetAsync(plan.Document.QuerySelector("#area-1 a[href$='/actions/new']")!.GetAttribute("href")!);
        Assert.StartsWith("Publicise the named lead (item 1.1)", add.Value("Action.SpecificAction"), StringComparison.Ordinal);
        Assert.Equal("2030", add.Value("Action.Deadline.Year"));
        var notSmart = await client.SubmitAsync(add, new Dictionary<string, string?> { ["Action.AccountablePerson"] = "", ["Action.SuccessIndicators"] = "" });
        Assert.Equal(["Enter the named professional accountable for the action", "Enter at least one success indicator: how you will know the action worked"], notSmart.ErrorSummary);
        plan = await client.FollowAsync(await client.SubmitAsync(notSmart, new Dictionary<string, string?>
        {
            ["Action.AccountablePerson"] = "Dr Anna Green, named nurse", ["Action.SuccessIndicators"] = "95% of staff name the lead in the survey",
        }));
        Assert.Contains("Publicise the named lead", plan.Text("#action-1-1"), StringComparison.Ordinal);
        Assert.Equal("Not rated", plan.Text("#action-1-1 .app-rag"));

        var actionUrl = plan.Document.QuerySelector("#action-1-1 a")!.GetAttribute("href")!;
        var entry = await client.GetAsync($"{actionUrl}/monitoring/new");
        var action = await client.FollowAsync(await client.SubmitAsync(entry, new Dictionary<string, string?> { ["Kind"] = "Progress", ["Text"] = "Posters up in every staff room" }));
        Assert.Contains("Posters up in every staff room", action.Text("#monitoring"), StringComparison.Ordinal);
        Assert.Contains(", progress, by Sam Lead", action.Text("#monitoring"), StringComparison.Ordinal);

        var green = await client.SubmitAsync(action, new Dictionary<string, string?> { ["Action.Rag"] = "Green", ["Action.SuccessIndicators"] = "95% name the lead" });
        Assert.Equal(["Record the impact and evidence before rating this action Green"], green.ErrorSummary);
        Assert.Equal("95% name the lead", green.Value("Action.SuccessIndicators"));
        Assert.Equal("Green", green.Value("Action.Rag"));

        plan = await client.FollowAsync(await client.SubmitAsync(green, new Dictionary<string, string?> { ["Action.ImpactAndEvidence"] = "Staff survey, May 2030: 97% named the lead" }));
        Assert.Equal("Green", plan.Text("#action-1-1 .app-rag"));

        // The downloads carry the same plan.
        var xlsx = await client.Http.GetAsync($"/agencies/{lead.AgencyId}/action-plan/export/xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".xlsx", xlsx.Content.Headers.ContentDisposition!.FileNameStar ?? xlsx.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        using (var sheet = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var strings = sheet.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(i => i.InnerText).ToList();
            Assert.Contains(strings, t => t.Contains("Staff survey, May 2030: 97% named the lead", StringComparison.Ordinal));
            Assert.Contains(strings, t => t.Contains("Posters up in every staff room", StringComparison.Ordinal));
        }

        var docx = await client.Http.GetAsync($"/agencies/{lead.AgencyId}/action-plan/export/docx");
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Contains("Dr Anna Green, named nurse", word.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/agencies/{lead.AgencyId}/action-plan/export/pdf")).Status);
        Assert.Equal("Green: 1", plan.Document.QuerySelectorAll("#rag-counts li").Select(l => l.TextContent.Trim()).Single(t => t.StartsWith("Green", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_partnership_sees_every_agencys_plan_in_the_round_and_a_reader_cannot_change_it()
    {
        var (client, lead) = await SubmittedAsync();
        var from = await client.GetAsync($"/agencies/{lead.AgencyId}/action-plan/from-return/{lead.ReturnId}");
        var plan = await client.FollowAsync(await client.SubmitAsync(from, new Dictionary<string, string?>()));
        var add = await client.GetAsync(plan.Document.QuerySelector("#area-1 a[href$='/actions/new']")!.GetAttribute("href")!);
        await client.SubmitAsync(add, new Dictionary<string, string?> { ["Action.AccountablePerson"] = "A Person", ["Action.SuccessIndicators"] = "Measured" });

        // Move the action's deadline into the past: it is now overdue.
        await using (var db = factory.Database.CreateContext())
        {
            await db.PlanActions.Where(x => db.ImprovementAreas.Any(a => a.Id == x.ImprovementAreaId && a.AgencyId == lead.AgencyId))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Deadline, new DateOnly(2026, 1, 1)));
        }

        await using var ctx = factory.Database.CreateContext();
        var round = await ctx.Receipts.Where(x => x.ReturnId == lead.ReturnId).Select(x => new { x.RoundId, x.Round.PartnershipId }).SingleAsync();
        var reviewer = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: round.PartnershipId, name: "Rita Reviewer");
        using var r = factory.CreateHtmlClient();
        await r.SignInAsync(reviewer.Email);

        var plans = await r.GetAsync($"/partnerships/{round.PartnershipId}/rounds/{round.RoundId}/action-plans");
        Assert.Equal(["0", "0", "0", "1", "1"], plans.Document.QuerySelectorAll($"#agency-{lead.AgencyId} td").Select(t => t.TextContent.Trim()));
        Assert.Contains("1.1", plans.Text("#overdue"), StringComparison.Ordinal);

        var agencyPlan = await r.GetAsync($"/agencies/{lead.AgencyId}/action-plan");
        Assert.Contains("Overdue", agencyPlan.Text("#action-1-1"), StringComparison.Ordinal);
        Assert.Empty(agencyPlan.Document.QuerySelectorAll("a[href$='/actions/new']"));
        var actionPage = await r.GetAsync(agencyPlan.Document.QuerySelector("#action-1-1 a")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, actionPage.Status);
        Assert.Empty(actionPage.Document.QuerySelectorAll("main form"));
    }
}
