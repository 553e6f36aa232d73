using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Section11.Core.ActionPlans;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Returns;

namespace Section11.Core.Generation;

/// <summary>What to generate. The defaults are England: 132 partnerships, about 7,000 agencies.</summary>
public sealed record NationalOptions
{
    public int Seed { get; init; } = 11;
    public int Partnerships { get; init; } = 132;
    public int GpPractices { get; init; } = 6_300;
    public int Trusts { get; init; } = 200;
    public int PoliceForces { get; init; } = 43;
    public int CouncilServices { get; init; } = 150;
    public int Charities { get; init; } = 307;

    /// <summary>Agencies given a signed-in-able lead, bench-lead-{i}@bench.example (those with an open latest return first).</summary>
    public int BenchLeads { get; init; } = 2_000;

    public const string BenchPassword = "bench-section11-password";

    public static string BenchLeadEmail(int i) => string.Create(CultureInfo.InvariantCulture, $"bench-lead-{i}@bench.example");

    public static string BenchAdminEmail(int p) => string.Create(CultureInfo.InvariantCulture, $"bench-admin-{p}@bench.example");

    /// <summary>The same shape, scaled down to a few partnerships (for a test or a quick look).</summary>
    public NationalOptions ScaledTo(int partnerships)
    {
        double f = partnerships / 132.0;
        int S(int n) => Math.Max(1, (int)Math.Round(n * f));
        return this with
        {
            Partnerships = partnerships, GpPractices = S(GpPractices), Trusts = S(Trusts), PoliceForces = S(PoliceForces),
            CouncilServices = Math.Max(partnerships, S(CouncilServices)), Charities = S(Charities), BenchLeads = Math.Min(BenchLeads, S(BenchLeads)),
        };
    }
}

public sealed record GenerationReport(IReadOnlyList<(string Table, long Rows, TimeSpan Took)> Tables, TimeSpan Elapsed);

/// <summary>
/// Fills an empty, migrated PostgreSQL database (frameworks loaded) with a national deployment: partnerships, agencies
/// (GP practices in one partnership; trusts, police, councils and some charities in several), three audit cycles with a
/// primary-care round and a MASA round per partnership, answers with realistic ratings and evidence, sign-offs, action
/// plans with monitoring, the change log, and bench users. Deterministic for a seed. Rows go in by binary COPY.
/// </summary>
public sealed class NationalDataGenerator(Section11DbContext db, IPasswordHasher<ApplicationUser> hasher, TextWriter log)
{
    private static readonly int[] Cycles = [2022, 2024, 2026];

    private enum Kind { Gp, Trust, Police, Council, Charity }

    private sealed record AgencyRow(int Id, string Name, Sector Sector, Kind Kind, List<int> Partnerships);

    private sealed record RoundRow(int Id, int PartnershipId, int Cycle, Fw Fw, string Title, DateOnly OpensOn, DateOnly DueOn, DateTime LaunchedAt);

    private sealed class ReturnRow
    {
        public int Id;
        public int RoundId;
        public RoundRow Round = null!;
        public AgencyRow Agency = null!;
        public ReturnStatus Status;
        public DateOnly? DueOnOverride;
        public DateTime? LastActivityAt;
        public DateTime? SubmittedAt;
        public string? ReturnedReason;
        public DateTime? ReturnedAt;
        public string UserId = "";
        public int StandardsFilled;
    }

    /// <summary>One answer, small: its text is made again from its id when it is written.</summary>
    private struct AnswerRow
    {
        public int Id;
        public int ReturnId;
        public int ItemId;
        public int StandardNumber;
        public sbyte Level; // index into the scale, -1 blank
        public DateOnly? Timescale;
        public DateTime UpdatedAt;
    }

    private struct EvaluationRow
    {
        public int Id;
        public int ReturnId;
        public int StandardId;
        public sbyte Level;
        public int Version;
        public DateTime UpdatedAt;
    }

    /// <summary>A framework as the generator needs it: standards in order with their items, levels in scale order.</summary>
    private sealed record Fw(FrameworkVersion Version, IReadOnlyList<(Standard Standard, IReadOnlyList<Item> Items)> Standards, IReadOnlyList<ScaleLevel> Levels)
    {
        public int ItemCount => Standards.Sum(s => s.Items.Count);
    }

    private readonly Dictionary<string, (long Rows, TimeSpan Took)> _counts = [];
    private int _seed;

