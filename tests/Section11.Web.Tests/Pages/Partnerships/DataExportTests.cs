using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Identity;
using Section11.Core.Reporting.Exports;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships;

/// <summary>
/// The data-export pages: an administrator asks for the export, follows its progress (a refresh link, nothing that
/// refreshes by itself), and downloads it when the worker has produced it; who else may see it; failed and deleted files.
/// </summary>
[Trait("Category", "AnnualReport")]
public sealed class DataExportTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private async Task ProduceQueuedAsync()
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ExportJobService>().RunDueAsync();
    }

    private async Task<(HtmlClient Client, HtmlClient.Page Progress)> RequestAsync(SharedAgency s, string format)
    {
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(s.AdminB.Email);
        var partnership = await client.GetAsync(Links.Partnership(s.PartnershipB));
        var page = await client.GetAsync(partnership.Document.QuerySelector("#data-export-link")!.GetAttribute("href")!);
        var posted = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Format"] = format });
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        return (client, await client.GetAsync(posted.Location!));
    }

    private static int JobId(HtmlClient.Page progress) => int.Parse(progress.Response.RequestMessage!.RequestUri!.AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_administrator_asks_for_the_zip_follows_its_progress_and_downloads_it_when_ready()
    {
        var s = await factory.CreateSharedAgencyAsync();
        var (client, progress) = await RequestAsync(s, "zip");

        Assert.Equal("Waiting to start", progress.Text("#export-status"));
        Assert.Matches(@"^0 of \d+ tables$", progress.Text("#export-progress"));
        Assert.Equal(progress.Response.RequestMessage!.RequestUri!.AbsolutePath, progress.Document.QuerySelector("#refresh")!.GetAttribute("href"));
        Assert.Null(progress.Document.QuerySelector("#download"));
        Assert.Null(progress.Document.QuerySelector("meta[http-equiv='refresh']"));
        var list = await client.GetAsync(Links.DataExport(s.PartnershipB));
        Assert.Contains(list.Document.QuerySelectorAll("#recent-exports a"), a => a.GetAttribute("href") == Links.DataExportJob(s.PartnershipB, JobId(progress)));

        await ProduceQueuedAsync();
        var ready = await client.GetAsync(Links.DataExportJob(s.PartnershipB, JobId(progress)));
        Assert.Equal("Ready", ready.Text("#export-status"));
        Assert.Null(ready.Document.QuerySelector("#refresh"));
        var tables = ready.Text("#export-progress").Split(' ')[0];
        Assert.Equal($"{tables} of {tables} tables", ready.Text("#export-progress"));

        var response = await client.Http.GetAsync(ready.Document.QuerySelector("#download")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Contains(zip.Entries, e => e.FullName == PartnershipExport.DictionaryFile);
        var text = string.Concat(zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains(s.OutcomeB, text, StringComparison.Ordinal);
        Assert.DoesNotContain(s.SecretOutcome, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_format_the_page_says_so_and_a_format_it_does_not_offer_is_refused()
    {
        var s = await factory.CreateSharedAgencyAsync();
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(s.AdminB.Email);
        var page = await client.GetAsync(Links.DataExport(s.PartnershipB));

        var none = await client.SubmitAsync(page, new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Equal(["Select a format"], none.ErrorSummary);
        var other = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Format"] = "xml" });
        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        await using var db = factory.Database.CreateContext();
        Assert.False(await db.ExportJobs.AnyAsync(j => j.PartnershipId == s.PartnershipB));
    }

    [Fact]
    public async Task The_partnerships_other_administrators_may_see_and_download_it_its_reviewers_and_agencies_and_other_partnerships_may_not()
    {
        var s = await factory.CreateSharedAgencyAsync();
        var (_, progress) = await RequestAsync(s, "json");
        var jobId = JobId(progress);
        await ProduceQueuedAsync();
        var page = Links.DataExportJob(s.PartnershipB, jobId);
        var file = Links.DataExportJobFile(s.PartnershipB, jobId);

        async Task<(HttpStatusCode Page, HttpStatusCode File)> As(string email)
        {
            using var client = factory.CreateHtmlClient();
            await client.SignInAsync(email);
            return ((await client.GetAsync(page)).Status, (await client.Http.GetAsync(file)).StatusCode);
        }

        var otherAdmin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: s.PartnershipB, name: "Cy Admin");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await As(otherAdmin.Email));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), await As(s.ReviewerB.Email));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), await As(s.InviteeB.Email));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), await As(s.LeadA.Email));

        // A's administrator: B's job is not found, under B's address or under A's own.
        var adminA = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: s.PartnershipA, name: "Al Admin");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), await As(adminA.Email));
        using var a = factory.CreateHtmlClient();
        await a.SignInAsync(adminA.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync(Links.DataExportJob(s.PartnershipA, jobId))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Http.GetAsync(Links.DataExportJobFile(s.PartnershipA, jobId))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.Http.GetAsync(Links.DataExportJobFile(s.PartnershipA, s.JobA))).StatusCode);
    }

    [Fact]
    public async Task A_running_export_shows_its_tables_a_failed_one_says_so_and_a_deleted_one_has_no_download()
    {
        var s = await factory.CreateSharedAgencyAsync();
        var (client, progress) = await RequestAsync(s, "json");
        var jobId = JobId(progress);
        await using var db = factory.Database.CreateContext();
        await db.ExportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(x => x.SetProperty(j => j.Status, ExportJobStatus.Running).SetProperty(j => j.TablesDone, 4));
        var running = await client.GetAsync(Links.DataExportJob(s.PartnershipB, jobId));
        Assert.Equal("Being prepared", running.Text("#export-status"));
        Assert.StartsWith("4 of ", running.Text("#export-progress"), StringComparison.Ordinal);
        Assert.NotNull(running.Document.QuerySelector("#refresh"));

        await db.ExportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(x => x.SetProperty(j => j.Status, ExportJobStatus.Failed).SetProperty(j => j.Error, "disk full"));
        var failed = await client.GetAsync(Links.DataExportJob(s.PartnershipB, jobId));
        Assert.Equal("Failed", failed.Text("#export-status"));
        Assert.Contains("could not be prepared", failed.Text("#export-failed"), StringComparison.Ordinal);
        Assert.DoesNotContain("disk full", failed.Document.Body!.TextContent, StringComparison.Ordinal);

        await db.ExportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(x => x.SetProperty(j => j.Status, ExportJobStatus.Expired));
        var deleted = await client.GetAsync(Links.DataExportJob(s.PartnershipB, jobId));
        Assert.Equal("Deleted", deleted.Text("#export-status"));
        Assert.NotNull(deleted.Document.QuerySelector("#export-deleted"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(Links.DataExportJobFile(s.PartnershipB, jobId))).StatusCode);
    }
}
