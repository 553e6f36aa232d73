using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Accounts;
using Section11.Core.Auditing;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Tests.Accounts;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Organisations;

/// <summary>Setting up partnerships and rounds is recorded in the change log: who, when, what (issue 11, item 14).</summary>
[Trait("Category", "Security")]
public sealed class OrganisationChangeLogTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private async Task<List<ChangeLogEntry>> LogAsync(string entityType, object id)
    {
        await using var db = database.CreateContext();
        var key = Convert.ToString(id, CultureInfo.InvariantCulture);
        return await db.ChangeLog.AsNoTracking().Where(c => c.EntityType == entityType && c.EntityId == key).OrderBy(c => c.Id).ToListAsync();
    }

    private static (string Field, string? Old, string? New) Change(ChangeLogEntry c) => (c.Field, c.OldValue, c.NewValue);

    private async Task<(int PartnershipId, IReadOnlyList<int> Agencies, string User, int RoundId)> RoundAsync(string framework)
    {
        await using var db = database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "GP practice", "Hospital trust");
        var user = await TestData.CreateUserAsync(db, p.AgencyIds[0], name: "Pat Admin");
        var frameworkId = await db.FrameworkVersions.Where(f => f.FrameworkKey == framework).Select(f => f.Id).SingleAsync();
        var (roundId, errors) = await new RoundService(db, _catalog, _time).CreateAsync(p.PartnershipId,
            new RoundInput(" Section 11 audit 2027 ", frameworkId, new DateInput("1", "12", "2026"), new DateInput("31", "3", "2027")), user);
        Assert.Empty(errors);
        return (p.PartnershipId, p.AgencyIds, user, roundId!.Value);
    }

    [Fact]
    public async Task Creating_a_round_records_its_title_framework_and_dates_by_whoever_created_it()
    {
        var (_, _, user, roundId) = await RoundAsync("masa-2018");
        await using var db = database.CreateContext();
        var frameworkId = await db.Rounds.Where(r => r.Id == roundId).Select(r => r.FrameworkVersionId).SingleAsync();

        var log = await LogAsync("Round", roundId);
        Assert.Equal(
            [("Title", null, "Section 11 audit 2027"), ("FrameworkVersionId", null, frameworkId.ToString(CultureInfo.InvariantCulture)),
                ("OpensOn", null, "2026-12-01"), ("DueOn", null, "2027-03-31")],
            log.Select(Change));
        Assert.All(log, c => Assert.Equal((user, Now.UtcDateTime), (c.UserId, c.At)));
    }

    [Fact]
    public async Task Adding_a_local_item_records_its_number_text_and_evidence()
    {
        var (_, _, user, roundId) = await RoundAsync("primary-care-2014");
        await using (var db = database.CreateContext())
        {
            _time.Now = Now.AddMinutes(5);
            Assert.Empty(await new RoundService(db, _catalog, _time).AddLocalItemAsync(roundId,
                new LocalItemInput("The practice attends the quarterly MASH briefing.", "Attendance register\nBriefing notes"), user));
        }

        await using var check = database.CreateContext();
        var item = await check.Items.SingleAsync(i => i.RoundId == roundId);
        var log = await LogAsync("Item", item.Id);
        Assert.Equal(
            [("Number", null, item.Number), ("Text", null, "The practice attends the quarterly MASH briefing."), ("Evidence", null, "Attendance register\nBriefing notes")],
            log.Select(Change));
        Assert.All(log, c => Assert.Equal((user, Now.AddMinutes(5).UtcDateTime), (c.UserId, c.At)));
    }

    [Fact]
    public async Task Launching_records_the_launch_and_the_start_of_each_return_in_its_history()
    {
        var (_, agencies, user, roundId) = await RoundAsync("masa-2018");
        await using (var db = database.CreateContext())
        {
            _time.Now = Now.AddHours(1);
            Assert.Empty(await new RoundService(db, _catalog, _time).LaunchAsync(roundId, [.. agencies], user));
        }

        var launched = Assert.Single(await LogAsync("Round", roundId), c => c.Field == "LaunchedAt");
        Assert.Equal((user, Now.AddHours(1).UtcDateTime, (string?)null), (launched.UserId, launched.At, launched.OldValue));
        Assert.Equal(Now.AddHours(1).UtcDateTime, DateTime.Parse(launched.NewValue!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));

        await using var check = database.CreateContext();
        foreach (var returnId in await check.Returns.Where(r => r.Receipts.Any(x => x.RoundId == roundId)).Select(r => r.Id).ToListAsync())
        {
            var started = Assert.Single(await LogAsync("Return", returnId));
            Assert.Equal((returnId, "Status", null, nameof(ReturnStatus.Draft), user), (started.ReturnId, started.Field, started.OldValue, started.NewValue, started.UserId));
        }

        Assert.Equal(agencies.Count, await check.Returns.CountAsync(r => r.Receipts.Any(x => x.RoundId == roundId)));
    }

    [Fact]
    public async Task Creating_a_partnership_records_its_name_by_the_platform_administrator()
    {
        await using var accounts = new AccountServices(database, _time);
        await using var db = database.CreateContext();
        var admin = await TestData.CreateUserAsync(db, (await PartnershipTestData.CreatePartnershipAsync(db, "Any")).AgencyIds[0], name: "Pia Platform");
        var name = $"Eastshire Partnership {Guid.NewGuid():N}"[..30];

        var (id, errors) = await new PartnershipService(db,
            new PeopleService(db, accounts.Get<InvitationService>(), accounts.Get<Section11.Core.Email.EmailSender>(), _time, accounts.Get<Microsoft.Extensions.Options.IOptions<AccountOptions>>()),
            new MembershipService(db, accounts.Get<Section11.Core.Email.EmailSender>(), _time, accounts.Get<Microsoft.Extensions.Options.IOptions<AccountOptions>>()),
            _time).CreateAsync($"  {name} ", admin);

        Assert.Empty(errors);
        var entry = Assert.Single(await LogAsync("Partnership", id!.Value));
        Assert.Equal(("Name", null, name, admin, Now.UtcDateTime), (entry.Field, entry.OldValue, entry.NewValue, entry.UserId, entry.At));
    }
}