    public async Task<GenerationReport> GenerateAsync(NationalOptions options, CancellationToken ct = default)
    {
        var total = Stopwatch.StartNew();
        _seed = options.Seed;
        if (await db.Partnerships.AnyAsync(ct) || await db.Returns.AnyAsync(ct))
        {
            throw new InvalidOperationException("The database already has partnerships: generate into an empty one.");
        }

        var primaryCare = await LoadFrameworkAsync("primary-care-2014", ct);
        var masa = await LoadFrameworkAsync("masa-2018", ct);
        var rng = new Random(options.Seed);

        var places = Places(rng, options.Partnerships + options.Trusts + options.PoliceForces + options.CouncilServices + options.Charities);
        var partnerships = Enumerable.Range(1, options.Partnerships).Select(p => (Id: p, Name: $"{places[p - 1]} Safeguarding Children Partnership")).ToList();
        var agencies = MakeAgencies(rng, options, places);

        // Users: a lead for every agency (only the bench ones can sign in), an administrator per partnership.
        var passwordHash = hasher.HashPassword(new ApplicationUser { DisplayName = "" }, NationalOptions.BenchPassword);
        var users = new List<(string Id, string Email, string Name, bool CanSignIn)>();
        var rounds = new List<RoundRow>();
        var roundId = 0;
        foreach (var (p, _) in partnerships)
        {
            foreach (var cycle in Cycles)
            {
                // Partnerships set their own dates: due between March and February of the next year, so in the
                // latest cycle some are overdue and some still open.
                var due = new DateOnly(cycle, 3, 31).AddDays(rng.Next(0, cycle == Cycles[^1] ? 330 : 120));
                var opens = due.AddDays(-90);
                var launched = opens.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
                rounds.Add(new(++roundId, p, cycle, primaryCare, $"Section 11 audit {cycle}: primary care", opens, due, launched));
                rounds.Add(new(++roundId, p, cycle, masa, $"Section 11 audit {cycle}", opens, due, launched));
            }
        }

        var adminIds = partnerships.ToDictionary(p => p.Id, p => UserId(rng));
        var leadIds = agencies.ToDictionary(a => a.Id, _ => UserId(rng));

        // Returns: every member agency in each round of its kind.
        var returns = new List<ReturnRow>();
        foreach (var round in rounds)
        {
            var members = agencies.Where(a => a.Partnerships.Contains(round.PartnershipId) && (a.Kind == Kind.Gp) == (round.Fw == primaryCare));
            foreach (var agency in members)
            {
                returns.Add(NewReturn(rng, returns.Count + 1, round, agency, leadIds[agency.Id]));
            }
        }

        // Bench leads: agencies whose latest return is open for changes come first, so the completion journey can save.
        var latest = Cycles[^1];
        var open = returns.Where(r => r.Round.Cycle == latest && r.Status.IsEditable()).Select(r => r.Agency.Id).ToHashSet();
        var benchAgencies = agencies
            .OrderBy(a => open.Contains(a.Id) ? 0 : 1).ThenBy(a => a.Id)
            .Take(options.BenchLeads).Select((a, i) => (a.Id, Index: i + 1)).ToDictionary(x => x.Id, x => x.Index);
        foreach (var agency in agencies)
        {
            var bench = benchAgencies.TryGetValue(agency.Id, out var i);
            users.Add((leadIds[agency.Id], bench ? NationalOptions.BenchLeadEmail(i) : string.Create(CultureInfo.InvariantCulture, $"lead-{agency.Id}@agencies.example"),
                PersonName(rng), bench));
        }

        foreach (var (p, _) in partnerships)
        {
            users.Add((adminIds[p], NationalOptions.BenchAdminEmail(p), PersonName(rng), true));
        }

        // Answers and evaluations, with ratings skewed per agency and some standards weak everywhere.
        var frameworks = new[] { primaryCare, masa };
        var weak = frameworks.ToDictionary(f => f, f => f.Standards.Select(s => s.Standard.Number).OrderBy(_ => rng.Next()).Take(2).ToHashSet());
        var skew = agencies.ToDictionary(a => a.Id, _ => Gaussian(rng));
        var answers = new List<AnswerRow>(returns.Sum(r => r.Round.Fw.ItemCount));
        var evaluations = new List<EvaluationRow>();
        foreach (var ret in returns)
        {
            var fw = ret.Round.Fw;
            var best = fw.Levels.Count - 1;
            for (var s = 0; s < fw.Standards.Count; s++)
            {
                var (standard, items) = fw.Standards[s];
                var filled = s < ret.StandardsFilled;
                var at = (ret.LastActivityAt ?? ret.Round.LaunchedAt).AddDays(-(fw.Standards.Count - s)).AddMinutes(rng.Next(0, 600));
                sbyte worst = -1;
                foreach (var item in items)
                {
                    sbyte level = -1;
                    DateOnly? timescale = null;
                    if (filled)
                    {
                        var below = 0.05 + (0.04 * skew[ret.Agency.Id]) + (weak[fw].Contains(standard.Number) ? 0.15 : 0);
                        if (rng.NextDouble() < Math.Clamp(below, 0.02, 0.7))
                        {
                            level = (sbyte)(rng.NextDouble() < 0.25 ? 0 : 1); // scales run worst first
                            timescale = ret.Round.DueOn.AddMonths(rng.Next(2, 10));
                        }
                        else
                        {
                            level = (sbyte)(fw.Levels.Count > 3 && rng.NextDouble() < 0.1 ? best : FirstMeeting(fw));
                        }

                        worst = worst < 0 ? level : Math.Min(worst, level);
                    }

                    answers.Add(new AnswerRow
                    {
                        Id = answers.Count + 1, ReturnId = ret.Id, ItemId = item.Id, StandardNumber = standard.Number, Level = level, Timescale = timescale, UpdatedAt = at,
                    });
                }

                evaluations.Add(new EvaluationRow
                {
                    Id = evaluations.Count + 1, ReturnId = ret.Id, StandardId = standard.Id, Level = worst,
                    Version = filled ? rng.Next(1, 4) : 0, UpdatedAt = at,
                });
            }
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated in memory in {total.Elapsed.TotalSeconds:F1} s: {partnerships.Count} partnerships, {agencies.Count} agencies, {rounds.Count} rounds, {returns.Count} returns, {answers.Count} answers. Writing…"));

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        Copy(connection, typeof(Partnership), ["Id", "Name"], partnerships.Select(p => new object?[] { p.Id, p.Name }));
        Copy(connection, typeof(Agency), ["Id", "Name", "Sector"], agencies.Select(a => new object?[] { a.Id, a.Name, a.Sector }));
        Copy(connection, typeof(PartnershipMembership), ["PartnershipId", "AgencyId"],
            agencies.SelectMany(a => a.Partnerships.Select(p => new object?[] { p, a.Id })));
        var stamp = new Random(options.Seed + 1);
        Copy(connection, typeof(ApplicationUser),
            ["Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp",
             "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "DisplayName"],
            users.Select(u => new object?[]
            {
                u.Id, u.Email, u.Email.ToUpperInvariant(), u.Email, u.Email.ToUpperInvariant(), true, u.CanSignIn ? passwordHash : null,
                Convert.ToHexString(Bytes(stamp, 16)), UserId(stamp), false, u.CanSignIn, true, 0, u.Name,
            }));
        Copy(connection, typeof(IdentityUserToken<string>), ["UserId", "LoginProvider", "Name", "Value"],
            users.Where(u => u.CanSignIn).Select(u => new object?[] { u.Id, "[AspNetUserStore]", "AuthenticatorKey", Accounts.DemoAccounts.AuthenticatorKey }));
        Copy(connection, typeof(RoleAssignment), ["UserId", "Role", "AgencyId", "PartnershipId"],
            agencies.SelectMany(a => a.Kind == Kind.Gp
                    ? new[] { new object?[] { leadIds[a.Id], Role.AgencyLead, a.Id, null }, [leadIds[a.Id], Role.SeniorSignatory, a.Id, null] }
                    : [[leadIds[a.Id], Role.AgencyLead, a.Id, null]])
                .Concat(partnerships.Select(p => new object?[] { adminIds[p.Id], Role.PartnershipAdministrator, null, p.Id })));
        Copy(connection, typeof(Round), ["Id", "PartnershipId", "FrameworkVersionId", "Title", "OpensOn", "DueOn", "CreatedAt", "LaunchedAt", "CreatedById"],
            rounds.Select(r => new object?[] { r.Id, r.PartnershipId, r.Fw.Version.Id, r.Title, r.OpensOn, r.DueOn, r.LaunchedAt.AddDays(-7), r.LaunchedAt, adminIds[r.PartnershipId] }));
        Copy(connection, typeof(Return),
            ["Id", "RoundId", "AgencyId", "FrameworkVersionId", "Status", "CreatedAt", "DueOnOverride", "LastActivityAt", "ReturnedReason", "ReturnedAt",
             "SubmittedAt", "SubmittedById", "SignOff.SignatoryName", "SignOff.PostHeld", "SignOff.Organisation", "SignOff.SignedOn", "SignOff.DeclarationAccepted"],
            returns.Select(r =>
            {
                var signed = r.SubmittedAt is not null;
                return new object?[]
                {
                    r.Id, r.RoundId, r.Agency.Id, r.Round.Fw.Version.Id, r.Status, r.Round.LaunchedAt, r.DueOnOverride, r.LastActivityAt, r.ReturnedReason, r.ReturnedAt,
                    r.SubmittedAt, signed ? r.UserId : null,
                    signed ? Pick(r.Id, 7, Signatories) : null, signed ? Pick(r.Id, 8, Posts) : null, signed ? r.Agency.Name : null,
                    signed ? DateOnly.FromDateTime(r.SubmittedAt!.Value) : null, signed ? true : null,
                };
            }));
        var returnsById = returns.ToDictionary(r => r.Id);
        Copy(connection, typeof(Answer), ["Id", "ReturnId", "ItemId", "Rating", "ActualEvidence", "ActionRequired", "Timescale", "UpdatedAt", "UpdatedById"],
            answers.Select(a =>
            {
                var r = returnsById[a.ReturnId];
                return a.Level < 0
                    ? new object?[] { a.Id, a.ReturnId, a.ItemId, null, null, null, null, null, null }
                    : [a.Id, a.ReturnId, a.ItemId, r.Round.Fw.Levels[a.Level].Key, Evidence(a.Id), a.Timescale is null ? null : ActionRequired(a.Id), a.Timescale, a.UpdatedAt, r.UserId];
            }));
        Copy(connection, typeof(StandardEvaluation), ["Id", "ReturnId", "StandardId", "Rating", "Statement", "Version", "UpdatedAt", "UpdatedById"],
            evaluations.Select(e =>
            {
                var r = returnsById[e.ReturnId];
                return e.Level < 0
                    ? new object?[] { e.Id, e.ReturnId, e.StandardId, null, null, 0, null, null }
                    : [e.Id, e.ReturnId, e.StandardId, r.Round.Fw.Levels[e.Level].Key, Statement(e.Id), e.Version, e.UpdatedAt, r.UserId];
            }));
        Copy(connection, typeof(ChangeLogEntry), ["At", "UserId", "EntityType", "EntityId", "ReturnId", "Field", "OldValue", "NewValue"],
            ReturnChanges(returns, answers, evaluations));

        // Action plans: each submitted return's below-threshold items, mostly taken into the plan by standard.
        var areas = new List<object?[]>();
        var actions = new List<object?[]>();
        var monitoring = new List<object?[]>();
        var planLog = new List<object?[]>();
        var positions = new Dictionary<int, int>();
        var actionId = 0;
        foreach (var group in answers.Where(a => a.Timescale is not null).GroupBy(a => a.ReturnId))
        {
            var ret = returnsById[group.Key];
            if (ret.SubmittedAt is null)
            {
                continue;
            }

            foreach (var byStandard in group.GroupBy(a => a.StandardNumber))
            {
                if (rng.NextDouble() < 0.2)
                {
                    continue; // still waiting to be taken into the plan: the action plan page suggests it
                }

                var areaId = areas.Count + 1;
                var position = positions[ret.Agency.Id] = positions.GetValueOrDefault(ret.Agency.Id) + 1;
                var standard = ret.Round.Fw.Standards.First(s => s.Standard.Number == byStandard.Key).Standard;
                var created = ret.SubmittedAt!.Value.AddDays(rng.Next(3, 30));
                areas.Add([areaId, ret.Agency.Id, ret.RoundId, standard.Id, $"Standard {byStandard.Key}, {ret.Round.Title}", Outcome(areaId), position,
                    byStandard.Select(a => a.Id).ToList(), created, ret.UserId]);
                planLog.Add([created, ret.UserId, "ImprovementArea", areaId.ToString(CultureInfo.InvariantCulture), null, "Created", null, $"Standard {byStandard.Key}: {Outcome(areaId)}"]);
                var count = rng.Next(1, 4);
                for (var n = 1; n <= count; n++)
                {
                    var id = ++actionId;
                    var deadline = DateOnly.FromDateTime(created).AddMonths(rng.Next(2, 13));
                    var age = latest - ret.Round.Cycle;
                    Rag? rag = (age, rng.NextDouble()) switch
                    {
                        (>= 4, < 0.85) or (2, < 0.45) or (0, < 0.05) => Rag.Green,
                        (_, < 0.55) => Rag.Amber,
                        (_, < 0.75) => Rag.Red,
                        _ => null,
                    };
                    var green = rag == Rag.Green;
                    var updated = created.AddDays(rng.Next(1, 200));
                    actions.Add([id, areaId, n, Pick(id, 1, ActionTexts), deadline, ret.Agency.Name, PersonName(rng), Pick(id, 2, Indicators), deadline.AddMonths(1),
                        rag, green ? Pick(id, 3, Impacts) : null, green ? deadline.AddDays(-rng.Next(0, 40)) : null, updated, ret.UserId, rng.Next(1, 4)]);
                    planLog.Add([created, ret.UserId, "PlanAction", id.ToString(CultureInfo.InvariantCulture), null, "Created", null, Pick(id, 1, ActionTexts)]);
                    for (var m = rng.Next(0, 4); m > 0; m--)
                    {
                        var date = DateOnly.FromDateTime(created).AddDays(rng.Next(10, 400));
                        var kind = (MonitoringKind)(rng.Next(0, 10) switch { < 7 => 0, < 9 => 1, _ => 2 });
                        monitoring.Add([id, date, kind, Pick(id * 7 + m, 4, MonitoringTexts), date.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc), ret.UserId]);
                    }
                }
            }
        }

        Copy(connection, typeof(ImprovementArea), ["Id", "AgencyId", "RoundId", "StandardId", "OverarchingStandard", "Outcome", "Position", "SourceAnswerIds", "CreatedAt", "CreatedById"], areas);
        Copy(connection, typeof(PlanAction),
            ["Id", "ImprovementAreaId", "Position", "SpecificAction", "Deadline", "LeadOrganisation", "AccountablePerson", "SuccessIndicators", "SuccessIndicatorsBy",
             "Rag", "ImpactAndEvidence", "CompletedOn", "UpdatedAt", "UpdatedById", "Version"], actions);
        Copy(connection, typeof(MonitoringEntry), ["PlanActionId", "EntryDate", "Kind", "Text", "RecordedAt", "AuthorId"], monitoring);
        Copy(connection, typeof(ChangeLogEntry), ["At", "UserId", "EntityType", "EntityId", "ReturnId", "Field", "OldValue", "NewValue"], planLog, "ChangeLog (action plans)");

        // Ids were given explicitly: move each identity on past them.
        foreach (var type in new[] { typeof(Partnership), typeof(Agency), typeof(Round), typeof(Return), typeof(Answer), typeof(StandardEvaluation), typeof(ImprovementArea), typeof(PlanAction) })
        {
            var table = db.Model.FindEntityType(type)!.GetTableName();
            await using var command = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), GREATEST((SELECT MAX(\"Id\") FROM \"{table}\"), 1))", connection, transaction);
            await command.ExecuteScalarAsync(ct);
        }

        await transaction.CommitAsync(ct);
        var analyse = Stopwatch.StartNew();
        await using (var command = new NpgsqlCommand("ANALYZE", connection))
        {
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync(ct);
        }

        _counts["(ANALYZE)"] = (0, analyse.Elapsed);
        await db.Database.CloseConnectionAsync();
        return new GenerationReport([.. _counts.Select(c => (c.Key, c.Value.Rows, c.Value.Took))], total.Elapsed);
    }

    private void Copy(NpgsqlConnection connection, Type entity, string[] properties, IEnumerable<object?[]> rows, string? label = null)
    {
        var watch = Stopwatch.StartNew();
        var copy = new BulkCopy(db, entity, properties);
        var count = copy.Write(connection, rows);
        _counts[label ?? copy.Table] = (count, watch.Elapsed);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label ?? copy.Table}: {count:N0} rows in {watch.Elapsed.TotalSeconds:F1} s"));
    }

    /// <summary>The audit trail of each return: every field people filled in, then the status changes.</summary>
    private IEnumerable<object?[]> ReturnChanges(List<ReturnRow> returns, List<AnswerRow> answers, List<EvaluationRow> evaluations)
    {
        var byId = returns.ToDictionary(r => r.Id);
        foreach (var a in answers)
        {
            if (a.Level < 0)
            {
                continue;
            }

            var r = byId[a.ReturnId];
            var id = a.Id.ToString(CultureInfo.InvariantCulture);
            yield return [a.UpdatedAt, r.UserId, "Answer", id, r.Id, "Rating", null, r.Round.Fw.Levels[a.Level].Key];
            yield return [a.UpdatedAt, r.UserId, "Answer", id, r.Id, "ActualEvidence", null, Evidence(a.Id)];
            if (a.Timescale is { } timescale)
            {
                yield return [a.UpdatedAt, r.UserId, "Answer", id, r.Id, "ActionRequired", null, ActionRequired(a.Id)];
                yield return [a.UpdatedAt, r.UserId, "Answer", id, r.Id, "Timescale", null, timescale.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
            }
        }

        foreach (var e in evaluations)
        {
            if (e.Level < 0)
            {
                continue;
            }

            var r = byId[e.ReturnId];
            var id = e.Id.ToString(CultureInfo.InvariantCulture);
            yield return [e.UpdatedAt, r.UserId, "StandardEvaluation", id, r.Id, "Rating", null, r.Round.Fw.Levels[e.Level].Key];
            yield return [e.UpdatedAt, r.UserId, "StandardEvaluation", id, r.Id, "Statement", null, Statement(e.Id)];
        }

        foreach (var r in returns)
        {
            var id = r.Id.ToString(CultureInfo.InvariantCulture);
            if (r.Status is ReturnStatus.AwaitingSignOff or ReturnStatus.Submitted or ReturnStatus.ReturnedForChanges && r.LastActivityAt is { } at)
            {
                yield return [at.AddHours(-2), r.UserId, "Return", id, r.Id, "Status", "Draft", "AwaitingSignOff"];
            }

            if (r.SubmittedAt is { } submitted)
            {
                yield return [submitted, r.UserId, "Return", id, r.Id, "Status", "AwaitingSignOff", "Submitted"];
                yield return [submitted, r.UserId, "Return", id, r.Id, "SignOff", null, $"{Pick(r.Id, 7, Signatories)}, {Pick(r.Id, 8, Posts)}, {r.Agency.Name}, {submitted:yyyy-MM-dd}"];
            }

            if (r.ReturnedAt is { } returnedAt)
            {
                yield return [returnedAt, r.UserId, "Return", id, r.Id, "Status", "Submitted", "ReturnedForChanges"];
            }
        }
    }

    private static ReturnRow NewReturn(Random rng, int id, RoundRow round, AgencyRow agency, string userId)
    {
        var ret = new ReturnRow { Id = id, RoundId = round.Id, Round = round, Agency = agency, UserId = userId };
        var standards = round.Fw.Standards.Count;
        var latest = round.Cycle == Cycles[^1];
        var roll = rng.NextDouble();
        ret.Status = latest
            ? roll switch { < 0.35 => ReturnStatus.Submitted, < 0.45 => ReturnStatus.AwaitingSignOff, < 0.50 => ReturnStatus.ReturnedForChanges, _ => ReturnStatus.Draft }
            : roll switch { < 0.95 => ReturnStatus.Submitted, < 0.96 => ReturnStatus.ReturnedForChanges, _ => ReturnStatus.Draft };
        if (rng.NextDouble() < 0.03)
        {
            ret.DueOnOverride = round.DueOn.AddDays(rng.Next(14, 60));
        }

        var due = ret.DueOnOverride ?? round.DueOn;
        DateTime At(int daysBeforeDue) => due.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc).AddDays(-daysBeforeDue).AddMinutes(rng.Next(0, 480));
        switch (ret.Status)
        {
            case ReturnStatus.Submitted:
                ret.StandardsFilled = standards;
                ret.SubmittedAt = At(rng.Next(-20, 40));
                ret.LastActivityAt = ret.SubmittedAt;
                break;
            case ReturnStatus.AwaitingSignOff:
                ret.StandardsFilled = standards;
                ret.LastActivityAt = At(rng.Next(0, 30));
                break;
            case ReturnStatus.ReturnedForChanges:
                ret.StandardsFilled = standards;
                ret.SubmittedAt = null;
                ret.ReturnedAt = At(rng.Next(-10, 20));
                ret.ReturnedReason = "Please add evidence for the items rated below the threshold and a date for each action.";
                ret.LastActivityAt = ret.ReturnedAt;
                break;
            default:
                // A draft: some not started, most part-way through.
                ret.StandardsFilled = rng.NextDouble() < 0.3 ? 0 : rng.Next(1, standards);
                ret.LastActivityAt = ret.StandardsFilled == 0 ? null : At(rng.Next(0, 60));
                break;
        }

        return ret;
    }

    private List<AgencyRow> MakeAgencies(Random rng, NationalOptions o, string[] places)
    {
        var agencies = new List<AgencyRow>();
        var place = o.Partnerships;
        int P() => rng.Next(1, o.Partnerships + 1);
        List<int> Near(int first, int count) => [.. Enumerable.Range(0, count).Select(k => ((first - 1 + k) % o.Partnerships) + 1).Distinct()];
        void Add(string name, Sector sector, Kind kind, List<int> partnerships) => agencies.Add(new(agencies.Count + 1, name, sector, kind, partnerships));

        // Partnerships differ in size: weights spread GP practices unevenly.
        var weights = Enumerable.Range(0, o.Partnerships).Select(_ => 0.4 + (1.2 * rng.NextDouble())).ToArray();
        // The first is a large county partnership with about 500 practices: the round size the export target names.
        if (o.Partnerships >= 50)
        {
            weights[0] = 11.5;
        }

        var cumulative = weights.Select((w, i) => weights.Take(i + 1).Sum()).ToArray();
        for (var i = 0; i < o.GpPractices; i++)
        {
            var p = i < o.Partnerships ? i + 1 : Array.FindIndex(cumulative, c => c >= rng.NextDouble() * cumulative[^1]) + 1;
            Add($"{Pick(i, 5, Streets)} {Pick(i, 6, PracticeKinds)}, {places[p - 1]}", Sector.Health, Kind.Gp, [p]);
        }

        for (var i = 0; i < o.Trusts; i++)
        {
            var p = i < o.Partnerships ? i + 1 : P();
            var span = rng.NextDouble() switch { < 0.7 => 1, < 0.9 => 2, _ => 3 };
            Add($"{places[place++]} {Pick(i, 9, TrustKinds)}", Sector.Health, Kind.Trust, Near(p, span));
        }

        // Each force covers a run of neighbouring partnerships.
        for (var f = 0; f < o.PoliceForces; f++)
        {
            var first = (f * o.Partnerships / o.PoliceForces) + 1;
            var last = ((f + 1) * o.Partnerships / o.PoliceForces) + 1;
            Add($"{places[place++]} {(f % 3 == 0 ? "Constabulary" : "Police")}", Sector.Police, Kind.Police, Near(first, Math.Max(1, last - first)));
        }

        for (var i = 0; i < o.CouncilServices; i++)
        {
            var p = i < o.Partnerships ? i + 1 : P();
            var service = i < o.Partnerships ? 0 : 1 + (i % 2);
            Add($"{places[p - 1]} Council {(service switch { 0 => "Children's Services", 1 => "Education Services", _ => "Adult Social Care" })}",
                service == 1 ? Sector.Education : Sector.LocalAuthority, Kind.Council, rng.NextDouble() < 0.1 ? Near(p, 2) : [p]);
        }

        for (var i = 0; i < o.Charities; i++)
        {
            var national = rng.NextDouble() < 0.15;
            Add(national ? $"{Pick(i, 10, CharityNames)} {places[place++]}" : $"{places[P() - 1]} {Pick(i, 11, CharityKinds)}",
                Sector.VoluntaryAndCommunity, Kind.Charity, national ? Near(P(), rng.Next(2, 5)) : [P()]);
        }

        return agencies;
    }

    private async Task<Fw> LoadFrameworkAsync(string key, CancellationToken ct)
    {
        var version = await db.FrameworkVersions.AsNoTracking().AsSplitQuery()
            .Include(f => f.Standards).ThenInclude(s => s.Items.Where(i => i.RoundId == null))
            .Include(f => f.Levels)
            .Where(f => f.FrameworkKey == key).OrderByDescending(f => f.LoadedAt).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"The {key} framework is not loaded.");
        return new Fw(version,
            [.. version.Standards.OrderBy(s => s.Number).Select(s => (s, (IReadOnlyList<Item>)[.. s.Items.OrderBy(i => i.SortKey)]))],
            [.. version.Levels.OrderBy(l => l.Position)]);
    }

