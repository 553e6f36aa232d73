using System.Globalization;
using Npgsql;

namespace Section11.Bench;

/// <summary>Who the bench signs in as and what they work on, read from the generated database.</summary>
public static class Setup
{
    public static async Task<List<BenchUser>> LeadsAsync(NpgsqlDataSource data, Uri baseAddress, int count)
    {
        await using var command = data.CreateCommand("""
            SELECT u."Email", u."Id", r."Id", (SELECT count(*) FROM "Standards" s WHERE s."FrameworkVersionId" = r."FrameworkVersionId")::int
            FROM "AspNetUsers" u
            JOIN "RoleAssignments" ra ON ra."UserId" = u."Id" AND ra."Role" = 'AgencyLead'
            JOIN LATERAL (SELECT r."Id", r."FrameworkVersionId" FROM "Returns" r JOIN "Receipts" x ON x."ReturnId" = r."Id" JOIN "Rounds" ro ON ro."Id" = x."RoundId"
                          WHERE r."AgencyId" = ra."AgencyId" AND r."Status" IN ('Draft', 'ReturnedForChanges')
                          ORDER BY ro."DueOn" DESC LIMIT 1) r ON true
            WHERE u."Email" LIKE 'bench-lead-%'
            ORDER BY length(u."Email"), u."Email" LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var users = new List<BenchUser>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            users.Add(new BenchUser(baseAddress, reader.GetString(0)) { UserId = reader.GetString(1), ReturnId = reader.GetInt32(2), StandardCount = reader.GetInt32(3) });
        }

        if (users.Count == 0)
        {
            throw new InvalidOperationException("No bench-lead-…@bench.example with an open return: run `generate national` first.");
        }

        return users;
    }

    /// <summary>Partnership administrators, each reading the pages given, filled in for their partnership's latest round.</summary>
    public static async Task<List<BenchUser>> AdminsAsync(NpgsqlDataSource data, Uri baseAddress, int count, IReadOnlyList<string> pages)
    {
        await using var command = data.CreateCommand("""
            SELECT u."Email", ra."PartnershipId", ro."Id",
                   (SELECT r."Id" FROM "Returns" r JOIN "Receipts" x ON x."ReturnId" = r."Id" WHERE x."RoundId" = ro."Id" AND r."Status" = 'Submitted' ORDER BY r."Id" LIMIT 1)
            FROM "AspNetUsers" u
            JOIN "RoleAssignments" ra ON ra."UserId" = u."Id" AND ra."Role" = 'PartnershipAdministrator'
            JOIN LATERAL (SELECT ro."Id" FROM "Rounds" ro WHERE ro."PartnershipId" = ra."PartnershipId" ORDER BY ro."DueOn" DESC, ro."Id" LIMIT 1) ro ON true
            WHERE u."Email" LIKE 'bench-admin-%'
            ORDER BY length(u."Email"), u."Email" LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var users = new List<BenchUser>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            string S(int i) => reader.IsDBNull(i) ? "0" : reader.GetInt32(i).ToString(CultureInfo.InvariantCulture);
            var (p, r, ret) = (S(1), S(2), S(3));
            users.Add(new BenchUser(baseAddress, reader.GetString(0))
            {
                Reading = [.. pages.Select(t => (t, t.Replace("{p}", p, StringComparison.Ordinal).Replace("{r}", r, StringComparison.Ordinal).Replace("{return}", ret, StringComparison.Ordinal)))],
            });
        }

        return users;
    }

    /// <summary>The save workload starts from standard 1 as stored: its form and version.</summary>
    public static async Task SaveFormAsync(BenchUser u, NpgsqlDataSource? data)
    {
        var html = await u.Http.GetStringAsync(u.SaveUrl);
        u.SaveForm = Forms.Fields(html);
        u.SaveVersion = int.Parse(u.SaveForm.First(f => f.Key == "Version").Value, CultureInfo.InvariantCulture);
        _ = data;
    }

    /// <summary>The raw-write ceiling writes standard 1's rows: its answers and evaluation, at the stored version.</summary>
    public static async Task RawWriteAsync(BenchUser u, NpgsqlDataSource data)
    {
        await using var batch = data.CreateBatch();
        var answers = new NpgsqlBatchCommand("""
            SELECT an."Id" FROM "Answers" an JOIN "Items" i ON i."Id" = an."ItemId" JOIN "Standards" s ON s."Id" = i."StandardId"
            WHERE an."ReturnId" = $1 AND s."Number" = 1 ORDER BY i."SortKey"
            """);
        answers.Parameters.Add(new NpgsqlParameter { Value = u.ReturnId });
        var evaluation = new NpgsqlBatchCommand("""
            SELECT e."Id", e."Version" FROM "StandardEvaluations" e JOIN "Standards" s ON s."Id" = e."StandardId" WHERE e."ReturnId" = $1 AND s."Number" = 1
            """);
        evaluation.Parameters.Add(new NpgsqlParameter { Value = u.ReturnId });
        batch.BatchCommands.Add(answers);
        batch.BatchCommands.Add(evaluation);
        await using var reader = await batch.ExecuteReaderAsync();
        var ids = new List<int>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        u.AnswerIds = [.. ids];
        await reader.NextResultAsync();
        await reader.ReadAsync();
        u.EvaluationId = reader.GetInt32(0);
        u.EvaluationVersion = reader.GetInt32(1);
    }
}
