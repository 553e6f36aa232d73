using Section11.Core.Reporting.Charts;

namespace Section11.Core.Tests.Reporting;

[Trait("Category", "Survey")]
public sealed class ChartLayoutTests
{
    [Fact]
    public void A_label_too_wide_for_the_chart_is_cut_to_fit_and_a_short_one_is_kept()
    {
        // "Damson Young Carers f23…" (24 characters, the old cut) ran about 20 pixels off the chart's left edge.
        var drawing = ChartLayout.StackedBars("By agency", [
            new("Damson Young Carers f2345b", [new("No contradiction", 2, "grey")]),
            new("WWWWWWWWWWWWWWWWWWWWWWWW", [new("No contradiction", 1, "grey")]),
            new("Elm Surgery", [new("No contradiction", 2, "grey")]),
        ]);

        var labels = drawing.Texts.Where(t => t.Anchor == ChartAnchor.End).ToList();
        Assert.Equal(["Damson Young Carers…", "WWWWWWWWWWW…", "Elm Surgery"], labels.Select(t => t.Text));
        Assert.All(labels, t => Assert.InRange(t.X - ChartLayout.TextWidth(t.Text, t.Size), 0, ChartLayout.Width));
    }

    [Fact]
    public void Text_width_is_estimated_on_the_wide_side_of_arial()
    {
        // Arial's advances at 16 px: "Damson" is 3.72 em, "Elm" 1.72 em.
        Assert.InRange(ChartLayout.TextWidth("Damson", 16), 3.72 * 16, 4.2 * 16);
        Assert.InRange(ChartLayout.TextWidth("Elm", 16), 1.72 * 16, 2.0 * 16);
    }
}
