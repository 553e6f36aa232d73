using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Review;

/// <summary>
/// Each consistency prompt, fired and not fired, on the primary-care framework as loaded (not met, partially met,
/// fully met; only fully met meets the standard). The answers are built in memory: the rules are a pure function.
/// </summary>
[Trait("Category", "Review")]
public sealed class ConsistencyPromptsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly FrameworkCatalog _catalog = new();

    private async Task<FrameworkVersion> FrameworkAsync()
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "primary-care-2014");
        return await _catalog.GetAsync(db, created.FrameworkVersionId);
    }

    /// <summary>
    /// A varied return nothing should be asked about: each standard's items alternate partially met and fully met
    /// (the first item fully met, so evaluations of fully met are never above most items), all evidenced.
    /// </summary>
    private static (Dictionary<int, Answer> Answers, Dictionary<int, StandardEvaluation> Evaluations) Clean(FrameworkVersion framework)
    {
        var answers = framework.Standards.SelectMany(s => s.Items.Select((i, n) => new Answer
        {
            ItemId = i.Id, Rating = n % 2 == 0 ? "fully-met" : "partially-met", ActualEvidence = $"Evidence for {i.Number}",
        })).ToDictionary(a => a.ItemId);
        var evaluations = framework.Standards.ToDictionary(s => s.Id, s => new StandardEvaluation { StandardId = s.Id, Rating = "partially-met" });
        return (answers, evaluations);
    }

    private static IReadOnlyList<ConsistencyPrompt> Prompts(
        FrameworkVersion framework, Dictionary<int, Answer> answers, Dictionary<int, StandardEvaluation> evaluations,
        IReadOnlyList<PreviousAnswer>? previous = null, IReadOnlyList<PlanActionFact>? actions = null) =>
        ConsistencyPrompts.For(new PromptInput(framework, answers, evaluations, previous ?? [], actions ?? []));

    private static Item FirstItem(FrameworkVersion framework) => framework.Standards[0].Items.OrderBy(i => i.SortKey).First();

    [Fact]
    public async Task A_varied_evidenced_return_has_no_prompts()
    {
        var framework = await FrameworkAsync();
        var (answers, evaluations) = Clean(framework);
        Assert.Empty(Prompts(framework, answers, evaluations));
    }

    [Fact]
    public async Task An_item_meeting_the_standard_without_evidence_is_prompted_but_one_below_it_is_not()
    {
        var framework = await FrameworkAsync();
        var (answers, evaluations) = Clean(framework);
        var item = FirstItem(framework);
        answers[item.Id].ActualEvidence = "  ";

        var prompt = Assert.Single(Prompts(framework, answers, evaluations));
        Assert.Equal((PromptKind.NoEvidence, 1, item.Number), (prompt.Kind, prompt.StandardNumber, prompt.ItemNumber));
        Assert.Equal($"{item.Number} is rated Fully met but has no actual evidence.", prompt.Message);

        answers[item.Id].Rating = "partially-met";
        Assert.DoesNotContain(Prompts(framework, answers, evaluations), p => p.Kind == PromptKind.NoEvidence);
    }

    [Fact]
    public async Task A_standard_evaluated_above_most_of_its_items_is_prompted_but_not_above_half()
    {
        var framework = await FrameworkAsync();
        var (answers, evaluations) = Clean(framework);
        var standard = framework.Standards.First(s => s.Items.Count >= 2);
        evaluations[standard.Id].Rating = "fully-met";
        foreach (var item in standard.Items)
        {
            answers[item.Id].Rating = "partially-met";
        }

        var prompt = Assert.Single(Prompts(framework, answers, evaluations), p => p.Kind == PromptKind.EvaluationAboveItems);
        Assert.Equal((standard.Number, (string?)null), (prompt.StandardNumber, prompt.ItemNumber));

        // Exactly half below is not "most".
        var items = standard.Items.OrderBy(i => i.SortKey).ToList();
        for (var n = 0; n < items.Count; n++)
        {
            answers[items[n].Id].Rating = n < items.Count / 2 ? "partially-met" : "fully-met";
        }

        Assert.DoesNotContain(Prompts(framework, answers, evaluations), p => p.Kind == PromptKind.EvaluationAboveItems);
    }

    [Fact]
    public async Task The_same_rating_on_every_item_of_the_return_is_prompted_once_but_not_for_fewer_than_three_items()
    {
        var framework = await FrameworkAsync();
        var (answers, evaluations) = Clean(framework);
        foreach (var answer in answers.Values)
        {
            answer.Rating = "partially-met";
        }

        var prompt = Assert.Single(Prompts(framework, answers, evaluations), p => p.Kind == PromptKind.SameRatingEverywhere);
        Assert.Equal("Every item is rated Partially met.", prompt.Message);
        Assert.Equal((framework.Standards[0].Number, FirstItem(framework).Number), (prompt.StandardNumber, prompt.ItemNumber));

        // Two rated items only (the rest not yet rated): too few to say anything.
        foreach (var answer in answers.Values.Skip(2))
        {
            answer.Rating = null;
        }

        Assert.DoesNotContain(Prompts(framework, answers, evaluations), p => p.Kind == PromptKind.SameRatingEverywhere);
    }

    [Fact]
    public async Task A_rating_higher_than_last_round_with_the_same_evidence_is_prompted_but_not_with_new_evidence_or_the_same_rating()
    {
        var framework = await FrameworkAsync();
        var (answers, evaluations) = Clean(framework);
        var item = FirstItem(framework);
        PreviousAnswer Before(string rating, string evidence) => new(1, item.Number, rating, evidence);

        var prompt = Assert.Single(Prompts(framework, answers, evaluations, [Before("partially-met", $"evidence  for {item.Number} ")]));
        Assert.Equal((PromptKind.HigherWithSameEvidence, 1, item.Number), (prompt.Kind, prompt.StandardNumber, prompt.ItemNumber));
        Assert.Equal($"{item.Number} is rated Fully met, higher than last round's Partially met, with the same actual evidence.", prompt.Message);

        Assert.Empty(Prompts(framework, answers, evaluations, [Before("partially-met", "What we had last year")]));
        Assert.Empty(Prompts(framework, answers, evaluations, [Before("fully-met", $"Evidence for {item.Number}")]));
        Assert.Empty(Prompts(framework, answers, evaluations, [Before("a-level-no-longer-on-the-scale", $"Evidence for {item.Number}")]));
    }

    [Fact]
    public async Task A_green_action_without_impact_is_prompted_but_not_one_with_impact_or_not_green()
    {
        var framework = await FrameworkAsync();
        var (answers, evaluations) = Clean(framework);

        var prompt = Assert.Single(Prompts(framework, answers, evaluations, actions:
        [
            new PlanActionFact(7, "Train staff", Rag.Green, null),
            new PlanActionFact(8, "Audit files", Rag.Green, "Audit done in March"),
            new PlanActionFact(9, "Update policy", Rag.Amber, null),
        ]));
        Assert.Equal((PromptKind.GreenWithoutImpact, 7, (int?)null), (prompt.Kind, prompt.ActionId, prompt.StandardNumber));
        Assert.Equal("The action \"Train staff\" is Green but has no impact and evidence recorded.", prompt.Message);
    }
}
