using System.IO.Compression;
using System.Net;
using System.Text;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds;

/// <summary>The annual-report chapter's print page and its Word download on the fixed data set (<see cref="ReportingTestData"/>).</summary>
[Trait("Category", "AnnualReport")]
public sealed class AnnualReportTests(AnnualReportTests.Server factory) : IClassFixture<AnnualReportTests.Server>
{
    public sealed class Server : Section11Factory
    {
        public Server() => Clock.Now = ReportingTestData.Now;
    }

    private static readonly string[] AgencyNames = ["Alder Hospital Trust", "Birch Police", "Cedar Council", "Damson Young Carers", "Elm Surgery"];

    private async Task<(HtmlClient Client, ReportingTestData.Created Data)> SignedInAsync(Role role)
    {
        await using var db = factory.Database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        var person = await factory.CreatePersonAsync(role, partnershipId: data.PartnershipId, name: "Robin Reviewer");
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(person.Email);
        return (client, data);
    }

    private static string Squash(string text) => string.Join(" ", text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task The_print_page_names_no_agency_until_asked_and_links_the_same_choice_to_the_word_file()
    {
        var (reviewer, data) = await SignedInAsync(Role.PartnershipReviewer);
        var round = await reviewer.GetAsync(Links.Round(data.PartnershipId, data.RoundId));
        var link = round.Document.QuerySelector("#annual-report-link")!.GetAttribute("href")!;

        var page = await reviewer.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Section 11 audit: Section 11 audit 2026", page.H1);
        Assert.Equal("4 of the 5 agencies in the round submitted their return (80%).", page.Document.QuerySelector("#returns .app-report-sentence")!.TextContent);
        Assert.Equal("All sectors 5 4 80%", Squash(page.Document.QuerySelectorAll("#response-table tbody tr")[^1].TextContent));
        Assert.Equal("img", page.Document.QuerySelector("svg#standards-table-chart")!.GetAttribute("role"));
        Assert.Equal(["Agency A", "Agency B", "Agency C", "Agency D", "Agency E"], page.Document.QuerySelectorAll("#heatmap-table tbody th").Select(t => t.TextContent.Trim()));
        Assert.True(page.Document.QuerySelector("input[name=agencies][value=anonymous]")!.HasAttribute("checked"));
        var html = page.Document.Body!.OuterHtml;
        Assert.All(AgencyNames, name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));

        var docx = await reviewer.Http.GetAsync(page.Document.QuerySelector("#docx-link")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("section-11-audit-2026-annual-report.docx", docx.Content.Headers.ContentDisposition!.FileNameStar ?? docx.Content.Headers.ContentDisposition.FileName);
        var text = PackageText(await docx.Content.ReadAsByteArrayAsync());
        Assert.All(AgencyNames, name => Assert.DoesNotContain(name, text, StringComparison.Ordinal));
        Assert.Contains("4 of the 5 agencies in the round submitted their return (80%).", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_to_name_agencies_names_them_on_the_page_and_in_the_word_file()
    {
        var (admin, data) = await SignedInAsync(Role.PartnershipAdministrator);
        var page = await admin.GetAsync(Links.AnnualReport(data.PartnershipId, data.RoundId));

        // The choice is a GET form (it works without JavaScript and the address can be shared): sent as a browser would.
        var form = page.Document.QuerySelector("main form")!;
        Assert.Equal(("get", Links.AnnualReport(data.PartnershipId, data.RoundId)), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.NotNull(form.QuerySelector("input[type=radio][name=agencies][value=named]"));
        var named = await admin.GetAsync(Links.AnnualReport(data.PartnershipId, data.RoundId, anonymous: false));

        Assert.Equal(HttpStatusCode.OK, named.Status);
        Assert.Equal($"Birch Police {data.Suffix}", named.Document.QuerySelectorAll("#heatmap-table tbody th")[1].TextContent.Trim());
        Assert.Equal("Yes", named.Document.QuerySelectorAll("#facts .govuk-summary-list__row").Single(r => r.TextContent.Contains("Agencies named", StringComparison.Ordinal)).QuerySelector("dd")!.TextContent);
        var docx = await admin.Http.GetAsync(named.Document.QuerySelector("#docx-link")!.GetAttribute("href")!);
        Assert.Contains($"Birch Police {data.Suffix}", PackageText(await docx.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_format_other_than_docx_is_not_found()
    {
        var (reviewer, data) = await SignedInAsync(Role.PartnershipReviewer);

        var response = await reviewer.Http.GetAsync(Links.AnnualReportFile(data.PartnershipId, data.RoundId, "pdf", anonymous: true));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string PackageText(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }
}
