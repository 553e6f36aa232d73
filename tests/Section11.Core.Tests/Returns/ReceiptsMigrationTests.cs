using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Section11.Core.Data;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Returns;

/// <summary>
/// The ReceiptsAndSharing migration moves existing data without loss: a database at the migration before it, filled
/// (with SQL, in that schema) with two rounds on one framework, returns in every status (one returned for changes with
/// its reason, two with their due date moved) and the rounds' local items with their answers, evaluations and
/// improvement areas; counted; migrated to the latest; counted and read again.
/// </summary>
[Trait("Category", "Share")]
public sealed class ReceiptsMigrationTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Tables = ["Returns", "Answers", "StandardEvaluations", "Items", "ImprovementAreas", "Rounds", "Agencies"];

    private readonly TestDatabase _database = new();

    public Task InitializeAsync()
    {
        _database.NameOnly();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Every_return_becomes_one_receipt_and_local_items_move_to_their_rounds_sections()
    {
        await using var db = _database.CreateContext();
        // The migration before ReceiptsAndSharing, by id (each provider's ids have their own timestamps).
        var ids = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).ToList();
        var before = ids[ids.FindIndex(id => id.EndsWith("_ReceiptsAndSharing", StringComparison.Ordinal)) - 1];
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(before);
        var old = await FillAsync(db);
        var counts = await CountAsync(db);
        var standardsBefore = await ScalarAsync(db, """SELECT COUNT(*) FROM "Standards" """);

        await migrator.MigrateAsync();
        db.ChangeTracker.Clear();

        // Nothing lost, and two local sections gained (one per round with local items).
        Assert.Equal(counts, await CountAsync(db));
        Assert.Equal(standardsBefore + 2, await ScalarAsync(db, """SELECT COUNT(*) FROM "Standards" """));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());

        // One receipt per old return, with its round, due date, extension and request for changes.
        var receipts = await db.Receipts.AsNoTracking().OrderBy(x => x.ReturnId).ToListAsync();
        Assert.Equal(old.Returns.Count, receipts.Count);
        foreach (var (r, receipt) in old.Returns.Zip(receipts))
        {
            Assert.Equal((r.Id, r.RoundId, r.AgencyId), (receipt.ReturnId!.Value, receipt.RoundId, receipt.AgencyId));
            Assert.Equal(r.DueOnOverride ?? old.DueOn[r.RoundId], receipt.DueOn);
            Assert.Equal(r.DueOnOverride is not null, receipt.IsExtended);
            Assert.Equal(r.ReturnedReason, receipt.ReturnedReason);
            Assert.Equal(r.ReturnedReason is null ? null : Now, receipt.ReturnedAt);
        }

        // Statuses kept; a return submitted before is its first revision.
        var returns = await db.Returns.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Status, r.Revision }).ToListAsync();
        Assert.Equal(old.Returns.Select(r => (r.Id, r.Status, r.Submitted ? 1 : 0)), returns.Select(r => (r.Id, r.Status, r.Revision)));

        // Each round's local items are in a local section of that round; the framework's items stay where they were.
        var sections = await db.Standards.AsNoTracking().Where(s => s.RoundId != null).ToDictionaryAsync(s => s.RoundId!.Value);
        Assert.Equal(old.DueOn.Keys.Order(), sections.Keys.Order());
        Assert.All(sections.Values, s => Assert.Equal((9, true, "Local requirements"), (s.Number, s.IsLocal, s.Title)));
        var items = await db.Items.AsNoTracking().ToDictionaryAsync(i => i.Id);
        foreach (var (itemId, roundId) in old.LocalItems)
        {
            Assert.Equal(sections[roundId].Id, items[itemId].StandardId);
        }

        Assert.Equal(old.FrameworkStandard, items[old.FrameworkItem].StandardId);

        // Evaluations of the placeholder follow into the return's round's section, with what was written.
        var evaluations = await db.StandardEvaluations.AsNoTracking().ToDictionaryAsync(e => e.Id);
        foreach (var (evaluationId, roundId) in old.LocalEvaluations)
        {
            Assert.Equal(sections[roundId].Id, evaluations[evaluationId].StandardId);
            Assert.Equal("Local evaluation " + evaluationId, evaluations[evaluationId].Statement);
        }

        Assert.All(old.FrameworkEvaluations, id => Assert.Equal(old.FrameworkStandard, evaluations[id].StandardId));

        // Improvement areas on a local item's standard follow too; the others keep theirs.
        var areas = await db.ImprovementAreas.AsNoTracking().ToDictionaryAsync(a => a.Id);
        foreach (var (areaId, roundId) in old.LocalAreas)
        {
            Assert.Equal(sections[roundId].Id, areas[areaId].StandardId);
        }

        Assert.Equal(old.FrameworkStandard, areas[old.FrameworkArea].StandardId);

        // Answers are untouched: every return still answers the items it answered.
        var answers = await db.Answers.AsNoTracking().GroupBy(a => a.ReturnId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.All(old.Returns, r => Assert.Equal(r.Answers, answers[r.Id]));
    }

    private sealed record OldReturn(int Id, int RoundId, int AgencyId, ReturnStatus Status, bool Submitted, DateOnly? DueOnOverride, string? ReturnedReason, int Answers);

    private sealed record OldData(
        List<OldReturn> Returns, Dictionary<int, DateOnly> DueOn, int FrameworkStandard, int FrameworkItem,
        List<(int ItemId, int RoundId)> LocalItems, List<(int Id, int RoundId)> LocalEvaluations, List<int> FrameworkEvaluations,
        List<(int Id, int RoundId)> LocalAreas, int FrameworkArea);

    /// <summary>The rows, written in the old schema: returns carry their round, due date override and request for changes.</summary>
    private static async Task<OldData> FillAsync(Section11DbContext db)
    {
        await db.Database.OpenConnectionAsync();
        var c = db.Database.GetDbConnection();
        var partnership = await InsertAsync(c, "Partnerships", ("Name", "Eastmoor Safeguarding Partnership"));
        var framework = await InsertAsync(c, "FrameworkVersions", ("FrameworkKey", "masa-2018"), ("Version", "2018.1"), ("Title", "MASA"),
            ("ContentHash", "hash"), ("DefinitionJson", "{}"), ("LoadedAt", Now));
        var standard1 = await Standard(c, framework, 1, "Leadership", isLocal: false);
        var placeholder = await Standard(c, framework, 9, "Local requirements", isLocal: true);
        var item1 = await Item(c, standard1, "1.1", null);
        var dueOn = new Dictionary<int, DateOnly>();
        var rounds = new List<int>();
        foreach (var (title, due) in new[] { ("Audit 2026", new DateOnly(2027, 3, 31)), ("Audit 2026, second round", new DateOnly(2027, 6, 30)) })
        {
            var round = await InsertAsync(c, "Rounds", ("PartnershipId", partnership), ("FrameworkVersionId", framework), ("Title", title),
                ("OpensOn", new DateOnly(2026, 10, 1)), ("DueOn", due), ("CreatedAt", Now), ("LaunchedAt", Now));
            rounds.Add(round);
            dueOn[round] = due;
        }

        var localItems = new List<(int, int)>
        {
            (await Item(c, placeholder, "9.1", rounds[0]), rounds[0]),
            (await Item(c, placeholder, "9.2", rounds[0]), rounds[0]),
            (await Item(c, placeholder, "9.3", rounds[1]), rounds[1]),
        };

        var plan = new (string Agency, int Round, ReturnStatus Status, bool Submitted, DateOnly? Override, string? Reason)[]
        {
            ("Alder Trust", rounds[0], ReturnStatus.Draft, false, null, null),
            ("Birch Police", rounds[0], ReturnStatus.AwaitingSignOff, false, new DateOnly(2027, 4, 15), null),
            ("Cedar Council", rounds[0], ReturnStatus.Submitted, true, null, null),
            ("Damson Charity", rounds[0], ReturnStatus.ReturnedForChanges, true, new DateOnly(2027, 5, 1), "Say who audits item 1.1"),
            ("Alder Trust", rounds[1], ReturnStatus.Submitted, true, null, null),
        };
        var agencies = new Dictionary<string, int>();
        var returns = new List<OldReturn>();
        var localEvaluations = new List<(int, int)>();
        var frameworkEvaluations = new List<int>();
        foreach (var p in plan)
        {
            if (!agencies.TryGetValue(p.Agency, out var agency))
            {
                agencies[p.Agency] = agency = await InsertAsync(c, "Agencies", ("Name", p.Agency), ("Sector", "Health"));
            }

            var id = await InsertAsync(c, "Returns", ("RoundId", p.Round), ("AgencyId", agency), ("FrameworkVersionId", framework),
                ("Status", p.Status.ToString()), ("CreatedAt", Now), ("Version", 3), ("DueOnOverride", p.Override), ("ReturnedReason", p.Reason),
                ("ReturnedAt", p.Reason is null ? null : Now), ("SubmittedAt", p.Submitted ? Now : null));
            var answered = new[] { item1 }.Concat(localItems.Where(i => i.Item2 == p.Round).Select(i => i.Item1)).ToList();
            foreach (var item in answered)
            {
                await InsertAsync(c, "Answers", ("ReturnId", id), ("ItemId", item), ("Rating", "good"), ("ActualEvidence", $"Evidence {item}"));
            }

            frameworkEvaluations.Add(await InsertAsync(c, "StandardEvaluations", ("ReturnId", id), ("StandardId", standard1), ("Rating", "good"), ("Version", 1)));
            var local = await InsertAsync(c, "StandardEvaluations", ("ReturnId", id), ("StandardId", placeholder), ("Rating", "good"), ("Version", 1));
            await ExecuteAsync(c, $"""UPDATE "StandardEvaluations" SET "Statement" = 'Local evaluation {local}' WHERE "Id" = {local}""");
            localEvaluations.Add((local, p.Round));
            returns.Add(new OldReturn(id, p.Round, agency, p.Status, p.Submitted, p.Override, p.Reason, answered.Count));
        }

        var localAreas = new List<(int, int)>
        {
            (await Area(c, agencies["Cedar Council"], rounds[0], placeholder), rounds[0]),
            (await Area(c, agencies["Alder Trust"], rounds[1], placeholder), rounds[1]),
        };
        var frameworkArea = await Area(c, agencies["Cedar Council"], rounds[0], standard1);
        return new OldData(returns, dueOn, standard1, item1, localItems, localEvaluations, frameworkEvaluations, localAreas, frameworkArea);
    }

    private static Task<int> Standard(DbConnection c, int framework, int number, string title, bool isLocal) =>
        InsertAsync(c, "Standards", ("FrameworkVersionId", framework), ("Number", number), ("Title", title), ("Descriptors", "[]"), ("IsLocal", isLocal));

    private static Task<int> Item(DbConnection c, int standard, string number, int? round) =>
        InsertAsync(c, "Items", ("StandardId", standard), ("Number", number), ("SortKey", number), ("Text", $"Item {number}"),
            ("Evidence", "[]"), ("Grades", "{}"), ("RoundId", round));

    private static Task<int> Area(DbConnection c, int agency, int round, int standard) =>
        InsertAsync(c, "ImprovementAreas", ("AgencyId", agency), ("RoundId", round), ("StandardId", standard), ("OverarchingStandard", "Standard"),
            ("Outcome", "Better"), ("Position", 1), ("SourceAnswerIds", "[]"), ("CreatedAt", Now), ("CreatedById", "someone"));

    private static async Task<int> InsertAsync(DbConnection connection, string table, params (string Column, object? Value)[] values)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""INSERT INTO "{table}" ({string.Join(", ", values.Select(v => $"\"{v.Column}\""))}) VALUES ({string.Join(", ", values.Select((_, i) => $"@p{i}"))}) RETURNING "Id" """;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = values[i].Value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(Section11DbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<long>> CountAsync(Section11DbContext db)
    {
        var counts = new List<long>();
        foreach (var table in Tables)
        {
            counts.Add(await ScalarAsync(db, $"""SELECT COUNT(*) FROM "{table}" """));
        }

        return counts;
    }
}
