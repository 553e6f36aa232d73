using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;

namespace Section11.Core.Reporting.Exports;

/// <summary>
/// A write-only stream that stores what is written as a job's <see cref="ExportJobChunk"/> rows, one each time its
/// buffer fills, so the file is never whole in memory. Its context must not be the one the export reads from (a
/// reader is open on that one while the writers write). <see cref="CompleteAsync"/> stores the last, shorter chunk.
/// </summary>
internal sealed class ExportChunkWriter(Section11DbContext db, int jobId, int chunkBytes) : Stream
{
    private readonly byte[] _buffer = new byte[chunkBytes];
    private int _used;

    public int Chunks { get; private set; }
    public long Written { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    // The zip writer writes synchronously (as it did to a file); the JSON writer asynchronously.
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = Take(buffer);
            buffer = buffer[n..];
            if (_used == _buffer.Length)
            {
                Store();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var n = Take(buffer.Span);
            buffer = buffer[n..];
            if (_used == _buffer.Length)
            {
                await Store(cancellationToken);
            }
        }
    }

    /// <summary>Stores what is left in the buffer.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_used > 0)
        {
            await Store(ct);
        }
    }

    // Flushing stores nothing: every chunk but the last is full-sized.
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private int Take(ReadOnlySpan<byte> from)
    {
        var n = Math.Min(from.Length, _buffer.Length - _used);
        from[..n].CopyTo(_buffer.AsSpan(_used));
        _used += n;
        Written += n;
        return n;
    }

    // Inserted without the change tracker, from the writer's own buffer when it is full: tracking would snapshot each
    // 1 MB chunk and a copy per chunk is large-object garbage that server GC lets pile up (a 107 MB file made 107 MB).
    private void Store()
    {
        db.Database.ExecuteSql(Insert());
        Stored();
    }

    private async Task Store(CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(Insert(), ct);
        Stored();
    }

    private FormattableString Insert()
    {
        var data = _used == _buffer.Length ? _buffer : _buffer[.._used];
        return $"INSERT INTO \"ExportJobChunks\" (\"ExportJobId\", \"Index\", \"Data\") VALUES ({jobId}, {Chunks}, {data})";
    }

    private void Stored()
    {
        Chunks++;
        _used = 0;
    }
}

/// <summary>A read-only stream over a ready job's chunks, reading one chunk from the database at a time.</summary>
internal sealed class ExportChunkReader(Section11DbContext db, int jobId, int chunks, long length) : Stream
{
    private byte[] _chunk = [];
    private int _length;
    private int _at;
    private int _next;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_at == _length && !Next())
        {
            return 0;
        }

        return Copy(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_at == _length && !await Next(cancellationToken))
        {
            return 0;
        }

        return Copy(buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Copy(Span<byte> to)
    {
        var n = Math.Min(to.Length, _length - _at);
        _chunk.AsSpan(_at, n).CopyTo(to);
        _at += n;
        _position += n;
        return n;
    }

    private bool Next()
    {
        if (_next == chunks)
        {
            return false;
        }

        using var command = Command();
        using var reader = command.ExecuteReader(CommandBehavior.SequentialAccess);
        if (!reader.Read())
        {
            throw Missing();
        }

        Loaded(reader);
        return true;
    }

    private async Task<bool> Next(CancellationToken ct)
    {
        if (_next == chunks)
        {
            return false;
        }

        await using var command = Command();
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        if (!await reader.ReadAsync(ct))
        {
            throw Missing();
        }

        Loaded(reader);
        return true;
    }

    // A file whose row count says more chunks than are stored was cut short: a download must fail, not end early.
    private InvalidDataException Missing() => new($"Chunk {_next} of export {jobId} is missing.");

    // Into one buffer for every chunk (all the same size but the last): a new 1 MB array per chunk would be
    // large-object garbage that server GC lets pile up, as much again as the file.
    private void Loaded(DbDataReader reader)
    {
        var length = (int)reader.GetBytes(0, 0, null, 0, 0);
        if (_chunk.Length < length)
        {
            _chunk = new byte[length];
        }

        var read = 0;
        while (read < length)
        {
            var n = (int)reader.GetBytes(0, read, _chunk, read, length - read);
            read += n > 0 ? n : throw new InvalidDataException($"Chunk {_next} of export {jobId} ended early.");
        }

        _length = length;
        _at = 0;
        _next++;
    }

    private DbCommand Command()
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            db.Database.OpenConnection();
        }

        var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Data\" FROM \"ExportJobChunks\" WHERE \"ExportJobId\" = @job AND \"Index\" = @index";
        Parameter(command, "@job", jobId);
        Parameter(command, "@index", _next);
        return command;
    }

    private static void Parameter(DbCommand command, string name, int value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