    /// <summary>The first level (from the worst) that meets the standard: the usual rating.</summary>
    private static sbyte FirstMeeting(Fw fw) => (sbyte)fw.Levels.ToList().FindIndex(l => l.Meets);

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static string UserId(Random rng) => new Guid(Bytes(rng, 16)).ToString();

    private static byte[] Bytes(Random rng, int n)
    {
        var bytes = new byte[n];
        rng.NextBytes(bytes);
        return bytes;
    }

    private static string PersonName(Random rng) => $"{FirstNames[rng.Next(FirstNames.Length)]} {LastNames[rng.Next(LastNames.Length)]}";

    /// <summary>A fixed, well-mixed choice for (id, salt), so text can be made again from an id.</summary>
    private string Pick(int id, int salt, string[] pool) => pool[Mix(id, salt) % (uint)pool.Length];

    private uint Mix(int id, int salt)
    {
        var h = unchecked((uint)id * 2654435761u ^ (uint)salt * 40503u ^ (uint)_seed * 97u);
        h ^= h >> 15;
        h *= 2246822519u;
        h ^= h >> 13;
        return h;
    }

    /// <summary>100–400 characters of evidence: two to five sentences from a pool.</summary>
    private string Evidence(int answerId)
    {
        var text = Pick(answerId, 20, EvidenceSentences);
        for (var k = 21; text.Length < 100 + (Mix(answerId, 99) % 250); k++)
        {
            text += " " + Pick(answerId, k, EvidenceSentences);
        }

        return text.Length > 400 ? text[..text.LastIndexOf('.', 399)] + "." : text;
    }

