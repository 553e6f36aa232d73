using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Section11.Web.Infrastructure;

/// <summary>A bar or a bar's segment: its words, its number and its colour name (red, amber, green, blue, purple, grey).</summary>
public sealed record ChartValue(string Label, int Value, string Colour);

public sealed record ChartRow(string Label, IReadOnlyList<ChartValue> Values);

/// <summary>
/// Charts drawn on the server as SVG, so they need no JavaScript and print as they look. Each is an image with a text
/// title that says what it shows, every bar carries its number as text (never colour alone), and the page puts the
/// table the chart is drawn from beside it. Only presentation attributes are used: the CSP forbids style attributes.
/// </summary>
public static class SvgCharts
{
    private const int Width = 640;
    private const int LabelWidth = 200;
    private const int BarHeight = 24;
    private const int Gap = 8;
    private const int PlotWidth = Width - LabelWidth - 50;

    /// <summary>Fill and text colours with at least 4.5:1 contrast between them, from the GOV.UK palette.</summary>
    private static (string Fill, string Text) Colours(string colour) => colour switch
    {
        "red" => ("#d4351c", "#ffffff"),
        "amber" or "yellow" or "orange" => ("#ffdd00", "#0b0c0c"),
        "green" => ("#00703c", "#ffffff"),
        "blue" => ("#1d70b8", "#ffffff"),
        "purple" => ("#4c2c92", "#ffffff"),
        _ => ("#b1b4b6", "#0b0c0c"),
    };

    /// <summary>One bar per value, lengths in proportion to the largest.</summary>
    public static IHtmlContent Bars(string id, string title, IReadOnlyList<ChartValue> values)
    {
        var max = Math.Max(1, values.Count == 0 ? 1 : values.Max(v => v.Value));
        var height = Math.Max(1, values.Count) * (BarHeight + Gap) + Gap;
        var svg = Start(id, title, height);
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            var y = Gap + i * (BarHeight + Gap);
            var length = v.Value == 0 ? 0 : Math.Max(2, v.Value * PlotWidth / max);
            var (fill, _) = Colours(v.Colour);
            Label(svg, v.Label, y);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{length}\" height=\"{BarHeight}\" fill=\"{fill}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 6}\" y=\"{y + 17}\" font-size=\"16\" fill=\"#0b0c0c\">{v.Value}</text>");
        }

        return End(svg);
    }

    /// <summary>One full-width bar per row, split into its values in proportion to the row's total.</summary>
    public static IHtmlContent StackedBars(string id, string title, IReadOnlyList<ChartRow> rows)
    {
        var height = Math.Max(1, rows.Count) * (BarHeight + Gap) + Gap;
        var svg = Start(id, title, height);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = Gap + i * (BarHeight + Gap);
            Label(svg, row.Label, y);
            var total = row.Values.Sum(v => v.Value);
            if (total == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth}\" y=\"{y + 17}\" font-size=\"16\" fill=\"#0b0c0c\">No ratings</text>");
                continue;
            }

            var x = 0;
            var done = 0;
            foreach (var v in row.Values.Where(v => v.Value > 0))
            {
                done += v.Value;
                var end = done * PlotWidth / total;
                var (fill, text) = Colours(v.Colour);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{LabelWidth + x}\" y=\"{y}\" width=\"{end - x}\" height=\"{BarHeight}\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"1\"><title>{Encode(v.Label)}: {v.Value}</title></rect>");
                if (end - x >= 18)
                {
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<text x=\"{LabelWidth + x + (end - x) / 2}\" y=\"{y + 17}\" font-size=\"14\" text-anchor=\"middle\" fill=\"{text}\">{v.Value}</text>");
                }

                x = end;
            }
        }

        return End(svg);
    }

    /// <summary>A key to the colours, as HTML so it wraps and reads as a list.</summary>
    public static IHtmlContent Key(IEnumerable<(string Label, string Colour)> entries)
    {
        var html = new StringBuilder("<ul class=\"govuk-list app-chart-key\">");
        foreach (var (label, colour) in entries)
        {
            var (fill, _) = Colours(colour);
            html.Append(CultureInfo.InvariantCulture,
                $"<li><svg width=\"16\" height=\"16\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"16\" height=\"16\" fill=\"{fill}\"/></svg> {Encode(label)}</li>");
        }

        return new HtmlString(html.Append("</ul>").ToString());
    }

    private static StringBuilder Start(string id, string title, int height)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"app-chart\" id=\"{Encode(id)}\" role=\"img\" aria-labelledby=\"{Encode(id)}-title\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" font-family=\"Arial, sans-serif\" focusable=\"false\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Encode(id)}-title\">{Encode(title)}</title>");
        return svg;
    }

    private static void Label(StringBuilder svg, string label, int y)
    {
        // Long item labels are cut to fit; the full text is in the table beside the chart.
        var shown = label.Length > 24 ? label[..23] + "…" : label;
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 17}\" font-size=\"16\" text-anchor=\"end\" fill=\"#0b0c0c\">{Encode(shown)}</text>");
    }

    private static HtmlString End(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Encode(string s) => HtmlEncoder.Default.Encode(s);
}
