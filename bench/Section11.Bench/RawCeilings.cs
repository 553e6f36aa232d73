using System.Globalization;
using System.Text;
using Npgsql;

namespace Section11.Bench;

/// <summary>
/// What the database allows without the application: the rows a standard save writes, in one raw transaction, and the
/// rows a standard page shows, read raw and rendered into HTML about as big as the real page, served by a tiny
/// Kestrel endpoint in this process so it is measured over loopback like the real pages.
/// </summary>
public sealed class RawCeilings(NpgsqlDataSource data) : IAsyncDisposable
{
    private WebApplication? _server;
    private int _pageSize = 30_000;

    public Uri? ReadBase { get; private set; }

    /// <summary>Starts the raw-read endpoint, rendering pages padded to the size of the real one.</summary>
    public async Task StartAsync(int realPageSize)
    {
        _pageSize = realPageSize;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/raw/standard/{returnId:int}/{number:int}", async (int returnId, int number) =>
            Results.Content(await ReadStandardAsync(returnId, number), "text/html; charset=utf-8"));
        await _server.StartAsync();
        ReadBase = new Uri(_server.Urls.First());
    }

    /// <summary>The return's headline, the standard's items with their answers, and its evaluation: one round trip.</summary>
    public async Task<string> ReadStandardAsync(int returnId, int number)
    {
        await using var batch = data.CreateBatch();
        batch.BatchCommands.Add(Command("""
            SELECT a."Name", ro."Title", x."DueOn", r."Status", f."Title"
            FROM "Returns" r JOIN "Agencies" a ON a."Id" = r."AgencyId" JOIN "Receipts" x ON x."ReturnId" = r."Id"
            JOIN "Rounds" ro ON ro."Id" = x."RoundId" JOIN "FrameworkVersions" f ON f."Id" = r."FrameworkVersionId"
            WHERE r."Id" = $1 ORDER BY x."RoundId" LIMIT 1
            """, returnId));
        batch.BatchCommands.Add(Command("""
            SELECT i."Number", i."Text", an."Rating", an."ActualEvidence", an."ActionRequired", an."Timescale", s."Title"
            FROM "Answers" an JOIN "Items" i ON i."Id" = an."ItemId" JOIN "Standards" s ON s."Id" = i."StandardId"
            WHERE an."ReturnId" = $1 AND s."Number" = $2 ORDER BY i."SortKey"
            """, returnId, number));
        batch.BatchCommands.Add(Command("""
            SELECT e."Rating", e."Statement", e."Version" FROM "StandardEvaluations" e JOIN "Standards" s ON s."Id" = e."StandardId"
            WHERE e."ReturnId" = $1 AND s."Number" = $2
            """, returnId, number));
        await using var reader = await batch.ExecuteReaderAsync();
        var html = new StringBuilder(_pageSize + 1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><title>Standard</title></head><body><main>");
        if (await reader.ReadAsync())
        {
            html.Append(CultureInfo.InvariantCulture, $"<h1>{E(reader.GetString(0))}</h1><p>{E(reader.GetString(1))}, due {reader.GetFieldValue<DateOnly>(2):d MMMM yyyy}, {reader.GetString(3)}</p>");
        }

        await reader.NextResultAsync();
        var index = 0;
        html.Append("<form method=\"post\">");
        while (await reader.ReadAsync())
        {
            html.Append(CultureInfo.InvariantCulture, $"<fieldset><legend>{E(reader.GetString(0))} {E(reader.GetString(1))}</legend>");
            foreach (var level in new[] { "inadequate", "requires-improvement", "good", "outstanding" })
            {
                var rating = reader.IsDBNull(2) ? null : reader.GetString(2);
                html.Append(CultureInfo.InvariantCulture, $"<input type=\"radio\" name=\"Answers[{index}].Rating\" value=\"{level}\"{(rating == level ? " checked" : "")}><label>{level}</label>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<textarea name=\"Answers[{index}].ActualEvidence\">{E(reader.IsDBNull(3) ? "" : reader.GetString(3))}</textarea>");
            html.Append(CultureInfo.InvariantCulture, $"<textarea name=\"Answers[{index}].ActionRequired\">{E(reader.IsDBNull(4) ? "" : reader.GetString(4))}</textarea></fieldset>");
            index++;
        }

        await reader.NextResultAsync();
        if (await reader.ReadAsync())
        {
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"Version\" value=\"{reader.GetInt32(2)}\"><textarea name=\"Evaluation.Statement\">{E(reader.IsDBNull(1) ? "" : reader.GetString(1))}</textarea>");
        }

        html.Append("</form></main>");
        // The real page's layout, guidance and scale descriptions, as static text of the same size.
        while (html.Length < _pageSize - 20)
        {
            html.Append("<div class=\"govuk-body\">Guidance for this standard and the descriptions of each level of the scale.</div>\n");
        }

        return html.Append("</body></html>").ToString();
    }

    /// <summary>The writes of one standard save: each answer, the evaluation at its version, the return, a change-log row per answer.</summary>
    public async Task WriteStandardAsync(BenchUser user, int version)
    {
        var now = DateTime.UtcNow;
        await using var connection = await data.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var id in user.AnswerIds)
        {
            batch.BatchCommands.Add(Command("""UPDATE "Answers" SET "ActualEvidence" = $1, "UpdatedAt" = $2, "UpdatedById" = $3 WHERE "Id" = $4""",
                $"Raw ceiling evidence {version}", now, user.UserId, id));
            batch.BatchCommands.Add(Command("""
                INSERT INTO "ChangeLog" ("At", "UserId", "EntityType", "EntityId", "ReturnId", "Field", "OldValue", "NewValue")
                VALUES ($1, $2, 'Answer', $3, $4, 'ActualEvidence', $5, $6)
                """, now, user.UserId, id.ToString(CultureInfo.InvariantCulture), user.ReturnId, $"Raw ceiling evidence {version - 1}", $"Raw ceiling evidence {version}"));
        }

        batch.BatchCommands.Add(Command("""UPDATE "StandardEvaluations" SET "Version" = $1, "UpdatedAt" = $2, "UpdatedById" = $3 WHERE "Id" = $4 AND "Version" = $5""",
            version, now, user.UserId, user.EvaluationId, version - 1));
        batch.BatchCommands.Add(Command("""UPDATE "Returns" SET "LastActivityAt" = $1 WHERE "Id" = $2""", now, user.ReturnId));
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static string E(string s) => System.Net.WebUtility.HtmlEncode(s);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
