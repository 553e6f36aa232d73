using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Reporting;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Returns;

/// <summary>
/// Complete once, share: one agency in two partnerships sends one return to both rounds on the same framework; each
/// partnership sees its own due date, request for changes and local section, and the same answers.
/// </summary>
[Trait("Category", "Share")]
public sealed class SharingTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private sealed record Shared(int ReturnId, int AgencyId, int RoundA, int RoundB, int ReceiptB, string Lead, string Admin);

    /// <summary>Partnership A launched with a return; partnership B, with a local item, launches after and asks for it.</summary>
    private async Task<Shared> TwoPartnershipsAsync()
    {
        await using var db = database.CreateContext();
        var a = await TestData.CreateReturnAsync(db, "masa-2018", dueOn: new DateOnly(2027, 3, 31));
        var lead = await TestData.CreateUserAsync(db, a.AgencyId, Role.AgencyLead, "Lee Lead");
        await GrantAsync(db, lead, Role.SeniorSignatory, a.AgencyId);
        var roundA = await db.Receipts.Where(x => x.ReturnId == a.ReturnId).Select(x => x.RoundId).SingleAsync();

        var b = new Partnership { Name = $"Partnership B {Guid.NewGuid():N}", Memberships = [new PartnershipMembership { AgencyId = a.AgencyId }] };
        db.Partnerships.Add(b);
        await db.SaveChangesAsync();
        var admin = await TestData.CreateUserAsync(db, a.AgencyId, Role.AgencyContributor, "Ada Admin");
        var rounds = new RoundService(db, _catalog, _time);
        var (roundB, errors) = await rounds.CreateAsync(b.Id, new RoundInput("B's audit 2027", a.FrameworkVersionId, new DateInput("1", "12", "2026"), new DateInput("30", "4", "2027")), admin);
        Assert.Empty(errors);
        Assert.Empty(await rounds.AddLocalItemAsync(roundB!.Value, new LocalItemInput("Staff attend B's exploitation briefings.", null), admin));
        Assert.Empty(await rounds.LaunchAsync(roundB.Value, [a.AgencyId], admin));
        var receiptB = await db.Receipts.Where(x => x.RoundId == roundB).Select(x => new { x.Id, x.ReturnId }).SingleAsync();
        Assert.Null(receiptB.ReturnId); // asked, not given: the agency chooses
        return new(a.ReturnId, a.AgencyId, roundA, roundB.Value, receiptB.Id, lead, admin);
    }

    private static async Task GrantAsync(Section11DbContext db, string userId, Role role, int agencyId)
    {
        db.RoleAssignments.Add(new RoleAssignment { UserId = userId, Role = role, AgencyId = agencyId });
        await db.SaveChangesAsync();
    }

    /// <summary>Every standard of the return answered at the scale's best level.</summary>
    private async Task CompleteAsync(int returnId, string user, string evidence = "Policy and training records")
    {
        await using var db = database.CreateContext();
        var returns = new ReturnService(db, _catalog, _time);
        var summary = (await returns.GetSummaryAsync(returnId))!;
        var framework = await returns.GetFrameworkAsync(summary);
        var best = framework.Levels.Where(l => l.Meets).OrderBy(l => l.Position).Last().Key;
        foreach (var standard in framework.Standards)
        {
            var view = (await returns.GetStandardAsync(summary, standard.Number, standard.RoundId))!;
            var input = new StandardInput(view.Evaluation.Version,
                [.. standard.Items.Select(i => new AnswerValues(i.Id, best, $"{evidence} for {i.Number}", null, DateInput.Empty))],
                new EvaluationValues(best, "Evaluated with the board"));
            var result = await returns.SaveStandardAsync(summary, standard.Number, input, complete: true, user, standard.RoundId);
            Assert.Equal(SaveOutcome.Saved, result.Outcome);
        }
    }

    private async Task SubmitAsync(int returnId, string user)
    {
        await using var db = database.CreateContext();
        Assert.Empty(await new ReturnService(db, _catalog, _time).SubmitAsync(returnId, new SignOffInput("Dr Sign", "Director", "Trust", new DateInput("1", "12", "2026"), true), user));
    }

    private async Task<RoundReturn> TrackedAsync(int roundId)
    {
        await using var db = database.CreateContext();
        return Assert.Single(await new RoundDataService(db, _catalog, _time).GetReturnsAsync(roundId));
    }

    [Fact]
    public async Task One_return_completed_once_reaches_both_partnerships_and_a_revision_reaches_both()
    {
        var s = await TwoPartnershipsAsync();
        await using (var db = database.CreateContext())
        {
            var sharing = new SharingService(db, _catalog, _time);
            var request = Assert.Single(await sharing.GetRequestsAsync(s.Lead));
            Assert.Equal(s.ReturnId, Assert.Single(request.Returns).ReturnId);
            Assert.Empty(await sharing.ChooseAsync(s.AgencyId, s.ReceiptB, s.ReturnId, s.Lead));
            Assert.Empty(await sharing.GetRequestsAsync(s.Lead));
        }

        // B now tracks the shared return, which the agency has been working on.
        Assert.Equal((TrackerStatus.InProgress, s.ReturnId), ((await TrackedAsync(s.RoundB)).TrackerStatus, (await TrackedAsync(s.RoundB)).ReturnId));
        await CompleteAsync(s.ReturnId, s.Lead);
        await SubmitAsync(s.ReturnId, s.Lead);

        // Signed once, received by both, each with its own date.
        var a = await TrackedAsync(s.RoundA);
        var b = await TrackedAsync(s.RoundB);
        Assert.Equal((TrackerStatus.Submitted, new DateOnly(2027, 3, 31)), (a.TrackerStatus, a.DueOn));
        Assert.Equal((TrackerStatus.Submitted, new DateOnly(2027, 4, 30)), (b.TrackerStatus, b.DueOn));

        // B's local section is in B's round only.
        await using (var db = database.CreateContext())
        {
            var data = new RoundDataService(db, _catalog, _time);
            var roundA = (await data.LoadAsync(s.RoundA, withText: true))!;
            var roundB = (await data.LoadAsync(s.RoundB, withText: true))!;
            Assert.Equal(7, roundA.Framework.Standards.Count);
            Assert.Equal(8, roundB.Framework.Standards.Count);
            var local = roundB.Framework.Standards.Single(x => x.RoundId == s.RoundB);
            Assert.Equal("Staff attend B's exploitation briefings.", Assert.Single(local.Items).Text);
            Assert.Null(roundA.Answer(s.ReturnId, local.Items[0].Id));
            Assert.NotNull(roundB.Answer(s.ReturnId, local.Items[0].Id));
            Assert.Equal(1, (await new RoundService(db, _catalog, _time).GetRoundAsync(
                await db.Rounds.Where(r => r.Id == s.RoundA).Select(r => r.PartnershipId).SingleAsync(), s.RoundA))!.Submitted);
        }

        // B asks for changes: B sees its request; A sees the return being revised, not B's reason.
        await using (var db = database.CreateContext())
        {
            Assert.Empty(await new RoundService(db, _catalog, _time).ReturnForChangesAsync(s.RoundB, s.ReturnId, "Add the audit dates to 1.1.", s.Admin));
        }

        Assert.Equal(TrackerStatus.BeingRevised, (await TrackedAsync(s.RoundA)).TrackerStatus);
        Assert.Equal(TrackerStatus.ReturnedForChanges, (await TrackedAsync(s.RoundB)).TrackerStatus);
        await using (var db = database.CreateContext())
        {
            var summary = (await new ReturnService(db, _catalog, _time).GetSummaryAsync(s.ReturnId))!;
            var partnershipA = summary.ReceiptFor(s.RoundA)!.PartnershipId;
            var seenByA = summary.SeenBy([partnershipA]);
            Assert.Null(Assert.Single(seenByA.Receipts).ReturnedReason);
            Assert.Equal("Add the audit dates to 1.1.", summary.ReceiptFor(s.RoundB)!.ReturnedReason);
        }

        // The agency changes one answer and signs again: both receive the revision, marked as such.
        await CompleteAsync(s.ReturnId, s.Lead, evidence: "Audit of March 2026");
        await SubmitAsync(s.ReturnId, s.Lead);
        a = await TrackedAsync(s.RoundA);
        b = await TrackedAsync(s.RoundB);
        Assert.Equal((TrackerStatus.Submitted, true), (a.TrackerStatus, a.IsRevised));
        Assert.Equal((TrackerStatus.Submitted, true), (b.TrackerStatus, b.IsRevised));
        await using (var db = database.CreateContext())
        {
            var data = (await new RoundDataService(db, _catalog, _time).LoadAsync(s.RoundA, withText: true))!;
            var item = data.Framework.Standards[0].Items[0];
            Assert.Equal($"Audit of March 2026 for {item.Number}", data.Answer(s.ReturnId, item.Id)!.ActualEvidence);
            Assert.True(await db.ChangeLog.AnyAsync(c => c.ReturnId == s.ReturnId && c.Field == "ActualEvidence" && c.NewValue == $"Audit of March 2026 for {item.Number}"));
            Assert.Null((await db.Receipts.SingleAsync(x => x.RoundId == s.RoundB)).ReturnedReason); // answered by the resubmission

            // The history: the agency sees every change; partnership A sees neither B's request nor B's local section.
            var returns = new ReturnService(db, _catalog, _time);
            var summary = (await returns.GetSummaryAsync(s.ReturnId))!;
            var full = await returns.GetHistoryAsync(summary);
            var seenByA = await returns.GetHistoryAsync(summary.SeenBy([summary.ReceiptFor(s.RoundA)!.PartnershipId]));
            Assert.Contains(full, h => h.Field == "ReturnedReason" && h.NewValue == "Add the audit dates to 1.1.");
            Assert.Contains(full, h => h.What == "Item 8.1");
            Assert.DoesNotContain(seenByA, h => h.Field == "ReturnedReason" || h.What == "Item 8.1" || h.What == "Evaluation of standard 8");
            Assert.Contains(seenByA, h => h.What == $"Item {item.Number}" && h.NewValue == $"Audit of March 2026 for {item.Number}");
        }
    }

    [Fact]
    public async Task Sharing_a_submitted_return_with_a_round_that_has_a_local_section_reopens_it_for_that_section()
    {
        var s = await TwoPartnershipsAsync();
        await CompleteAsync(s.ReturnId, s.Lead);
        await SubmitAsync(s.ReturnId, s.Lead);
        await using var db = database.CreateContext();
        Assert.Empty(await new SharingService(db, _catalog, _time).ChooseAsync(s.AgencyId, s.ReceiptB, s.ReturnId, s.Lead));
        var entity = await db.Returns.AsNoTracking().Include(r => r.Answers).SingleAsync(r => r.Id == s.ReturnId);
        Assert.Equal(ReturnStatus.ReturnedForChanges, entity.Status);
        Assert.Single(entity.Answers, x => x.IsBlank);
        Assert.Equal(TrackerStatus.BeingRevised, (await TrackedAsync(s.RoundA)).TrackerStatus);
    }

    [Fact]
    public async Task A_separate_return_can_be_chosen_and_only_the_agency_chooses_once()
    {
        var s = await TwoPartnershipsAsync();
        await using var db = database.CreateContext();
        var sharing = new SharingService(db, _catalog, _time);
        var other = await PartnershipTestData.CreatePartnershipAsync(db, "Someone else");
        Assert.Null(await sharing.GetRequestAsync(other.AgencyIds[0], s.ReceiptB));
        Assert.NotEmpty(await sharing.ChooseAsync(other.AgencyIds[0], s.ReceiptB, s.ReturnId, s.Lead));

        Assert.Empty(await sharing.ChooseAsync(s.AgencyId, s.ReceiptB, null, s.Lead));
        var separate = await sharing.ReturnOfAsync(s.ReceiptB);
        Assert.NotEqual(s.ReturnId, separate);
        Assert.Equal("This request has already been answered.", Assert.Single(await sharing.ChooseAsync(s.AgencyId, s.ReceiptB, s.ReturnId, s.Lead)).Message);
        Assert.Single(await db.Receipts.Where(x => x.ReturnId == s.ReturnId).ToListAsync());
        Assert.True(await db.ChangeLog.AnyAsync(c => c.EntityType == "Receipt" && c.Field == "ReturnId" && c.NewValue == separate.ToString()));
    }

    [Fact]
    public void The_lifecycle_table_answers_for_every_status_and_action()
    {
        Assert.Equal([ReturnStatus.Draft, ReturnStatus.ReturnedForChanges], ReturnLifecycle.StatusesFor(ReturnAction.Edit));
        Assert.Equal([ReturnStatus.AwaitingSignOff], ReturnLifecycle.StatusesFor(ReturnAction.Withdraw));
        Assert.Equal([ReturnStatus.Submitted], ReturnLifecycle.StatusesFor(ReturnAction.ReturnForChanges));
        Assert.True(ReturnLifecycle.Allows(ReturnStatus.Draft, ReturnAction.Edit, [Role.AgencyContributor]));
        Assert.False(ReturnLifecycle.Allows(ReturnStatus.Draft, ReturnAction.Edit, [Role.PartnershipAdministrator]));
        Assert.False(ReturnLifecycle.Allows(ReturnStatus.Submitted, ReturnAction.SignOff, [Role.SeniorSignatory]));
        Assert.True(ReturnLifecycle.Allows(ReturnStatus.Submitted, ReturnAction.ReturnForChanges, [Role.PartnershipAdministrator]));
        Assert.False(ReturnLifecycle.Allows(ReturnStatus.Submitted, ReturnAction.ReturnForChanges, [Role.PartnershipReviewer]));
        Assert.Equal(ReturnStatus.Submitted, ReturnLifecycle.CountingStatus);
        Assert.True(ReturnStatus.AwaitingSignOff.WaitsForSignOff());
        Assert.False(ReturnStatus.Draft.WaitsForSignOff());
    }
}