    private string ActionRequired(int answerId) => $"{Pick(answerId, 30, ActionTexts)} {Pick(answerId, 31, Indicators)}";

    private string Statement(int evaluationId) => $"{Pick(evaluationId, 40, StatementTexts)} {Pick(evaluationId, 41, EvidenceSentences)}";

    private string Outcome(int areaId) => Pick(areaId, 50, Outcomes);

    private static string[] Places(Random rng, int count)
    {
        string[] stems = ["Ash", "Brook", "Cold", "Dun", "Elm", "Fair", "Glen", "Hart", "Ivy", "Kings", "Lang", "Mill", "Nor", "Oak", "Pen", "Queens", "Red", "Stan",
            "Thorn", "Wal", "Whit", "Wood", "Bar", "Chester", "Sand", "Stone", "Black", "Wester", "Easter", "Hol", "Lin", "March"];
        string[] ends = ["ford", "ham", "shire", "ton", "wick", "bury", "field", "mouth", "leigh", "worth", "dale", "bridge", "by", "combe", "stead", "minster"];
        var names = stems.SelectMany(s => ends.Select(e => s + e)).OrderBy(_ => rng.Next()).ToList();
        while (names.Count < count)
        {
            names.AddRange(names.Take(count - names.Count).Select(n => $"New {n}").ToList());
        }

        return [.. names.Take(count)];
    }

