using Section11.Core.Data;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds;

/// <summary>The demo's half-completed return reads as started on its round's tracker.</summary>
public sealed class DemoTrackerTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    [Trait("Category", "Operations")]
    public async Task The_half_completed_demo_return_is_in_progress_with_its_last_activity()
    {
        using var admin = factory.CreateHtmlClient();
        await admin.SignInAsync("admin@northshire-partnership.example", DemoData.Password);
        await using var db = factory.Database.CreateContext();
        var round = db.Rounds.Single(r => r.Title == "Section 11 audit 2026: primary care" && r.Partnership.Name == DemoData.PartnershipName);

        var tracker = await admin.GetAsync($"/partnerships/{round.PartnershipId}/rounds/{round.Id}");

        var row = tracker.Document.QuerySelectorAll("tbody tr").Single(tr => tr.TextContent.Contains(DemoData.GpPractice, StringComparison.Ordinal));
        Assert.Equal("In progress", row.QuerySelector(".app-status .govuk-tag")!.TextContent.Trim());
        Assert.DoesNotContain("None", row.Children[^2].TextContent, StringComparison.Ordinal);
    }
}
