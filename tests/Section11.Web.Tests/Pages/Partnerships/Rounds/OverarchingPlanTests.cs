using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds;

/// <summary>The overarching plan as a partnership reviewer reads it, and its download carrying the same filters.</summary>
[Trait("Category", "Operations")]
public sealed class OverarchingPlanTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task A_reviewer_sees_every_action_under_its_standard_filters_them_and_downloads_what_is_shown()
    {
        var (client, lead) = await factory.SubmittedAsync((n, values) =>
        {
            if (n == 1)
            {
                values["Answers[0].Rating"] = "requires-improvement";
                values["Answers[0].ActionRequired"] = "Publicise the named lead";
                values["Answers[0].Timescale.Day"] = "31";
                values["Answers[0].Timescale.Month"] = "3";
                values["Answers[0].Timescale.Year"] = "2030";
            }
        });
        var from = await client.GetAsync($"/agencies/{lead.AgencyId}/action-plan/from-return/{lead.ReturnId}");
        var plan = await client.FollowAsync(await client.SubmitAsync(from, new Dictionary<string, string?> { ["Areas[0].Outcome"] = "Staff can name the lead" }));
        var add = await client.GetAsync(plan.Document.QuerySelector("#area-1 a[href$='/actions/new']")!.GetAttribute("href")!);
        await client.SubmitAsync(add, new Dictionary<string, string?> { ["Action.AccountablePerson"] = "Dr Anna Green", ["Action.SuccessIndicators"] = "Measured" });

        await using var db = factory.Database.CreateContext();
        var round = await db.Receipts.Where(x => x.ReturnId == lead.ReturnId).Select(x => new { x.RoundId, x.Round.PartnershipId, x.Agency.Name }).SingleAsync();
        var reviewer = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: round.PartnershipId, name: "Rita Reviewer");
        using var r = factory.CreateHtmlClient();
        await r.SignInAsync(reviewer.Email);

        var plans = await r.GetAsync($"/partnerships/{round.PartnershipId}/rounds/{round.RoundId}/action-plans");
        var page = await r.GetAsync(plans.Document.QuerySelector("#overarching-plan")!.GetAttribute("href")!);
        Assert.StartsWith("Overarching standard: Standard 1, ", page.Text(".app-standard-heading"), StringComparison.Ordinal);
        var row = page.Document.QuerySelector(".app-overarching-action")!;
        Assert.Contains(round.Name, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Area 1: Staff can name the lead", row.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("1.1 Publicise the named lead", row.QuerySelector("th")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Actions: 1", page.Text("#totals li"));

        var red = await r.GetAsync($"/partnerships/{round.PartnershipId}/rounds/{round.RoundId}/overarching-plan?rag=Red");
        Assert.Equal("No actions match these filters.", red.Text("#empty"));
        var download = red.Document.QuerySelector("#downloads a")!.GetAttribute("href")!;
        Assert.EndsWith("/overarching-plan/xlsx?rag=Red", download, StringComparison.Ordinal);

        var all = await r.Http.GetAsync($"/partnerships/{round.PartnershipId}/rounds/{round.RoundId}/overarching-plan/docx");
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await all.Content.ReadAsByteArrayAsync()), false);
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains($"{round.Name} 1. Identified improvement area / desired outcome: Staff can name the lead", text, StringComparison.Ordinal);
        Assert.Contains("Dr Anna Green", text, StringComparison.Ordinal);
    }
}
