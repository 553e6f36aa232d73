global using Section11.Core.Reporting.Charts;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Section11.Web.Infrastructure;

/// <summary>
/// Charts drawn on the server as SVG, so they need no JavaScript and print as they look. Each is an image with a text
/// title that says what it shows, every bar carries its number as text (never colour alone), and the page puts the
/// table the chart is drawn from beside it. Only presentation attributes are used: the CSP forbids style attributes.
/// The geometry is <see cref="ChartLayout"/>'s, which Word documents draw as PNG (<see cref="ChartPng"/>).
/// </summary>
public static class SvgCharts
{
    /// <summary>One bar per value, lengths in proportion to the largest.</summary>
    public static IHtmlContent Bars(string id, string title, IReadOnlyList<ChartValue> values) => Svg(id, ChartLayout.Bars(title, values));

    /// <summary>One full-width bar per row, split into its values in proportion to the row's total.</summary>
    public static IHtmlContent StackedBars(string id, string title, IReadOnlyList<ChartRow> rows) => Svg(id, ChartLayout.StackedBars(title, rows));

    /// <summary>A key to the colours, as HTML so it wraps and reads as a list.</summary>
    public static IHtmlContent Key(IEnumerable<(string Label, string Colour)> entries)
    {
        var html = new StringBuilder("<ul class=\"govuk-list app-chart-key\">");
        foreach (var (label, colour) in entries)
        {
            var (fill, _) = ChartLayout.Colours(colour);
            html.Append(CultureInfo.InvariantCulture,
                $"<li><svg width=\"16\" height=\"16\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"16\" height=\"16\" fill=\"{fill}\"/></svg> {Encode(label)}</li>");
        }

        return new HtmlString(html.Append("</ul>").ToString());
    }

    /// <summary>The drawing as SVG: rectangles first, then every text on top.</summary>
    public static IHtmlContent Svg(string id, ChartDrawing drawing)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"app-chart\" id=\"{Encode(id)}\" role=\"img\" aria-labelledby=\"{Encode(id)}-title\" viewBox=\"0 0 {drawing.Width} {drawing.Height}\" width=\"100%\" font-family=\"Arial, sans-serif\" focusable=\"false\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Encode(id)}-title\">{Encode(drawing.Title)}</title>");
        foreach (var r in drawing.Rects)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{r.X}\" y=\"{r.Y}\" width=\"{r.Width}\" height=\"{r.Height}\" fill=\"{r.Fill}\"");
            if (r.Outlined)
            {
                svg.Append(" stroke=\"#ffffff\" stroke-width=\"1\"");
            }

            svg.Append(r.Tooltip is null ? "/>" : $"><title>{Encode(r.Tooltip)}</title></rect>");
        }

        foreach (var t in drawing.Texts)
        {
            var anchor = t.Anchor switch { ChartAnchor.Middle => " text-anchor=\"middle\"", ChartAnchor.End => " text-anchor=\"end\"", _ => "" };
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{t.X}\" y=\"{t.Y}\" font-size=\"{t.Size}\"{anchor} fill=\"{t.Fill}\">{Encode(t.Text)}</text>");
        }

        return new HtmlString(svg.Append("</svg>").ToString());
    }

    private static string Encode(string s) => HtmlEncoder.Default.Encode(s);
}
