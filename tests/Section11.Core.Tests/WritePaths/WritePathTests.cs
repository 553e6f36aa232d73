using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.WritePaths;

/// <summary>
/// Every write path produces change-log rows in the same transaction. The services' public async methods that save
/// (found by reading their IL, through their state machines, lambdas and helpers, for a call to SaveChanges,
/// ExecuteUpdate/ExecuteDelete or ExecuteSql) must each have a case here that calls it and sees every saved unit of work (a
/// SaveChanges outside a transaction, or a transaction) that writes data also add change-log rows. A new write
/// method without a case fails the first test.
/// </summary>
[Trait("Category", "Share")]
public sealed partial class WritePathTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private TestDatabase Database => database;

    /// <summary>Writes that are not changes to the service's records: they have their own logs, or are no one's change.</summary>
    private static readonly Dictionary<string, string> NotRecorded = new()
    {
        ["ApiTokenService.RecordCallAsync"] = "the API call log is its own record of reads: it changes no data",
        ["SecurityLog.RecordAsync"] = "writes the security log itself",
        ["SessionService.StartAsync"] = "a sign-in session: recorded in the security log",
        ["SessionService.EndAsync"] = "a sign-in session: recorded in the security log",
        ["SessionService.EndAllAsync"] = "a sign-in session: recorded in the security log",
        ["KeptFormService.KeepAsync"] = "a form kept across a timed-out sign-in, no one's record",
        ["KeptFormService.TakeAsync"] = "a form kept across a timed-out sign-in, no one's record",
        ["DemoData.SeedAsync"] = "the demo data, made at start-up when Demo:Enabled is set",
        ["AuthenticatorCodes.CheckAsync"] = "the last code step used, against replay",
        ["ReminderService.SendDueAsync"] = "which reminders were sent, against sending twice",
        ["EvidenceReminderService.SendDueAsync"] = "which evidence-due reminders were claimed, against sending twice; the reminder is an outbox row (the request it is about is recorded)",
        ["NotificationDispatcher.SendDueAsync"] = "which notifications were claimed and sent, against sending twice (the event that made them is recorded)",
        ["WeeklyDigestService.WriteDueAsync"] = "which weekly digests were claimed, against writing twice: a summary of records, no one's change to them",
        ["FrameworkImporter.ImportAsync"] = "loads published framework files at start-up",
        ["FrameworkImporter.ImportDirectoryAsync"] = "loads published framework files at start-up",
        ["ApiTokenService.AuthenticateAsync"] = "the token's last-used time",
        ["SurveyService.SubmitAsync"] = "an anonymous survey response: there is no person to name, and a log row would keep the exact time where the response keeps only the day (docs/survey.md)",
        ["InvitationService.AcceptAsync"] = "sets the invited person's password, uses up the link and resets their authenticator and lockout: security data, recorded in the security log (password-set)",
    };

    [Fact]
    public void Every_write_method_of_the_services_has_a_case_that_checks_its_change_log()
    {
        var writes = WriteMethods().ToList();
        Assert.Contains("ReturnService.SaveStandardAsync", writes);
        Assert.Contains("SharingService.ChooseAsync", writes);
        var uncovered = writes.Where(w => !Cases.ContainsKey(w) && !NotRecorded.ContainsKey(w) && !ExportNotRecorded.ContainsKey(w)).ToList();
        Assert.True(uncovered.Count == 0, $"Write methods without a change-log case in {nameof(WritePathTests)}: {string.Join(", ", uncovered)}");

        // Nothing listed that is not (or no longer) a write: the lists stay true.
        var stale = Cases.Keys.Concat(NotRecorded.Keys).Concat(ExportNotRecorded.Keys).Where(k => !writes.Contains(k)).ToList();
        Assert.True(stale.Count == 0, $"Listed but not a write method: {string.Join(", ", stale)}");
    }

    public static TheoryData<string> CaseNames => [.. Cases.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task The_write_method_records_its_change_in_the_same_transaction(string method)
    {
        var watch = new Watch();
        await using var db = Watched(watch);
        var before = await db.ChangeLog.CountAsync();
        await Cases[method](this, db, watch);

        var units = watch.Units.Values.Where(u => u.Written).ToList();
        Assert.NotEmpty(units);
        Assert.All(units, u => Assert.True(u.Logged, $"{method} saved data without change-log rows in the same transaction"));
        await using var check = database.CreateContext();
        Assert.True(await check.ChangeLog.CountAsync() > before, $"{method} committed no change-log rows");
    }

    private Section11DbContext Watched(Watch watch)
    {
        var options = new DbContextOptionsBuilder<Section11DbContext>();
        database.Settings.Configure(options);
        options.AddInterceptors(watch);
        return new Section11DbContext(options.Options);
    }

    /// <summary>Per unit of work (a transaction, or a SaveChanges outside one): did it write data, and change-log rows?</summary>
    private sealed class Watch : SaveChangesInterceptor
    {
        public Dictionary<Guid, (bool Written, bool Logged)> Units { get; } = [];

        /// <summary>Set while a case prepares its data through the watched context, so that only the call itself is judged.</summary>
        public bool Paused { get; set; }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Note(eventData.Context!);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Note(eventData.Context!);
            return ValueTask.FromResult(result);
        }

        private void Note(DbContext context)
        {
            if (Paused)
            {
                return;
            }

            var changed = context.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
            // The security log is a log of its own (SecurityLog.RecordAsync is not recorded): a unit that writes only
            // security events writes no data; one that writes data as well still needs its change-log rows.
            var written = changed.Any(e => e.Entity is not (ChangeLogEntry or SecurityEvent));
            var logged = changed.Any(e => e.Entity is ChangeLogEntry && e.State == EntityState.Added);
            var key = context.Database.CurrentTransaction?.TransactionId ?? Guid.NewGuid();
            Units[key] = Units.TryGetValue(key, out var unit) ? (unit.Written || written, unit.Logged || logged) : (written, logged);
        }
    }

    /// <summary>"Type.Method" for every public async method of a Section11.Core service (a class built with the DbContext) that saves.</summary>
    private static IEnumerable<string> WriteMethods()
    {
        var core = typeof(Section11DbContext).Assembly;
        var services = core.GetTypes().Where(t => t is { IsClass: true, IsPublic: true, IsAbstract: false }
            && t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(Section11DbContext))));
        var memo = new Dictionary<MethodBase, bool>();
        return services.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) && Saves(m, core, memo, [])).Select(m => $"{t.Name}.{m.Name}"))
            .Distinct().Order(StringComparer.Ordinal);
    }

    private static bool Saves(MethodBase method, Assembly core, Dictionary<MethodBase, bool> memo, HashSet<MethodBase> visiting)
    {
        if (memo.TryGetValue(method, out var known))
        {
            return known;
        }

        if (!visiting.Add(method))
        {
            return false;
        }

        var bodies = new List<MethodBase> { method };
        if (method.GetCustomAttribute<AsyncStateMachineAttribute>() is { } machine && machine.StateMachineType.GetMethod("MoveNext", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public) is { } moveNext)
        {
            bodies.Add(moveNext);
        }

        var saves = bodies.SelectMany(Calls).Any(called =>
            IsSave(called) || (called.Module.Assembly == core && Saves(called, core, memo, visiting)));
        memo[method] = saves;
        return saves;
    }

    private static bool IsSave(MethodBase called) =>
        (typeof(DbContext).IsAssignableFrom(called.DeclaringType) && called.Name.StartsWith("SaveChanges", StringComparison.Ordinal))
        || called.Name is "ExecuteUpdate" or "ExecuteUpdateAsync" or "ExecuteDelete" or "ExecuteDeleteAsync"
        // Raw SQL writes too (an anonymous survey answer is one guarded INSERT … SELECT): a raw write needs a case as well.
        || (called.DeclaringType == typeof(RelationalDatabaseFacadeExtensions) && called.Name.StartsWith("ExecuteSql", StringComparison.Ordinal));

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The methods a body calls, constructs or takes a delegate to (call, callvirt, newobj, ldftn, ldvirtftn).</summary>
    private static IEnumerable<MethodBase> Calls(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
            i += code.Size;
            if (code.OperandType == OperandType.InlineMethod)
            {
                MethodBase? called = null;
                try
                {
                    called = method.Module.ResolveMethod(BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                }

                if (called is not null)
                {
                    yield return called;
                }
            }

            i += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }
    }
}
