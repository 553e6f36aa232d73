using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds;

/// <summary>A partnership's administrators and reviewers download a whole round's data.</summary>
public sealed class ExportTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private async Task<(HtmlClient Client, ReportingTestData.Created Data)> SignedInAsync(Role role)
    {
        ReportingTestData.Created data;
        await using (var db = factory.Database.CreateContext())
        {
            data = await ReportingTestData.CreateAsync(db);
        }

        var person = await factory.CreatePersonAsync(role, partnershipId: data.PartnershipId, name: "Sam Patel");
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(person.Email);
        return (client, data);
    }

    [Fact]
    public async Task An_administrator_finds_the_export_from_the_tracker_and_downloads_the_workbook_and_the_csv()
    {
        var (client, data) = await SignedInAsync(Role.PartnershipAdministrator);
        var tracker = await client.GetAsync($"/partnerships/{data.PartnershipId}/rounds/{data.RoundId}");
        var page = await client.GetAsync(tracker.Document.QuerySelector("a#export")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Export the round's data", page.H1);
        Assert.StartsWith("Download the Excel workbook for Section 11 audit 2026 (XLSX, about ", page.Text("#download-xlsx"), StringComparison.Ordinal);
        Assert.StartsWith("Download the CSV file for Section 11 audit 2026 (CSV, about ", page.Text("#download-csv"), StringComparison.Ordinal);

        var xlsx = await client.Http.GetAsync(page.Document.QuerySelector("#download-xlsx")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", xlsx.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("section-11-audit-2026-round-export.xlsx", xlsx.Content.Headers.ContentDisposition.FileNameStar);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Equal(8, book.WorkbookPart!.Workbook.Sheets!.Elements<S.Sheet>().Count());
            var strings = book.WorkbookPart.SharedStringTablePart!.SharedStringTable.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToList();
            Assert.Contains($"Birch Police {data.Suffix}", strings);
            Assert.Contains("Evidence for 4.2", strings);
        }

        var csv = await client.Http.GetAsync(page.Document.QuerySelector("#download-csv")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("section-11-audit-2026-round-export.csv", csv.Content.Headers.ContentDisposition.FileNameStar);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).TrimEnd().Split("\r\n");
        Assert.StartsWith("Round,Agency,Sector,Status,", lines[0], StringComparison.Ordinal);
        Assert.Equal((5 * 27) + 1, lines.Length);
    }

    [Fact]
    public async Task A_reviewer_can_download_too_and_an_unknown_format_is_not_found()
    {
        var (client, data) = await SignedInAsync(Role.PartnershipReviewer);
        var export = $"/partnerships/{data.PartnershipId}/rounds/{data.RoundId}/export";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(export)).Status);
        var xlsx = await client.Http.GetAsync($"{export}/xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
        }

        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"{export}/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{export}/pdf")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/partnerships/{data.PartnershipId}/rounds/{data.PreviousRoundId + 100000}/export/csv")).Status);
    }
}
