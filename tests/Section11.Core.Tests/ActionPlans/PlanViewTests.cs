using Section11.Core.ActionPlans;

namespace Section11.Core.Tests.ActionPlans;

/// <summary>The action-plan page's filters and the merge rule of the from-return page, without a database.</summary>
public sealed class PlanViewTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static PlanAction Action(Rag? rag, DateOnly deadline) => new()
    {
        Rag = rag, Deadline = deadline, SpecificAction = "", LeadOrganisation = "", AccountablePerson = "", SuccessIndicators = "", UpdatedById = "",
    };

    private static ImprovementArea Area(string standard) => new() { OverarchingStandard = standard, Outcome = "", CreatedById = "" };

    [Theory]
    [InlineData(null, false, true, true, true)]
    [InlineData("Red", false, true, false, false)]
    [InlineData("none", false, false, false, true)]
    [InlineData(null, true, true, false, false)]
    [InlineData("Green", true, false, false, false)]
    public void Rag_and_overdue_filters_keep_the_actions_they_name(string? rag, bool overdue, bool keepsOverdueRed, bool keepsGreen, bool keepsUnratedInTime)
    {
        var filter = new PlanFilter(Rag: rag, Overdue: overdue);

        Assert.Equal(keepsOverdueRed, filter.Keeps(Action(Rag.Red, Today.AddDays(-1)), Today));
        Assert.Equal(keepsGreen, filter.Keeps(Action(Rag.Green, Today.AddDays(-1)), Today));
        Assert.Equal(keepsUnratedInTime, filter.Keeps(Action(null, Today.AddDays(1)), Today));
        Assert.Equal(rag is not null || overdue, filter.FiltersActions);
    }

    [Fact]
    public void The_standard_filter_keeps_only_that_standards_areas()
    {
        var filter = new PlanFilter(Standard: "Standard 1");
        Assert.True(filter.Keeps(Area("Standard 1")));
        Assert.False(filter.Keeps(Area("Standard 2")));
        Assert.True(new PlanFilter().Keeps(Area("Standard 2")));
    }

    [Fact]
    public void An_item_may_share_the_area_of_an_earlier_item_of_its_own_standard_only()
    {
        Suggestion Item(int answerId, int standardId, string number) => new(answerId, standardId, standardId, number, "", "Not met", null, null);
        IReadOnlyList<Suggestion> items = [Item(1, 10, "1.1"), Item(2, 10, "1.2"), Item(3, 20, "2.1"), Item(4, 10, "1.3")];

        var targets = ActionPlanService.ShareTargets(items);

        Assert.Equal([[], ["1.1"], [], ["1.1", "1.2"]], targets.Select(t => t.Select(s => s.ItemNumber).ToArray()).ToArray());
    }
}
