using System.Data.Common;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.ActionPlans;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;
using Xunit.Abstractions;

namespace Section11.Web.Tests.Performance;

/// <summary>
/// Each main page sends the same number of SQL commands whatever the amount of data: counted on a small data set
/// (2 agencies, 2 rounds, one improvement area) and a larger one of the same shape (30 agencies, 4 rounds, many
/// areas, actions and monitoring entries). A page whose count grows with the data has a query per row (N+1).
/// </summary>
public sealed class QueryCountTests(QueryCountTests.CountingFactory factory, ITestOutputHelper output) : IClassFixture<QueryCountTests.CountingFactory>
{
    /// <summary>Who opens the page.</summary>
    public enum Who
    {
        Lead,
        Administrator,
    }

    /// <summary>
    /// The pages measured. Placeholders: {partnership}, {round} (the current round), {previousRound}, {return} (the
    /// lead's current draft), {previousReturn} (the lead's last submitted return), {agency} (the lead's agency).
    /// Add a page by adding a line.
    /// </summary>
    public static readonly (string Page, Who Who, string Url)[] Pages =
    [
        ("home page", Who.Lead, "/"),
        ("home page (administrator)", Who.Administrator, "/"),
        ("return overview", Who.Lead, "/returns/{return}"),
        ("standard page", Who.Lead, "/returns/{return}/standards/1"),
        ("check answers", Who.Lead, "/returns/{return}/check-answers"),
        ("read-only view", Who.Lead, "/returns/{previousReturn}/view"),
        ("read-only view (partnership, with consistency prompts)", Who.Administrator, "/returns/{previousReturn}/view"),
        ("agency action plan", Who.Lead, "/agencies/{agency}/action-plan"),
        ("agency action plan (partnership)", Who.Administrator, "/agencies/{agency}/action-plan"),
        ("round tracker", Who.Administrator, "/partnerships/{partnership}/rounds/{round}"),
        ("partnership action plans", Who.Administrator, "/partnerships/{partnership}/rounds/{previousRound}/action-plans"),
        ("partnership page", Who.Administrator, "/partnerships/{partnership}"),
        ("round dashboard", Who.Administrator, "/partnerships/{partnership}/rounds/{round}/dashboard"),
        ("return report", Who.Administrator, "/returns/{previousReturn}/report"),
        ("return report PDF", Who.Administrator, "/returns/{previousReturn}/report/pdf"),
        ("round reports zip", Who.Administrator, "/partnerships/{partnership}/rounds/{previousRound}/reports/docx"),
        ("round export xlsx", Who.Administrator, "/partnerships/{partnership}/rounds/{previousRound}/export/xlsx"),
        ("round export csv", Who.Administrator, "/partnerships/{partnership}/rounds/{previousRound}/export/csv"),
    ];

