using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Section11.Core.Data;
using Section11.Core.Notifications;
using Section11.Core.Reporting.Exports;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Exports;

/// <summary>
/// The full export produced in the background (<see cref="ExportJobService"/>): claimed once by two nodes at once, its
/// lifecycle on the server's clock, its chunks read back as the synchronous export's bytes, the ready email, expiry.
/// </summary>
[Trait("Category", "AnnualReport")]
public sealed class ExportJobTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    /// <summary>A node's service, with small chunks so a small partnership's file still spans several.</summary>
    private ExportJobService Service(Section11DbContext db, int chunkBytes = 4096) =>
        new(db, factory.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new ExportOptions { ChunkBytes = chunkBytes }), factory.Clock,
            NullLogger<ExportJobService>.Instance);

    private async Task<(SharedAgency S, string UserId, int JobId)> RequestAsync(string format)
    {
        var s = await factory.CreateSharedAgencyAsync();
        await using var db = factory.Database.CreateContext();
        var (jobId, errors) = await Service(db).RequestAsync(s.PartnershipB, format, s.AdminB.UserId);
        Assert.Empty(errors);
        return (s, s.AdminB.UserId, jobId!.Value);
    }

    private async Task<ExportJob> JobAsync(int jobId)
    {
        await using var db = factory.Database.CreateContext();
        return await db.ExportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
    }

    private async Task<byte[]> DownloadAsync(int partnershipId, int jobId, string userId)
    {
        await using var db = factory.Database.CreateContext();
        var file = await Service(db).OpenAsync(partnershipId, jobId, userId);
        Assert.NotNull(file);
        await using var content = file.Content;
        using var bytes = new MemoryStream();
        await content.CopyToAsync(bytes, 1000); // smaller than a chunk: each read continues the one it is in
        Assert.Equal(file.Length, bytes.Length);
        return bytes.ToArray();
    }

    [Fact]
    public async Task Two_nodes_claiming_the_same_job_at_once_one_wins()
    {
        var s = await factory.CreateSharedAgencyAsync();
        for (var round = 0; round < 5; round++)
        {
            await using var db = factory.Database.CreateContext();
            var jobId = (await Service(db).RequestAsync(s.PartnershipB, "json", s.AdminB.UserId)).JobId!.Value;
            await using var one = factory.Database.CreateContext();
            await using var two = factory.Database.CreateContext();
            var claims = await Task.WhenAll(Task.Run(() => Service(one).ClaimAsync(jobId)), Task.Run(() => Service(two).ClaimAsync(jobId)));
            Assert.Single(claims, won => won);
            Assert.Equal(ExportJobStatus.Running, (await JobAsync(jobId)).Status);
        }
    }

    [Fact]
    public async Task A_job_is_queued_then_ready_with_every_table_then_deleted_after_the_keeping_time()
    {
        var (s, userId, jobId) = await RequestAsync("zip");
        await using var db = factory.Database.CreateContext();
        var queued = await JobAsync(jobId);
        Assert.Equal((ExportJobStatus.Queued, 0, PartnershipExport.Tables(db, s.PartnershipB).Count), (queued.Status, queued.TablesDone, queued.TablesTotal));
        Assert.Null(queued.StartedAt);
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, queued.CreatedAt, TimeSpan.FromMinutes(1));

        Assert.True(await Service(db).RunDueAsync() >= 1);
        var ready = await JobAsync(jobId);
        Assert.Equal(ExportJobStatus.Ready, ready.Status);
        Assert.Equal(ready.TablesTotal, ready.TablesDone);
        Assert.True(ready.Rows > 0 && ready.Chunks > 1 && ready.StartedAt <= ready.FinishedAt);
        Assert.Equal(ready.FinishedAt!.Value.AddDays(7), ready.ExpiresAt);
        Assert.Equal(ready.Chunks, await db.ExportJobChunks.CountAsync(c => c.ExportJobId == jobId));

        // Six days on it is still there; past the seventh the worker deletes the file and the row says so.
        factory.Clock.Advance(TimeSpan.FromDays(6));
        await Service(db).RunDueAsync();
        Assert.Equal(ExportJobStatus.Ready, (await JobAsync(jobId)).Status);
        factory.Clock.Advance(TimeSpan.FromDays(1.1));
        await Service(db).RunDueAsync();
        Assert.Equal(ExportJobStatus.Expired, (await JobAsync(jobId)).Status);
        Assert.Equal(0, await db.ExportJobChunks.CountAsync(c => c.ExportJobId == jobId));
        Assert.Null(await Service(db).OpenAsync(s.PartnershipB, jobId, userId));
    }

    [Fact]
    public async Task The_stored_json_is_the_synchronous_exports_bytes_and_the_zip_its_files()
    {
        var (s, userId, jsonJob) = await RequestAsync("json");
        await using var db = factory.Database.CreateContext();
        var (zipJob, _) = await Service(db).RequestAsync(s.PartnershipB, "zip", userId);
        await Service(db).ProduceAsync(jsonJob);
        await Service(db, chunkBytes: 1024 * 1024).ProduceAsync(zipJob!.Value);
        Assert.True((await JobAsync(jsonJob)).Chunks > 1);

        using var json = new MemoryStream();
        await PartnershipExport.WriteJsonAsync(db, s.PartnershipB, json);
        Assert.Equal(json.ToArray(), await DownloadAsync(s.PartnershipB, jsonJob, userId));

        using var zip = new MemoryStream();
        await PartnershipExport.WriteZipAsync(db, s.PartnershipB, zip);
        Assert.Equal(Files(zip.ToArray()), Files(await DownloadAsync(s.PartnershipB, zipJob.Value, userId)));

        // Each download is in the change log, with the request.
        var log = await db.ChangeLog.Where(c => c.EntityType == ExportJobService.Entity && c.EntityId == jsonJob.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(c => new { c.Field, c.UserId }).ToListAsync();
        Assert.Equal([("Requested", userId), ("Downloaded", userId)], log.Select(l => (l.Field, l.UserId)));
    }

    [Fact]
    public async Task A_download_whose_chunk_is_missing_fails_rather_than_ending_early()
    {
        var (s, userId, jobId) = await RequestAsync("json");
        await using var db = factory.Database.CreateContext();
        await Service(db).ProduceAsync(jobId);
        Assert.True((await JobAsync(jobId)).Chunks > 2);
        await db.ExportJobChunks.Where(c => c.ExportJobId == jobId && c.Index == 1).ExecuteDeleteAsync();

        var file = await Service(db).OpenAsync(s.PartnershipB, jobId, userId);
        await using var content = file!.Content;
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => content.CopyToAsync(Stream.Null));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Files(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return archive.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
    }

    [Fact]
    public async Task The_requester_is_emailed_a_link_to_the_progress_page_when_it_is_ready()
    {
        var (s, userId, jobId) = await RequestAsync("json");
        await using var db = factory.Database.CreateContext();
        Assert.False(await db.Notifications.AnyAsync(n => n.Path == Links.DataExportJob(s.PartnershipB, jobId)));
        await Service(db).ProduceAsync(jobId);

        var email = await db.Notifications.SingleAsync(n => n.Path == Links.DataExportJob(s.PartnershipB, jobId));
        Assert.Equal((NotificationKinds.ExportReady, userId), (email.Kind, email.UserId));
        Assert.Contains("ready", email.Subject, StringComparison.Ordinal);
        var message = NotificationEmails.Message("a@b.example", "Bea", email.Kind, NotificationOutbox.ReadFacts(email.Facts), "https://localhost" + email.Path);
        Assert.Contains("https://localhost" + Links.DataExportJob(s.PartnershipB, jobId), message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_that_fails_keeps_no_file_and_one_a_stopped_node_left_running_is_failed()
    {
        var (s, userId, jobId) = await RequestAsync("json");
        await using var db = factory.Database.CreateContext();
        // A format the writers do not know: producing it throws part way.
        await db.ExportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(x => x.SetProperty(j => j.Format, "csv"));
        Assert.True(await Service(db).ClaimAsync(jobId));
        await Service(db).ProduceAsync(jobId);
        var failed = await JobAsync(jobId);
        Assert.Equal(ExportJobStatus.Failed, failed.Status);
        Assert.NotNull(failed.Error);
        Assert.False(await db.ExportJobChunks.AnyAsync(c => c.ExportJobId == jobId));

        var (stale, _) = await Service(db).RequestAsync(s.PartnershipB, "json", userId);
        Assert.True(await Service(db).ClaimAsync(stale!.Value));
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        await Service(db).RunDueAsync();
        Assert.Equal(ExportJobStatus.Failed, (await JobAsync(stale.Value)).Status);
    }
}
