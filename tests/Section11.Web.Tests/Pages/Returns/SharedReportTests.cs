using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Returns;

/// <summary>
/// A return's report is of one round: the demo trust shares its return with Southvale, so it goes to two rounds; the
/// agency picks which partnership's report to open, each with that round's local section only, and a partnership's
/// people get their own round's report and never another's.
/// </summary>
[Trait("Category", "Share")]
public sealed class SharedReportTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private const string LocalHeading = $"Standard 8: Local requirements of {DemoData.SecondPartnershipName}";

    [Fact]
    public async Task The_report_is_of_the_round_asked_for_and_a_partnership_gets_only_its_own()
    {
        int returnId, northshire, southvale;
        await using (var db = factory.Database.CreateContext())
        {
            var receipts = await db.Receipts.Where(x => x.Agency.Name == DemoData.Trust && x.Round.Title.EndsWith("audit 2026"))
                .Select(x => new { x.Id, x.RoundId, x.ReturnId, x.AgencyId, Partnership = x.Round.Partnership.Name }).ToListAsync();
            var north = receipts.Single(x => x.Partnership == DemoData.PartnershipName);
            var south = receipts.Single(x => x.Partnership == DemoData.SecondPartnershipName);
            (returnId, northshire, southvale) = (north.ReturnId!.Value, north.RoundId, south.RoundId);
            Assert.Empty(await new SharingService(db, new FrameworkCatalog(), TimeProvider.System).ChooseAsync(south.AgencyId, south.Id, returnId, "test"));
        }

        var lead = factory.CreateHtmlClient();
        await lead.SignInAsync("trust.lead@northshire-hospitals.example", DemoData.Password);
        var view = await lead.GetAsync($"/returns/{returnId}/view");
        Assert.Equal(
            [($"/returns/{returnId}/report?roundId={northshire}", $"{DemoData.PartnershipName}: Section 11 audit 2026"),
                ($"/returns/{returnId}/report?roundId={southvale}", $"{DemoData.SecondPartnershipName}: Southvale Section 11 audit 2026")],
            view.Document.QuerySelectorAll("#report-links a").Select(a => (a.GetAttribute("href")!, a.TextContent.Trim())).OrderBy(a => a.Item1, StringComparer.Ordinal));
        Assert.Null(view.Document.QuerySelector("#report-link"));

        var forSouthvale = await lead.GetAsync($"/returns/{returnId}/report?roundId={southvale}");
        Assert.Equal((HttpStatusCode.OK, LocalHeading), (forSouthvale.Status, forSouthvale.Text("#standard-8")));
        Assert.Contains("Southvale Section 11 audit 2026", forSouthvale.Text("#facts"), StringComparison.Ordinal);
        Assert.Equal($"/returns/{returnId}/report/pdf?roundId={southvale}", forSouthvale.Document.QuerySelector("#downloads a[href*='/pdf']")!.GetAttribute("href"));
        var forNorthshire = await lead.GetAsync($"/returns/{returnId}/report?roundId={northshire}");
        Assert.Equal(HttpStatusCode.OK, forNorthshire.Status);
        Assert.Null(forNorthshire.Document.QuerySelector("#standard-8"));
        Assert.DoesNotContain("Southvale", forNorthshire.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var pdf = await lead.Http.GetAsync($"/returns/{returnId}/report/pdf?roundId={southvale}");
        Assert.Contains("Southvale", pdf.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);

        // Northshire's administrator: its own round's report, and not Southvale's, whatever the address asks.
        var admin = factory.CreateHtmlClient();
        await admin.SignInAsync("admin@northshire-partnership.example", DemoData.Password);
        var own = await admin.GetAsync($"/returns/{returnId}/report");
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Null(own.Document.QuerySelector("#standard-8"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/returns/{returnId}/report?roundId={southvale}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync($"/returns/{returnId}/report/docx?roundId={southvale}")).StatusCode);
    }
}
