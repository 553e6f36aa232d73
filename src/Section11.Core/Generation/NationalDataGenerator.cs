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


/// <summary>
/// Fills an empty, migrated PostgreSQL database (frameworks loaded) with a national deployment: partnerships, agencies
/// (GP practices in one partnership; trusts, police, councils and some charities in several), three audit cycles with a
/// primary-care round and a MASA round per partnership, answers with realistic ratings and evidence, sign-offs, action
/// plans with monitoring, the change log, and bench users. Deterministic for a seed. Rows go in by binary COPY.
/// </summary>
public sealed partial class NationalDataGenerator(Section11DbContext db, IPasswordHasher<ApplicationUser> hasher, TextWriter log)
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
}
