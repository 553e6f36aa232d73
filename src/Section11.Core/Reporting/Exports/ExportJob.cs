namespace Section11.Core.Reporting.Exports;

/// <summary>Where a full export stands. Expired: its file was deleted after the keeping time (the row stays, for the list).</summary>
public enum ExportJobStatus
{
    Queued,
    Running,
    Ready,
    Failed,
    Expired,
}

/// <summary>
/// A requested full export of a partnership (<see cref="PartnershipExport"/>), produced in the background by whichever
/// node claims it first (<see cref="Status"/> moved from Queued to Running by a conditional UPDATE only one node's
/// statement matches). The file is kept in the database as <see cref="ExportJobChunk"/> rows, since the nodes share
/// nothing else, until <see cref="ExpiresAt"/>.
/// </summary>
public class ExportJob
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public required string RequestedById { get; set; }

    /// <summary>One of <see cref="PartnershipExportFiles.Formats"/>: "zip" (CSV files and a data dictionary) or "json".</summary>
    public required string Format { get; set; }

    public ExportJobStatus Status { get; set; }
    public int TablesDone { get; set; }
    public int TablesTotal { get; set; }

    /// <summary>Rows written, across every table (when ready).</summary>
    public long Rows { get; set; }

    /// <summary>The file's size in bytes and the number of chunks it is stored in (when ready).</summary>
    public long Length { get; set; }

    public int Chunks { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }

    /// <summary>For operators: why producing it failed (the page says only that it did).</summary>
    public string? Error { get; set; }

    public void Start(DateTime at, int tables)
    {
        Status = ExportJobStatus.Running;
        StartedAt = at;
        TablesTotal = tables;
    }

    public void Finish(DateTime at, long rows, long length, int chunks, TimeSpan keepFor)
    {
        Status = ExportJobStatus.Ready;
        TablesDone = TablesTotal;
        Rows = rows;
        Length = length;
        Chunks = chunks;
        FinishedAt = at;
        ExpiresAt = at + keepFor;
    }

    public void Fail(DateTime at, string error)
    {
        Status = ExportJobStatus.Failed;
        FinishedAt = at;
        Error = error.Length > InputLimits.EventDetail ? error[..InputLimits.EventDetail] : error;
        Length = 0;
        Chunks = 0;
    }
}

/// <summary>One piece of a job's file, in order; a file of any size is written and read a chunk at a time.</summary>
public class ExportJobChunk
{
    public int ExportJobId { get; set; }
    public int Index { get; set; }
    public required byte[] Data { get; set; }
}

/// <summary>Settings under "Exports".</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>Produce requested exports in the background. Tests switch it off and call the service themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a node looks for a queued export.</summary>
    public int IntervalSeconds { get; set; } = 10;

    /// <summary>How long a ready file is kept before the worker deletes it.</summary>
    public int KeepDays { get; set; } = 7;

    /// <summary>A job still running after this long was left by a node that stopped: it is marked failed.</summary>
    public int StaleAfterMinutes { get; set; } = 60;

    /// <summary>The size of each stored chunk, and so the most of the file any node holds at once.</summary>
    public int ChunkBytes { get; set; } = 1024 * 1024;
}
