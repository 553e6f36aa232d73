using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Bench.Data;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Generation;

/// <summary>The national generator, scaled down to three partnerships. It writes by PostgreSQL COPY, so it runs on PostgreSQL only.</summary>
public sealed class NationalDataGeneratorTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Generates_returns_the_application_reads_back_whole()
    {
        if (TestDatabase.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var options = new NationalOptions().ScaledTo(3);
        await using (var db = _database.CreateContext())
        {
            var report = await new NationalDataGenerator(db, new PasswordHasher<ApplicationUser>(), TextWriter.Null).GenerateAsync(options);
            Assert.Contains(report.Tables, t => t.Table == "Answers" && t.Rows > 1000);
        }

        await using var check = _database.CreateContext();
        Assert.Equal(3, await check.Partnerships.CountAsync());
        Assert.Equal(18, await check.Rounds.CountAsync()); // three cycles, two frameworks
        // Every return has an answer per item of its framework and an evaluation per standard, as Return.Start makes them.
        var answers = await check.Answers.GroupBy(a => a.ReturnId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        var evaluations = await check.StandardEvaluations.GroupBy(e => e.ReturnId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        var items = await check.Items.Where(i => i.RoundId == null).GroupBy(i => i.Standard.FrameworkVersionId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        var standards = await check.Standards.GroupBy(s => s.FrameworkVersionId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        var returns = await check.Returns.AsNoTracking().ToListAsync();
        Assert.All(returns, r => Assert.Equal((items[r.FrameworkVersionId], standards[r.FrameworkVersionId]), (answers[r.Id], evaluations[r.Id])));
        Assert.All(returns.Where(r => r.Status == ReturnStatus.Submitted), r => Assert.True(r.SignOff is { DeclarationAccepted: true }));
        Assert.Contains(returns, r => r.Status == ReturnStatus.Draft);

        // The bench lead signs in with the known password and the demo authenticator key.
        var email = NationalOptions.BenchLeadEmail(1).ToUpperInvariant();
        var lead = await check.Users.SingleAsync(u => u.NormalizedEmail == email);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<ApplicationUser>().VerifyHashedPassword(lead, lead.PasswordHash!, NationalOptions.BenchPassword));
        Assert.True(lead.TwoFactorEnabled);
        var leadReturn = await check.RoleAssignments.Where(r => r.UserId == lead.Id)
            .Join(check.Receipts, r => r.AgencyId, x => x.AgencyId, (_, x) => x.Return!).OrderByDescending(r => r.Id).FirstAsync();
        Assert.True(leadReturn.IsEditable);

        // New rows after the generated ones get fresh ids.
        var agency = new Section11.Core.Organisations.Agency { Name = "Added afterwards" };
        check.Agencies.Add(agency);
        await check.SaveChangesAsync();
        Assert.True(agency.Id > await check.Agencies.Where(a => a.Id != agency.Id).MaxAsync(a => a.Id));
        Assert.True(await check.ImprovementAreas.AnyAsync() && await check.MonitoringEntries.AnyAsync() && await check.ChangeLog.AnyAsync());
    }
}