    private static readonly string[] FirstNames = ["Amira", "Ben", "Chloe", "Dev", "Ellen", "Femi", "Grace", "Harun", "Isla", "Jack", "Kiran", "Laura", "Mo", "Nadia", "Owen", "Priya", "Rhys", "Sara", "Tom", "Yusuf", "Zoe", "Helen", "Sam", "Jo"];
    private static readonly string[] LastNames = ["Ahmed", "Baker", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Nowak", "Okafor", "Patel", "Roberts", "Shah", "Taylor", "Walsh", "Marsh", "Bennett"];
    private static readonly string[] Streets = ["Riverside", "Park Lane", "Church Street", "Market Square", "Station Road", "High Street", "Valley", "Castle", "Abbey", "Meadow", "Orchard", "Bridge", "Hillside", "Greenway", "Mill Lane", "Victoria", "Albert Road", "Northgate"];
    private static readonly string[] PracticeKinds = ["Medical Practice", "Surgery", "Health Centre", "Medical Centre", "Family Practice", "Group Practice"];
    private static readonly string[] TrustKinds = ["Hospitals NHS Foundation Trust", "Community Health NHS Trust", "Mental Health NHS Foundation Trust", "University Hospitals NHS Trust", "Integrated Care NHS Trust"];
    private static readonly string[] CharityNames = ["Children First", "Safe Harbour", "Young Minds Together", "Family Action", "Open Door"];
    private static readonly string[] CharityKinds = ["Young Carers", "Youth Trust", "Family Support", "Homestart", "Sports Club", "Scouts and Guides", "Food Bank"];
    private static readonly string[] Signatories = ["Dr Helen Marsh", "Tom Okafor", "Priya Shah", "Jo Bennett", "Ruth Aldridge", "Mark Fenwick", "Dr Anil Gupta", "Claire Dunn", "Owen Price", "Sarah Whitlock"];
    private static readonly string[] Posts = ["Chief Executive", "Director of Nursing", "Practice Partner", "Director of Children's Services", "Chief Constable", "Chief Nurse", "Head of Safeguarding", "Managing Director"];

    private static readonly string[] EvidenceSentences =
    [
        "Safeguarding policy reviewed in March and approved by the board.",
        "Training records show 94% of staff completed level 2 safeguarding training this year.",
        "Supervision logs are held by the named nurse and audited quarterly.",
        "Minutes of the safeguarding committee record the review of every serious incident.",
        "The designated lead attends the partnership's multi-agency meetings.",
        "Job descriptions for every post include safeguarding responsibilities.",
        "Safer recruitment checks are complete for all staff, with DBS renewals tracked on the HR system.",
        "A child's voice is recorded in case notes; a dip sample of 30 files found it in 27.",
        "Information-sharing agreements with the local authority and police are in place and in date.",
        "The whistleblowing policy is on the intranet and was re-launched at the staff conference.",
        "Referrals to children's social care are logged and followed up within 48 hours.",
        "Audit of case files found chronologies in place but not always up to date.",
        "Induction covers safeguarding on the first day, with a workbook signed off by the manager.",
        "Annual report to the board sets out safeguarding activity, training and learning from reviews.",
        "Learning from local child safeguarding practice reviews is shared through briefings and team meetings.",
        "Allegations against staff are managed with the LADO; three were referred this year.",
        "The early help offer is promoted in waiting areas and on the website.",
        "Records are kept on the electronic system with safeguarding alerts on the child's record.",
    ];

    private static readonly string[] ActionTexts =
    [
        "Refresh the safeguarding policy and brief every team.",
        "Run level 3 training for all clinical staff.",
        "Introduce quarterly audits of supervision records.",
        "Complete outstanding DBS renewals and record them centrally.",
        "Add the child's voice to the case note template.",
        "Agree an information-sharing protocol with the partnership.",
        "Publish the whistleblowing route on every site.",
        "Set up a safeguarding champions network.",
    ];

    private static readonly string[] Indicators =
    [
        "Success: 95% of staff trained by the deadline.",
        "Success: a dip sample finds the child's voice in nine files out of ten.",
        "Success: every supervision recorded within the month.",
        "Success: no DBS check overdue at the next audit.",
        "Success: the partnership confirms the protocol is signed.",
    ];

    private static readonly string[] Impacts =
    [
        "Training completion reached 97%; staff survey shows more confidence in making referrals.",
        "Re-audit in the autumn found supervision recorded for every case.",
        "All renewals complete; HR now reports monthly to the safeguarding committee.",
    ];

    private static readonly string[] MonitoringTexts =
    [
        "Two sessions delivered; a third booked for next month.",
        "Staff sickness has delayed the audit by a month.",
        "Policy drafted and out for consultation with the staff side.",
        "Risk: the training provider has cancelled twice; looking for another.",
        "Added a check at induction as an extra action.",
        "Progress reported to the board; on track.",
    ];

    private static readonly string[] StatementTexts =
    [
        "Arrangements are in place and known to staff; the actions above close the remaining gaps.",
        "Most evidence is strong, but audits show practice is not yet consistent across every team.",
        "We meet this standard and have evidence from audit, training records and staff feedback.",
        "Improvement since the last audit, with a plan to address the items still below the threshold.",
    ];

    private static readonly string[] Outcomes =
    [
        "Every member of staff knows how to raise a safeguarding concern and does so.",
        "Supervision happens monthly and is recorded for every practitioner.",
        "Every safer-recruitment file is complete.",
        "The child's voice is heard and recorded in every assessment.",
        "Information is shared with partners quickly and safely.",
    ];
}
