using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Notifications;
using Section11.Core.Returns;

namespace Section11.Core.Reporting.Exports;

/// <summary>A job as the pages show it, with who asked for it.</summary>
public sealed record ExportJobView(ExportJob Job, string RequestedBy);

/// <summary>A ready file to send: read a chunk at a time from the database as the response is written.</summary>
public sealed record ExportDownload(Stream Content, string ContentType, string FileName, long Length);

/// <summary>
/// The full export produced in the background (docs/reporting.md): an administrator requests it (a Queued
/// <see cref="ExportJob"/>), a node's worker claims it once, writes it straight into chunk rows as the tables are read,
/// puts an email in the outbox, and deletes the file once it expires. Each request and download is in the change log.
/// </summary>
public sealed class ExportJobService(
    Section11DbContext db, IServiceScopeFactory scopes, IOptions<ExportOptions> options, TimeProvider time, ILogger<ExportJobService> logger)
{
    public const string Entity = "ExportJob";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Queues an export of the partnership in <paramref name="format"/>; returns its id, or the error when the format is not offered.</summary>
    public async Task<(int? JobId, IReadOnlyList<FieldError> Errors)> RequestAsync(int partnershipId, string? format, string userId, CancellationToken ct = default)
    {
        if (format is null || !PartnershipExportFiles.Formats.Contains(format))
        {
            FieldError error = format is null or "" ? new("Format", "Select a format") : FieldError.NotOffered("Format", "Select a format");
            return (null, [error]);
        }

        var actor = new Actor(userId, Now);
        var job = new ExportJob
        {
            PartnershipId = partnershipId, RequestedById = userId, Format = format, Status = ExportJobStatus.Queued, CreatedAt = actor.At,
            TablesTotal = PartnershipExport.Tables(db, partnershipId).Count,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ExportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        db.Record(actor, Entity, job.Id, "Requested", null, format);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (job.Id, []);
    }

    /// <summary>The partnership's most recent exports, newest first.</summary>
    public async Task<IReadOnlyList<ExportJobView>> RecentAsync(int partnershipId, int take = 10, CancellationToken ct = default) =>
        await Views(db.ExportJobs.AsNoTracking().Where(j => j.PartnershipId == partnershipId).OrderByDescending(j => j.Id).Take(take)).ToListAsync(ct);

    /// <summary>One of the partnership's exports; null for another partnership's (the page answers 404).</summary>
    public Task<ExportJobView?> GetAsync(int partnershipId, int jobId, CancellationToken ct = default) =>
        Views(db.ExportJobs.AsNoTracking().Where(j => j.Id == jobId && j.PartnershipId == partnershipId)).SingleOrDefaultAsync(ct);

    /// <summary>
    /// Claims a queued job for this node: a conditional UPDATE that only one node's statement can match, so two nodes
    /// never produce the same export. True when this node won it.
    /// </summary>
    public async Task<bool> ClaimAsync(int jobId, CancellationToken ct = default) =>
        await db.ExportJobs.Where(j => j.Id == jobId && j.Status == ExportJobStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportJobStatus.Running).SetProperty(j => j.StartedAt, Now), ct) == 1;

    /// <summary>
    /// One pass of the worker: fails jobs a stopped node left running, deletes expired files, then produces each queued
    /// job this node claims. Returns how many this node produced.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        await FailStaleAsync(ct);
        await DeleteExpiredAsync(ct);
        var produced = 0;
        var queued = await db.ExportJobs.Where(j => j.Status == ExportJobStatus.Queued).OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(ct);
        foreach (var id in queued)
        {
            if (await ClaimAsync(id, ct))
            {
                await ProduceAsync(id, ct);
                produced++;
            }
        }

        return produced;
    }

    /// <summary>
    /// Writes a claimed job's file into its chunks, reading the tables through a context of its own, then marks it
    /// ready and puts the requester's email in the outbox in the same SaveChanges. On failure its chunks are deleted and
    /// it is marked failed; if the node is stopping it goes back in the queue for another.
    /// </summary>
    public async Task ProduceAsync(int jobId, CancellationToken ct = default)
    {
        var job = await db.ExportJobs.SingleAsync(j => j.Id == jobId, ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var source = scope.ServiceProvider.GetRequiredService<Section11DbContext>();
            var output = new ExportChunkWriter(db, job.Id, Math.Max(4096, options.Value.ChunkBytes));
            var progress = new TableProgress(db, job.Id);
            var counts = job.Format switch
            {
                "zip" => await PartnershipExport.WriteZipAsync(source, job.PartnershipId, output, progress, ct),
                "json" => await PartnershipExport.WriteJsonAsync(source, job.PartnershipId, output, progress, ct),
                _ => throw new InvalidOperationException($"The export's formats are zip and json, not {job.Format}."),
            };
            await output.CompleteAsync(ct);
            job.Finish(Now, counts.Values.Sum(), output.Written, output.Chunks, TimeSpan.FromDays(Math.Max(1, options.Value.KeepDays)));
            await NotificationOutbox.ExportReadyAsync(db, job, Now, ct);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e)
        {
            db.ChangeTracker.Clear();
            await DeleteChunksAsync(jobId);
            if (e is OperationCanceledException && ct.IsCancellationRequested)
            {
                await db.ExportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportJobStatus.Queued)
                    .SetProperty(j => j.StartedAt, (DateTime?)null).SetProperty(j => j.TablesDone, 0), CancellationToken.None);
                throw;
            }

            logger.LogError(e, "Export {JobId} of partnership {PartnershipId} failed", jobId, job.PartnershipId);
            var failed = await db.ExportJobs.SingleAsync(j => j.Id == jobId, CancellationToken.None);
            failed.Fail(Now, e.Message);
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <summary>Deletes the files of ready jobs past their expiry; the rows stay, marked expired. Returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct = default)
    {
        var now = Now;
        var expired = await db.ExportJobs.Where(j => j.Status == ExportJobStatus.Ready && j.ExpiresAt <= now).Select(j => j.Id).ToListAsync(ct);
        foreach (var id in expired)
        {
            await db.ExportJobs.Where(j => j.Id == id && j.Status == ExportJobStatus.Ready)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportJobStatus.Expired).SetProperty(j => j.Chunks, 0), ct);
            await DeleteChunksAsync(id);
        }

        return expired.Count;
    }

    /// <summary>Opens a ready job's file for download and records who downloaded it; null when it is not the partnership's or not ready.</summary>
    public async Task<ExportDownload?> OpenAsync(int partnershipId, int jobId, string userId, CancellationToken ct = default)
    {
        var found = await db.ExportJobs.AsNoTracking().Where(j => j.Id == jobId && j.PartnershipId == partnershipId && j.Status == ExportJobStatus.Ready)
            .Join(db.Partnerships, j => j.PartnershipId, p => p.Id, (j, p) => new { Job = j, Partnership = p.Name }).SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var fileName = PartnershipExportFiles.FileName(found.Partnership, found.Job.Format);
        db.Record(new Actor(userId, Now), Entity, jobId, "Downloaded", null, fileName);
        await db.SaveChangesAsync(ct);
        return new(new ExportChunkReader(db, jobId, found.Job.Chunks, found.Job.Length), PartnershipExportFiles.ContentType(found.Job.Format), fileName, found.Job.Length);
    }

    private IQueryable<ExportJobView> Views(IQueryable<ExportJob> jobs) =>
        jobs.Join(db.Users, j => j.RequestedById, u => u.Id, (j, u) => new ExportJobView(j, u.DisplayName));

    private async Task FailStaleAsync(CancellationToken ct)
    {
        var before = Now.AddMinutes(-Math.Max(1, options.Value.StaleAfterMinutes));
        var stale = await db.ExportJobs.Where(j => j.Status == ExportJobStatus.Running && j.StartedAt < before).Select(j => j.Id).ToListAsync(ct);
        foreach (var id in stale)
        {
            await DeleteChunksAsync(id);
            await db.ExportJobs.Where(j => j.Id == id && j.Status == ExportJobStatus.Running).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportJobStatus.Failed)
                .SetProperty(j => j.FinishedAt, Now).SetProperty(j => j.Error, "The node producing it stopped before it finished."), ct);
        }
    }

    private Task<int> DeleteChunksAsync(int jobId) => db.ExportJobChunks.Where(c => c.ExportJobId == jobId).ExecuteDeleteAsync(CancellationToken.None);

    /// <summary>Records "n of N tables" on the job as each table starts (the writers report each table's name then).</summary>
    private sealed class TableProgress(Section11DbContext db, int jobId) : IProgress<string>
    {
        private int _started;

        public void Report(string value)
        {
            var done = _started++;
            db.ExportJobs.Where(j => j.Id == jobId).ExecuteUpdate(s => s.SetProperty(j => j.TablesDone, done));
        }
    }
}
