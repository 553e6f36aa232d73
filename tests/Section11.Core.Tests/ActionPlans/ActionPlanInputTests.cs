using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.ActionPlans;

/// <summary>
/// What a forged from-return or action form can do (issue 11, items 2 and 9): the merge graph is checked in Core
/// before it is followed, and the RAG rating is read strictly, its Green rule refusing without leaving a change-log row.
/// </summary>
[Trait("Category", "Security")]
public sealed class ActionPlanInputTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private ActionPlanService Service(Section11.Core.Data.Section11DbContext db) => new(db, _catalog, _time);

    private async Task<(ReturnSummary Summary, string User, int A, int B, int C)> OfferedAsync()
    {
        var (summary, user) = await SubmittedReturns.SubmittedAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var offered = await Service(db).GetSuggestionsAsync(summary);
        Assert.Equal(["1.1", "1.2", "2.1"], offered.Select(s => s.ItemNumber));
        return (summary, user, offered[0].AnswerId, offered[1].AnswerId, offered[2].AnswerId);
    }

    private async Task<int> AreaCountAsync(int agencyId)
    {
        await using var db = database.CreateContext();
        return await db.ImprovementAreas.CountAsync(a => a.AgencyId == agencyId);
    }

    public enum Forgery
    {
        Cycle,
        SelfMerge,
        MergeWithLater,
        MergeAcrossStandards,
        MergeWithUnknownId,
        AnswerOfAnotherReturn,
        DuplicateAnswer,
        TenThousandIds,
    }

    [Theory]
    [InlineData(Forgery.Cycle, "Areas[0].MergeWith")]
    [InlineData(Forgery.SelfMerge, "Areas[0].MergeWith")]
    [InlineData(Forgery.MergeWithLater, "Areas[0].MergeWith")]
    [InlineData(Forgery.MergeAcrossStandards, "Areas[2].MergeWith")]
    [InlineData(Forgery.MergeWithUnknownId, "Areas[1].MergeWith")]
    [InlineData(Forgery.AnswerOfAnotherReturn, "")]
    [InlineData(Forgery.DuplicateAnswer, "")]
    [InlineData(Forgery.TenThousandIds, "")]
    public async Task A_merge_graph_the_page_never_offers_is_refused_before_it_is_followed(Forgery forgery, string key)
    {
        var (summary, user, a, b, c) = await OfferedAsync();
        int other;
        await using (var db = database.CreateContext())
        {
            var elsewhere = await TestData.CreateReturnAsync(db, "primary-care-2014");
            other = await db.Answers.Where(x => x.ReturnId == elsewhere.ReturnId).Select(x => x.Id).FirstAsync();
        }

        AreaChoice Choice(int id, int? merge = null) => new(id, true, merge, "Outcome");
        IReadOnlyList<AreaChoice> choices = forgery switch
        {
            Forgery.Cycle => [Choice(a, b), Choice(b, a), Choice(c)],
            Forgery.SelfMerge => [Choice(a, a), Choice(b), Choice(c)],
            Forgery.MergeWithLater => [Choice(a, b), Choice(b), Choice(c)],
            Forgery.MergeAcrossStandards => [Choice(a), Choice(b), Choice(c, a)],
            Forgery.MergeWithUnknownId => [Choice(a), Choice(b, other), Choice(c)],
            Forgery.AnswerOfAnotherReturn => [Choice(a), Choice(other)],
            Forgery.DuplicateAnswer => [Choice(a), Choice(a, a), Choice(b)],
            _ => [.. Enumerable.Range(0, 10_000).Select(i => Choice(i % 2 == 0 ? a : b, i % 2 == 0 ? b : a))],
        };

        await using var context = database.CreateContext();
        var (added, errors) = await Service(context).AddFromReturnAsync(summary, choices, user);

        var error = Assert.Single(errors);
        Assert.Equal(key, error.Key);
        Assert.True(error.Tampered);
        Assert.Equal(0, added);
        Assert.Equal(0, await AreaCountAsync(summary.AgencyId));
    }

    [Fact]
    public async Task A_draft_return_adds_nothing_whatever_is_posted()
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "masa-2018");
        var user = await TestData.CreateUserAsync(db, created.AgencyId);
        var summary = (await new ReturnService(db, _catalog, _time).GetSummaryAsync(created.ReturnId))!;
        var answer = await db.Answers.Where(x => x.ReturnId == created.ReturnId).Select(x => x.Id).FirstAsync();

        var (_, errors) = await Service(db).AddFromReturnAsync(summary, [new(answer, true, null, "Outcome")], user);

        Assert.Equal("Improvement areas can only be added from a submitted return.", Assert.Single(errors).Message);
        Assert.Equal(0, await AreaCountAsync(created.AgencyId));
    }

    [Fact]
    public async Task Merges_follow_the_pages_order_in_one_pass()
    {
        var (summary, user, a, b, c) = await OfferedAsync();
        await using var db = database.CreateContext();
        var service = Service(db);

        // An area's outcome is its first item's; an error on it is shown there.
        var (_, empty) = await service.AddFromReturnAsync(summary, [new(a, true, null, " "), new(b, true, a, "ignored"), new(c, true, null, "C")], user);
        Assert.Equal(("Areas[0].Outcome", "Enter the desired outcome for 1.1 and 1.2", false), (empty[0].Key, empty[0].Message, empty[0].Tampered));

        var (added, errors) = await service.AddFromReturnAsync(summary, [new(a, true, null, "A and B"), new(b, true, a, "ignored"), new(c, true, null, "C")], user);
        Assert.Empty(errors);
        Assert.Equal(2, added);
        var plan = await service.GetPlanAsync(summary.AgencyId);
        Assert.Equal([[a, b], [c]], plan.Select(p => p.SourceAnswerIds));

        // The same page sent again: the items are no longer waiting (a colleague's tab, not a forgery).
        var (_, again) = await service.AddFromReturnAsync(summary, [new(a, true, null, "A"), new(b, true, a, null), new(c, true, null, "C")], user);
        Assert.Equal(("The items chosen are no longer waiting to be added. Reload the page and try again.", false), (again[0].Message, again[0].Tampered));
    }

    [Fact]
    public async Task An_item_merged_with_one_left_out_starts_its_own_area()
    {
        var (summary, user, a, b, c) = await OfferedAsync();
        await using var db = database.CreateContext();
        var (added, errors) = await Service(db).AddFromReturnAsync(summary, [new(a, false, null, "A"), new(b, true, a, "B"), new(c, false, null, "C")], user);
        Assert.Empty(errors);
        Assert.Equal(1, added);
        Assert.Equal([b], Assert.Single(await Service(db).GetPlanAsync(summary.AgencyId)).SourceAnswerIds);
    }

    private static ActionInput Smart(string? rag = null, string? evidence = null, string action = "Brief all reception staff") =>
        new(action, new DateInput("31", "1", "2027"), "Riverside Medical Practice", "Dr Anna Green, safeguarding lead",
            "Every reception staff member signs the briefing record", new DateInput("28", "2", "2027"), evidence, rag, DateInput.Empty);

    private async Task<(int ActionId, string User)> ActionAsync()
    {
        var (summary, user, a, _, _) = await OfferedAsync();
        await using var db = database.CreateContext();
        var service = Service(db);
        Assert.Empty((await service.AddFromReturnAsync(summary, [new(a, true, null, "Outcome")], user)).Errors);
        var (id, errors) = await service.AddActionAsync((await service.GetPlanAsync(summary.AgencyId)).Single().Id, Smart(rag: "Amber"), user);
        Assert.Empty(errors);
        return (id!.Value, user);
    }

    private async Task<(Rag? Rag, string SpecificAction, int Version, List<string> LoggedFields)> StoredAsync(int actionId)
    {
        await using var db = database.CreateContext();
        var action = await db.PlanActions.SingleAsync(x => x.Id == actionId);
        var id = actionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var logged = await db.ChangeLog.Where(c => c.EntityType == "PlanAction" && c.EntityId == id && c.Field != "Created").Select(c => c.Field).ToListAsync();
        return (action.Rag, action.SpecificAction, action.Version, logged);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("-1")]
    [InlineData("2")]
    [InlineData("Red,Green")]
    [InlineData("Amber,Green")]
    [InlineData("green")]
    [InlineData(" Green")]
    public async Task A_RAG_rating_that_is_not_one_of_the_three_is_refused_and_nothing_is_saved_or_logged(string rag)
    {
        var (actionId, user) = await ActionAsync();
        await using var db = database.CreateContext();

        var errors = await Service(db).UpdateActionAsync(actionId, 0, Smart(rag, evidence: null, action: "Changed too"), user);

        var error = Assert.Single(errors);
        Assert.Equal(("Rag", "Select Red, Amber or Green for the RAG rating", true), (error.Key, error.Message, error.Tampered));
        var stored = await StoredAsync(actionId);
        Assert.Equal((Rag.Amber, "Brief all reception staff", 0), (stored.Rag, stored.SpecificAction, stored.Version));
        Assert.Empty(stored.LoggedFields);
    }

    [Fact]
    public async Task A_refused_Green_writes_no_change_log_row_and_saves_none_of_the_other_changes()
    {
        var (actionId, user) = await ActionAsync();
        await using (var db = database.CreateContext())
        {
            var refused = await Service(db).UpdateActionAsync(actionId, 0, Smart("Green", evidence: " ", action: "Changed too"), user);
            Assert.Equal(("Rag", "Record the impact and evidence before rating this action Green"), (refused.Single().Key, refused.Single().Message));
        }

        var stored = await StoredAsync(actionId);
        Assert.Equal((Rag.Amber, "Brief all reception staff", 0), (stored.Rag, stored.SpecificAction, stored.Version));
        Assert.Empty(stored.LoggedFields);

        await using (var db = database.CreateContext())
        {
            Assert.Empty(await Service(db).UpdateActionAsync(actionId, 0, Smart("Green", evidence: "Briefing record signed by all staff"), user));
        }

        stored = await StoredAsync(actionId);
        Assert.Equal((Rag.Green, 1), (stored.Rag, stored.Version));
        Assert.Equal(["ImpactAndEvidence", "Rag"], stored.LoggedFields.Order());

        // Clearing the evidence of a Green action is refused by the same rule.
        await using (var db = database.CreateContext())
        {
            Assert.Equal("Rag", Assert.Single(await Service(db).UpdateActionAsync(actionId, 1, Smart("Green", evidence: ""), user)).Key);
        }

        Assert.Equal(2, (await StoredAsync(actionId)).LoggedFields.Count);
    }

    [Fact]
    public async Task An_unchanged_save_writes_nothing()
    {
        var (actionId, user) = await ActionAsync();
        await using var db = database.CreateContext();
        Assert.Empty(await Service(db).UpdateActionAsync(actionId, 0, Smart("Amber"), user));
        var stored = await StoredAsync(actionId);
        Assert.Equal((0, 0), (stored.Version, stored.LoggedFields.Count));
    }
}
