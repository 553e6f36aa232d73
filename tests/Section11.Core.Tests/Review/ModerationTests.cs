using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Review;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Review;

/// <summary>Moderated ratings beside the self ratings: the framework's moderation section, the reason rule, and what is saved.</summary>
[Trait("Category", "Review")]
public sealed class ModerationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private static FrameworkDefinition Load(string folder, string name) =>
        FrameworkLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "Frameworks", folder, name + ".yaml")).Definition!;

    [Fact]
    public void A_framework_without_a_moderation_section_moderates_on_its_own_scale_and_asks_for_a_reason()
    {
        var seed = FrameworkLoader.LoadFile(Path.Combine(RepoPaths.Frameworks, "primary-care-2014.yaml")).Definition!;

        Assert.Null(seed.Moderation);
        Assert.Equal(seed.Scale.Levels.Select(l => l.Key), ModerationRules.Scale(seed).Select(l => l.Key));
        Assert.Equal("Enter why the moderated rating of 1.1 differs from the agency's", ModerationRules.Check(seed, "fully-met", "not-met", null, "1.1"));
        Assert.Null(ModerationRules.Check(seed, "fully-met", "fully-met", null, "1.1"));
        Assert.Equal("Select a moderated rating for 1.1 from the scale", ModerationRules.Check(seed, "fully-met", "3", "Because", "1.1"));
    }

    [Fact]
    public void The_0_to_3_moderation_scale_is_compared_with_the_self_rating_by_value()
    {
        var framework = Load("Valid", "moderated-0-3");

        Assert.Equal(["0", "1", "2", "3"], ModerationRules.Scale(framework).Select(l => l.Key));
        Assert.True(framework.ModerationOrDefault.ReasonRequiredWhenDifferent);
        // Met is worth 2: a moderated 2 agrees, a 3 or a 1 differs and needs its reason.
        Assert.Null(ModerationRules.Check(framework, "met", "2", null, "1.1"));
        Assert.Equal("Enter why the moderated rating of 1.1 differs from the agency's", ModerationRules.Check(framework, "met", "3", " ", "1.1"));
        Assert.Null(ModerationRules.Check(framework, "met", "1", "The policy is out of date", "1.1"));
        Assert.NotNull(ModerationRules.Check(framework, null, "0", null, "1.1"));
    }

    [Fact]
    public void Which_way_a_moderated_grade_moved_is_by_value_then_by_position_on_the_framework_scale_and_unknown_otherwise()
    {
        var scored = Load("Valid", "moderated-0-3");
        ScaleLevelDefinition Self(FrameworkDefinition f, string key) => f.Scale.Levels.Single(l => l.Key == key);
        ScaleLevelDefinition Moderated(FrameworkDefinition f, string key) => ModerationRules.Scale(f).Single(l => l.Key == key);

        // By value: Met is worth 2 on the self scale.
        Assert.Equal([-1, 0, 1], new[] { "1", "2", "3" }.Select(k => ModerationRules.Compare(scored, Self(scored, "met"), Moderated(scored, k))));
        Assert.Null(ModerationRules.Compare(scored, null, Moderated(scored, "2")));

        // No values, moderated on the framework's own scale: by its order, lowest first.
        var seed = FrameworkLoader.LoadFile(Path.Combine(RepoPaths.Frameworks, "primary-care-2014.yaml")).Definition!;
        var unvalued = seed with { Scale = new ScaleDefinition([.. seed.Scale.Levels.Select(l => l with { Value = null })]) };
        Assert.Equal(-1, ModerationRules.Compare(unvalued, Self(unvalued, "fully-met"), Moderated(unvalued, "partially-met")));
        Assert.Equal(1, ModerationRules.Compare(unvalued, Self(unvalued, "not-met"), Moderated(unvalued, "fully-met")));

        // A moderation scale of its own without values: the same key agrees, another cannot say which way.
        var own = unvalued with { Moderation = new ModerationDefinition(new ScaleDefinition([.. ModerationRules.Scale(scored).Select(l => l with { Value = null })]), true) };
        Assert.Null(ModerationRules.Compare(own, Self(own, "fully-met"), Moderated(own, "2")));
    }

    [Fact]
    public void A_framework_that_says_no_reason_is_needed_takes_a_different_grade_without_one()
    {
        var framework = Load("Valid", "moderated-0-3") with { Moderation = new ModerationDefinition(null, false) };

        Assert.Null(ModerationRules.Check(framework, "met", "not-met", null, "1.1"));
    }

    [Fact]
    public void Adding_the_moderation_section_leaves_the_seed_frameworks_hash_unchanged()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Frameworks, "*.yaml"))
        {
            var definition = FrameworkLoader.LoadFile(file).Definition!;
            Assert.DoesNotContain("Moderation", FrameworkLoader.ToJson(definition), StringComparison.Ordinal);
            Assert.Null(FrameworkLoader.FromJson(FrameworkLoader.ToJson(definition)).Moderation);
        }
    }

    [Fact]
    public async Task The_reviewer_moderates_a_standard_on_the_0_to_3_scale_beside_the_agencys_answers_which_do_not_change()
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var reviews = new ReviewService(db, _catalog, _time);
        var moderation = new ModerationService(db, _catalog, reviews, _time);
        var page = (await moderation.GetStandardAsync(r.ReceiptId, 1))!;
        Assert.Equal(["0", "1", "2", "3"], page.Scale.Select(l => l.Label));
        Assert.Equal([("1.1", "Met", "Evidence 1.1"), ("1.2", "Met", "Evidence 1.2")], page.Items.Select(i => (i.Number, i.SelfLabel!, i.Evidence!)));

        // Not yet started: nothing can be moderated.
        var closed = await moderation.SaveStandardAsync(r.ReceiptId, 1, [new(page.Items[0].ItemId, "2", null)], admin);
        Assert.Equal(["Start the review (or reopen it) to moderate ratings."], closed.Select(e => e.Message));
        Assert.Empty(await reviews.ActAsync(r.ReceiptId, ReviewAction.Start, admin));

        var refused = await moderation.SaveStandardAsync(r.ReceiptId, 1,
            [new(page.Items[0].ItemId, "2", null), new(page.Items[1].ItemId, "1", ""), new(null, "3", null)], admin);
        Assert.Equal(
            [("Items[1].Reason", "Enter why the moderated rating of 1.2 differs from the agency's"),
             ("Evaluation.Reason", "Enter why the moderated rating of the evaluation of standard 1 differs from the agency's")],
            refused.Select(e => (e.Key, e.Message)));
        Assert.False(await db.ModeratedRatings.AnyAsync(m => m.ReceiptId == r.ReceiptId));

        Assert.Empty(await moderation.SaveStandardAsync(r.ReceiptId, 1,
            [new(page.Items[0].ItemId, "2", null), new(page.Items[1].ItemId, "1", "The business plan is from 2019"), new(null, "3", "Embedded across the trust")], admin));

        await using var check = database.CreateContext();
        var saved = (await new ModerationService(check, _catalog, new ReviewService(check, _catalog, _time), _time).GetStandardAsync(r.ReceiptId, 1))!;
        Assert.Equal([("2", (string?)null), ("1", "The business plan is from 2019")], saved.Items.Select(i => (i.Rating!, i.Reason)));
        Assert.Equal(("3", "Embedded across the trust"), (saved.Evaluation.Rating!, saved.Evaluation.Reason!));
        // The agency's answers are as submitted.
        Assert.All(await check.Answers.Where(a => a.ReturnId == r.Summary.Id).ToListAsync(), a => Assert.Equal("met", a.Rating));
        // Three ratings and two reasons.
        Assert.Equal(5, await check.ChangeLog.CountAsync(c => c.EntityType == "ModeratedRating" && c.UserId == admin));

        // Clearing one removes it, and says so.
        Assert.Empty(await moderation.SaveStandardAsync(r.ReceiptId, 1,
            [new(page.Items[0].ItemId, "", null), new(page.Items[1].ItemId, "1", "The business plan is from 2019"), new(null, "3", "Embedded across the trust")], admin));
        Assert.Equal(2, await check.ModeratedRatings.CountAsync(m => m.ReceiptId == r.ReceiptId));
        Assert.Equal(1, await check.ChangeLog.CountAsync(c => c.EntityType == "ModeratedRating" && c.NewValue == null && c.OldValue == "2"));
    }

    [Fact]
    public async Task A_moderated_rating_belongs_to_its_receipt_another_partnerships_receipt_of_the_same_kind_has_none()
    {
        var one = await ReviewTestData.ModeratedScaleReceiptAsync(database, _catalog, _time);
        var two = await ReviewTestData.ModeratedScaleReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, one.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var reviews = new ReviewService(db, _catalog, _time);
        var moderation = new ModerationService(db, _catalog, reviews, _time);
        Assert.Empty(await reviews.ActAsync(one.ReceiptId, ReviewAction.Start, admin));
        var item = (await moderation.GetStandardAsync(one.ReceiptId, 2))!.Items[0].ItemId;
        Assert.Empty(await moderation.SaveStandardAsync(one.ReceiptId, 2, [new(item, "0", "No policy seen")], admin));

        Assert.Null((await moderation.GetStandardAsync(two.ReceiptId, 2))!.Items[0].Rating);
        Assert.Equal([(2, 1, false)], (await reviews.GetPageAsync(one.ReceiptId))!.Standards.Where(s => s.Moderated > 0).Select(s => (s.Number, s.Moderated, s.EvaluationModerated)));
    }
}
