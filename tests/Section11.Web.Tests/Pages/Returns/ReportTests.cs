using System.IO.Compression;
using System.Net;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Returns;

/// <summary>The per-agency report on the fixed reporting data set, as a partnership reviewer opens and downloads it.</summary>
public sealed class ReportTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private async Task<(ReportingTestData.Created Data, HtmlClient Reviewer)> ReviewerAsync()
    {
        await using var db = factory.Database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        var reviewer = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: data.PartnershipId, name: "Rita Reviewer");
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(reviewer.Email);
        return (data, client);
    }

    [Fact]
    public async Task A_reviewer_sees_an_agencys_ratings_evaluations_sign_off_and_action_plan_and_can_download_it()
    {
        var (data, client) = await ReviewerAsync();
        var birch = data.ReturnIds["Birch Police"];
        Assert.Equal($"/returns/{birch}/report", (await client.GetAsync($"/returns/{birch}/view")).Document.QuerySelector("#report-link")!.GetAttribute("href"));

        var page = await client.GetAsync($"/returns/{birch}/report");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"Birch Police {data.Suffix}: Section 11 return", page.H1);
        var item42 = page.Document.QuerySelectorAll("#item-4-2 th, #item-4-2 td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(("4.2", "Inadequate", "Evidence for 4.2"), (item42[0], item42[2], item42[3]));
        Assert.Equal(["Action for 4.2", "Timescale: 31 December 2026"], item42[4].Split('\n', StringSplitOptions.TrimEntries));
        Assert.Equal("Evaluation of standard 4: Requires improvement", page.Text("#evaluation-4"));
        Assert.Equal(["Name", "Pat Signatory", "Post held", "Director", "Organisation", $"Birch Police {data.Suffix}", "Date", "21 March 2026"],
            page.Document.QuerySelectorAll("#signatory dt, #signatory dd").Select(e => e.TextContent.Trim()));
        Assert.Equal($"/returns/{birch}/report/pdf", page.Document.QuerySelector("#downloads a[href$='/pdf']")!.GetAttribute("href"));

        var alder = await client.GetAsync($"/returns/{data.ReturnIds["Alder Hospital Trust"]}/report");
        Assert.Contains("Audit every personnel file", alder.Text("#plan-action-1-1"), StringComparison.Ordinal);
        Assert.Contains("Green", alder.Text("#plan-action-1-3 .app-rag"), StringComparison.Ordinal);

        var docx = await client.Http.GetAsync($"/returns/{birch}/report/docx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".docx", docx.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        var pdf = await client.Http.GetAsync($"/returns/{birch}/report/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("%PDF"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task The_round_lists_every_agencys_report_and_zips_them_one_file_per_agency()
    {
        var (data, client) = await ReviewerAsync();
        var round = $"/partnerships/{data.PartnershipId}/rounds/{data.RoundId}";
        Assert.Equal($"{round}/reports", (await client.GetAsync(round)).Document.QuerySelector("#reports-link")!.GetAttribute("href"));

        var page = await client.GetAsync($"{round}/reports");
        Assert.Equal(
            ["Alder Hospital Trust", "Birch Police", "Cedar Council", "Damson Young Carers", "Elm Surgery"],
            page.Document.QuerySelectorAll("#reports tbody th").Select(th => th.TextContent.Trim().Replace($" {data.Suffix}", "", StringComparison.Ordinal)));

        foreach (var format in new[] { "docx", "pdf" })
        {
            var response = await client.Http.GetAsync($"{round}/reports/{format}");
            Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
            using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
            Assert.Equal(
                [.. new[] { "alder-hospital-trust", "birch-police", "cedar-council", "damson-young-carers", "elm-surgery" }.Select(n => $"{n}-{data.Suffix}.{format}")],
                zip.Entries.Select(e => e.FullName));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"{round}/reports/xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/partnerships/{data.PartnershipId}/rounds/{int.MaxValue}/reports/pdf")).StatusCode);
    }

    [Fact]
    public async Task Another_partnerships_reviewer_gets_not_found()
    {
        var (data, _) = await ReviewerAsync();
        await using var db = factory.Database.CreateContext();
        var other = await PartnershipTestData.CreatePartnershipAsync(db, "Elsewhere agency");
        var stranger = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: other.PartnershipId, name: "Sam Stranger");
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(stranger.Email);

        var birch = data.ReturnIds["Birch Police"];
        foreach (var url in new[]
        {
            $"/returns/{birch}/report", $"/returns/{birch}/report/docx", $"/returns/{birch}/report/pdf",
            $"/partnerships/{data.PartnershipId}/rounds/{data.RoundId}/reports", $"/partnerships/{data.PartnershipId}/rounds/{data.RoundId}/reports/pdf",
            $"/partnerships/{other.PartnershipId}/rounds/{data.RoundId}/reports/pdf",
        })
        {
            Assert.True((await client.Http.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        }
    }
}