    [Fact]
    public async Task No_page_sends_more_queries_when_there_is_more_data()
    {
        var small = await Scenario.CreateAsync(factory, agencies: 2, rounds: 2, areas: 1);
        var large = await Scenario.CreateAsync(factory, agencies: 30, rounds: 4, areas: 12);
        var failures = new List<string>();
        output.WriteLine($"{"page",-36} {"small",6} {"large",6}");
        foreach (var (page, who, url) in Pages)
        {
            var (smallCount, _) = await MeasureGetAsync(small, who, url);
            var (largeCount, commands) = await MeasureGetAsync(large, who, url);
            output.WriteLine($"{page,-36} {smallCount,6} {largeCount,6}");
            if (largeCount > smallCount)
            {
                failures.Add($"{page} ({url}): {smallCount} queries on the small data, {largeCount} on the large:\n    {string.Join("\n    ", commands)}");
            }
        }

        var (smallSave, _) = await MeasureSaveAsync(small);
        var (largeSave, saveCommands) = await MeasureSaveAsync(large);
        output.WriteLine($"{"standard page save (POST)",-36} {smallSave,6} {largeSave,6}");
        output.WriteLine($"The save's commands:\n    {string.Join("\n    ", saveCommands)}");
        if (largeSave > smallSave)
        {
            failures.Add($"standard page save: {smallSave} queries on the small data, {largeSave} on the large");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The fewest commands in two requests after a warm-up, so caches and occasional session checks do not count.</summary>
    private async Task<(int Count, IReadOnlyList<string> Commands)> MeasureGetAsync(Scenario scenario, Who who, string template)
    {
        var client = who == Who.Lead ? scenario.Lead : scenario.Administrator;
        var url = scenario.Fill(template);
        var warm = await client.GetAsync(url);
        Assert.True(warm.Status == HttpStatusCode.OK, $"GET {url} as {who}: {warm.Status}");
        (int, IReadOnlyList<string>) best = (int.MaxValue, []);
        for (var i = 0; i < 2; i++)
        {
            factory.Counter.Start();
            var page = await client.GetAsync(url);
            var commands = factory.Counter.Stop();
            Assert.Equal(HttpStatusCode.OK, page.Status);
            if (commands.Count < best.Item1)
            {
                best = (commands.Count, commands);
            }
        }

        return best;
    }

    /// <summary>Saving standard 1 with changed evidence, so the save writes.</summary>
    private async Task<(int Count, IReadOnlyList<string> Commands)> MeasureSaveAsync(Scenario scenario)
    {
        (int Count, IReadOnlyList<string> Commands) best = (int.MaxValue, []);
        for (var i = 0; i < 3; i++)
        {
            var url = scenario.Fill("/returns/{return}/standards/1");
            var form = await scenario.Lead.GetAsync(url);
            var values = StandardForms.Complete(form, "good");
            for (var n = 0; n < StandardForms.ItemCount(form); n++)
            {
                values[$"Answers[{n}].ActualEvidence"] = $"Safeguarding policy section {n + 1}, reviewed {i}.";
            }

            factory.Counter.Start();
            var saved = await scenario.Lead.SubmitAsync(form, values, "later");
            var commands = factory.Counter.Stop();
            Assert.True(saved.Status == HttpStatusCode.Redirect, $"Save of {url}: {saved.Status} {string.Join("; ", saved.ErrorSummary)}");
            if (i > 0 && commands.Count < best.Count)
            {
                best = (commands.Count, commands);
            }
        }

        return best;
    }

    /// <summary>A partnership on masa-2018: earlier rounds submitted (some items below the threshold), the last one open.</summary>
    public sealed record Scenario(
        HtmlClient Lead, HtmlClient Administrator, int PartnershipId, int RoundId, int PreviousRoundId, int ReturnId, int PreviousReturnId, int AgencyId)
    {
        public string Fill(string template) => template
            .Replace("{partnership}", S(PartnershipId), StringComparison.Ordinal)
            .Replace("{previousRound}", S(PreviousRoundId), StringComparison.Ordinal)
            .Replace("{round}", S(RoundId), StringComparison.Ordinal)
            .Replace("{previousReturn}", S(PreviousReturnId), StringComparison.Ordinal)
            .Replace("{return}", S(ReturnId), StringComparison.Ordinal)
            .Replace("{agency}", S(AgencyId), StringComparison.Ordinal);

        private static string S(int n) => n.ToString(CultureInfo.InvariantCulture);

        public static async Task<Scenario> CreateAsync(CountingFactory factory, int agencies, int rounds, int areas)
        {
            await using var db = factory.Database.CreateContext();
            var framework = await db.FrameworkVersions.AsSplitQuery()
                .Include(f => f.Standards.Where(s => s.RoundId == null)).ThenInclude(s => s.Items.Where(i => i.RoundId == null))
                .Include(f => f.Levels)
                .SingleAsync(f => f.FrameworkKey == "masa-2018");
            var names = Enumerable.Range(1, agencies).Select(i => $"Agency {i:00}").ToArray();
            var created = await PartnershipTestData.CreatePartnershipAsync(db, names);
            var entities = await db.Agencies.Where(a => created.AgencyIds.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync();
            var partnership = await db.Partnerships.SingleAsync(p => p.Id == created.PartnershipId);
            var roundList = new List<Round>();
            var returns = new List<Return>();
            for (var r = 0; r < rounds; r++)
            {
                var current = r == rounds - 1;
                var due = current ? new DateOnly(2030, 3, 31) : new DateOnly(2018 + (2 * r), 3, 31);
                var round = new Round
                {
                    Partnership = partnership, FrameworkVersion = framework, Title = $"Section 11 audit {due.Year}",
                    OpensOn = due.AddMonths(-3), DueOn = due, CreatedAt = DateTime.UtcNow, LaunchedAt = DateTime.UtcNow,
                };
                roundList.Add(round);
                foreach (var agency in entities)
                {
                    var ret = TestReturns.Start(round, agency, framework, DateTime.UtcNow);
                    if (!current)
                    {
                        Submit(ret, due, agency.Name);
                    }

                    returns.Add(ret);
                }
            }

            db.Returns.AddRange(returns);
            await db.SaveChangesAsync();

            // Action plans: the lead's agency has many areas, every other agency one; each area has actions with monitoring.
            var previous = roundList[^2];
            var standard = framework.Standards.OrderBy(s => s.Number).First();
            foreach (var agency in entities)
            {
                var count = agency == entities[0] ? areas : 1;
                for (var a = 1; a <= count; a++)
                {
                    db.ImprovementAreas.Add(new ImprovementArea
                    {
                        AgencyId = agency.Id, RoundId = previous.Id, StandardId = standard.Id, OverarchingStandard = $"Standard 1, {previous.Title}",
                        Outcome = $"Outcome {a}", Position = a, CreatedAt = DateTime.UtcNow, CreatedById = "query-count",
                        Actions = [.. Enumerable.Range(1, 3).Select(n => new PlanAction
                        {
                            Position = n, SpecificAction = $"Action {a}.{n}", Deadline = new DateOnly(2026, n, 1), LeadOrganisation = agency.Name,
                            AccountablePerson = "A Person", SuccessIndicators = "Done", UpdatedById = "query-count", Rag = (Rag)(n % 3),
                            ImpactAndEvidence = "Evidence", UpdatedAt = DateTime.UtcNow,
                            Monitoring = [new() { EntryDate = new DateOnly(2025, 1, n), Kind = MonitoringKind.Progress, Text = "On track", RecordedAt = DateTime.UtcNow, AuthorId = "query-count" }],
                        })],
                    });
                }
            }

            await db.SaveChangesAsync();

            var lead = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: entities[0].Id, name: "Lead Person");
            var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: created.PartnershipId, name: "Admin Person");
            var leadClient = factory.CreateHtmlClient();
            await leadClient.SignInAsync(lead.Email);
            var adminClient = factory.CreateHtmlClient();
            await adminClient.SignInAsync(admin.Email);
            var mine = returns.Where(r => r.AgencyId == entities[0].Id).ToList();
            return new Scenario(leadClient, adminClient, created.PartnershipId, roundList[^1].Id, previous.Id, mine[^1].Id, mine[^2].Id, entities[0].Id);
        }

        /// <summary>Every item rated, one in three below the threshold with an action; signed off.</summary>
        private static void Submit(Return ret, DateOnly due, string agencyName)
        {
            for (var i = 0; i < ret.Answers.Count; i++)
            {
                var answer = ret.Answers[i];
                var below = i % 3 == 0;
                answer.Rating = below ? "requires-improvement" : "good";
                answer.ActualEvidence = "Policy reviewed, training records kept.";
                answer.ActionRequired = below ? "Train everyone." : null;
                answer.Timescale = below ? due.AddMonths(6) : null;
            }

            foreach (var evaluation in ret.Evaluations)
            {
                evaluation.Rating = "good";
                evaluation.Statement = "In place.";
                evaluation.Version = 1;
            }

            ret.Status = ReturnStatus.Submitted;
            ret.SubmittedAt = due.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            ret.SignOff = new SignOff { SignatoryName = "Dr Sign", PostHeld = "Chief Executive", Organisation = agencyName, SignedOn = due, DeclarationAccepted = true };
        }
    }

    /// <summary>The application with every SQL command counted.</summary>
    public class CountingFactory : Section11Factory
    {
        public CommandCounter Counter { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<Section11DbContext>(o => o.AddInterceptors(Counter)));
        }
    }

    /// <summary>Records the commands sent between Start and Stop. Requests in these tests run one at a time.</summary>
    public sealed class CommandCounter : DbCommandInterceptor
    {
        private readonly List<string> _commands = [];
        private volatile bool _on;

        public void Start()
        {
            lock (_commands)
            {
                _commands.Clear();
            }

            _on = true;
        }

        public IReadOnlyList<string> Stop()
        {
            _on = false;
            lock (_commands)
            {
                return [.. _commands];
            }
        }

        private void Record(DbCommand command)
        {
            if (_on)
            {
                lock (_commands)
                {
                    _commands.Add(command.CommandText.ReplaceLineEndings(" ") is { Length: > 160 } t ? t[..160] + "…" : command.CommandText.ReplaceLineEndings(" "));
                }
            }
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }
    }
}
