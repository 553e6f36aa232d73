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
using Section11.Core.Rounds;

namespace Section11.Bench.Data;


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

    // The data set in memory, filled by the steps below in order before any of it is written.
    private Fw _primaryCare = null!;
    private Fw _masa = null!;
    private List<(int Id, string Name)> _partnerships = [];
    private List<AgencyRow> _agencies = [];
    private readonly List<RoundRow> _rounds = [];
    private Dictionary<int, string> _adminIds = [];
    private Dictionary<int, string> _leadIds = [];
    private readonly List<ReturnRow> _returns = [];
    private readonly List<(string Id, string Email, string Name, bool CanSignIn)> _users = [];
    private List<AnswerRow> _answers = [];
    private readonly List<EvaluationRow> _evaluations = [];

    public async Task<GenerationReport> GenerateAsync(NationalOptions options, CancellationToken ct = default)
    {
        var total = Stopwatch.StartNew();
        _seed = options.Seed;
        if (await db.Partnerships.AnyAsync(ct) || await db.Returns.AnyAsync(ct))
        {
            throw new InvalidOperationException("The database already has partnerships: generate into an empty one.");
        }

        _primaryCare = await LoadFrameworkAsync("primary-care-2014", ct);
        _masa = await LoadFrameworkAsync("masa-2018", ct);
        // One source of randomness drawn from in a fixed order, step after step: the same seed gives the same data.
        var rng = new Random(options.Seed);
        MakeOrganisations(rng, options);
        MakeRounds(rng);
        MakeReturns(rng);
        MakeUsers(rng, options);
        MakeAnswers(rng);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated in memory in {total.Elapsed.TotalSeconds:F1} s: {_partnerships.Count} partnerships, {_agencies.Count} agencies, {_rounds.Count} rounds, {_returns.Count} returns, {_answers.Count} answers. Writing…"));

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        WriteOrganisations(connection);
        WritePeople(connection, options.Seed);
        WriteReturns(connection);
        WriteActionPlans(connection, rng);
        await MoveIdentitiesOnAsync(connection, transaction, ct);
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

    /// <summary>Partnerships named after places, and the agencies of every kind in them.</summary>
    private void MakeOrganisations(Random rng, NationalOptions options)
    {
        var places = Places(rng, options.Partnerships + options.Trusts + options.PoliceForces + options.CouncilServices + options.Charities);
        _partnerships = Enumerable.Range(1, options.Partnerships).Select(p => (Id: p, Name: $"{places[p - 1]} Safeguarding Children Partnership")).ToList();
        _agencies = MakeAgencies(rng, options, places);
    }

    /// <summary>Per partnership and cycle, a primary-care round and a MASA round.</summary>
    private void MakeRounds(Random rng)
    {
        var roundId = 0;
        foreach (var (p, _) in _partnerships)
        {
            foreach (var cycle in Cycles)
            {
                // Partnerships set their own dates: due between March and February of the next year, so in the
                // latest cycle some are overdue and some still open.
                var due = new DateOnly(cycle, 3, 31).AddDays(rng.Next(0, cycle == Cycles[^1] ? 330 : 120));
                var opens = due.AddDays(-90);
                var launched = opens.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
                _rounds.Add(new(++roundId, p, cycle, _primaryCare, $"Section 11 audit {cycle}: primary care", opens, due, launched));
                _rounds.Add(new(++roundId, p, cycle, _masa, $"Section 11 audit {cycle}", opens, due, launched));
            }
        }
    }

    /// <summary>Every member agency's return in each round of its kind, by its lead (whose id is drawn here).</summary>
    private void MakeReturns(Random rng)
    {
        _adminIds = _partnerships.ToDictionary(p => p.Id, p => UserId(rng));
        _leadIds = _agencies.ToDictionary(a => a.Id, _ => UserId(rng));
        foreach (var round in _rounds)
        {
            var members = _agencies.Where(a => a.Partnerships.Contains(round.PartnershipId) && (a.Kind == Kind.Gp) == (round.Fw == _primaryCare));
            foreach (var agency in members)
            {
                _returns.Add(NewReturn(rng, _returns.Count + 1, round, agency, _leadIds[agency.Id]));
            }
        }
    }

    /// <summary>A lead for every agency (only the bench ones can sign in) and an administrator per partnership.</summary>
    private void MakeUsers(Random rng, NationalOptions options)
    {
        // Bench leads: agencies whose latest return is open for changes come first, so the completion journey can save.
        var open = _returns.Where(r => r.Round.Cycle == Cycles[^1] && r.Status.IsEditable()).Select(r => r.Agency.Id).ToHashSet();
        var benchAgencies = _agencies
            .OrderBy(a => open.Contains(a.Id) ? 0 : 1).ThenBy(a => a.Id)
            .Take(options.BenchLeads).Select((a, i) => (a.Id, Index: i + 1)).ToDictionary(x => x.Id, x => x.Index);
        foreach (var agency in _agencies)
        {
            var bench = benchAgencies.TryGetValue(agency.Id, out var i);
            _users.Add((_leadIds[agency.Id], bench ? NationalOptions.BenchLeadEmail(i) : string.Create(CultureInfo.InvariantCulture, $"lead-{agency.Id}@agencies.example"),
                PersonName(rng), bench));
        }

        foreach (var (p, _) in _partnerships)
        {
            _users.Add((_adminIds[p], NationalOptions.BenchAdminEmail(p), PersonName(rng), true));
        }
    }

    /// <summary>Answers and evaluations, with ratings skewed per agency and some standards weak everywhere.</summary>
    private void MakeAnswers(Random rng)
    {
        var frameworks = new[] { _primaryCare, _masa };
        var weak = frameworks.ToDictionary(f => f, f => f.Standards.Select(s => s.Standard.Number).OrderBy(_ => rng.Next()).Take(2).ToHashSet());
        var skew = _agencies.ToDictionary(a => a.Id, _ => Gaussian(rng));
        _answers = new List<AnswerRow>(_returns.Sum(r => r.Round.Fw.ItemCount));
        foreach (var ret in _returns)
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

                    _answers.Add(new AnswerRow
                    {
                        Id = _answers.Count + 1, ReturnId = ret.Id, ItemId = item.Id, StandardNumber = standard.Number, Level = level, Timescale = timescale, UpdatedAt = at,
                    });
                }

                _evaluations.Add(new EvaluationRow
                {
                    Id = _evaluations.Count + 1, ReturnId = ret.Id, StandardId = standard.Id, Level = worst,
                    Version = filled ? rng.Next(1, 4) : 0, UpdatedAt = at,
                });
            }
        }
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
            .Include(f => f.Standards.Where(s => s.RoundId == null)).ThenInclude(s => s.Items.Where(i => i.RoundId == null))
            .Include(f => f.Levels)
            .Where(f => f.FrameworkKey == key).OrderByDescending(f => f.LoadedAt).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"The {key} framework is not loaded.");
        return new Fw(version,
            [.. version.Standards.OrderBy(s => s.Number).Select(s => (s, (IReadOnlyList<Item>)[.. s.Items.OrderBy(i => i.SortKey)]))],
            [.. version.Levels.OrderBy(l => l.Position)]);
    }
}
