namespace Section11.Core.Reporting.Charts;

/// <summary>A bar or a bar's segment: its words, its number and its colour name (red, amber, green, blue, purple, grey).</summary>
public sealed record ChartValue(string Label, int Value, string Colour);

public sealed record ChartRow(string Label, IReadOnlyList<ChartValue> Values);

/// <summary>A filled rectangle; <see cref="Tooltip"/> is the segment's words and number (SVG only).</summary>
public sealed record ChartRect(int X, int Y, int Width, int Height, string Fill, bool Outlined, string? Tooltip);

/// <summary>A line of text with its baseline at <see cref="Y"/>; anchored at its start, middle or end.</summary>
public sealed record ChartText(int X, int Y, string Text, int Size, ChartAnchor Anchor, string Fill);

public enum ChartAnchor
{
    Start,
    Middle,
    End,
}

/// <summary>What a chart draws, in its own units: the SVG on the pages and the PNG in Word documents draw the same shapes.</summary>
public sealed record ChartDrawing(string Title, int Width, int Height, IReadOnlyList<ChartRect> Rects, IReadOnlyList<ChartText> Texts);

/// <summary>
/// The geometry of the service's two charts, in one place for every format: bars in proportion to the largest value,
/// and full-width bars split into their values. Every bar carries its number as text, never colour alone.
/// </summary>
public static class ChartLayout
{
    public const int Width = 640;
    private const int LabelWidth = 200;
    private const int BarHeight = 24;
    private const int Gap = 8;
    private const int PlotWidth = Width - LabelWidth - 50;
    private const string Ink = "#0b0c0c";

    /// <summary>Fill and text colours with at least 4.5:1 contrast between them, from the GOV.UK palette.</summary>
    public static (string Fill, string Text) Colours(string colour) => colour switch
    {
        "red" => ("#d4351c", "#ffffff"),
        "amber" or "yellow" or "orange" => ("#ffdd00", Ink),
        "green" => ("#00703c", "#ffffff"),
        "blue" => ("#1d70b8", "#ffffff"),
        "purple" => ("#4c2c92", "#ffffff"),
        _ => ("#b1b4b6", Ink),
    };

    /// <summary>One bar per value, lengths in proportion to the largest.</summary>
    public static ChartDrawing Bars(string title, IReadOnlyList<ChartValue> values)
    {
        var max = Math.Max(1, values.Count == 0 ? 1 : values.Max(v => v.Value));
        var rects = new List<ChartRect>();
        var texts = new List<ChartText>();
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            var y = Gap + i * (BarHeight + Gap);
            var length = v.Value == 0 ? 0 : Math.Max(2, v.Value * PlotWidth / max);
            texts.Add(Label(v.Label, y));
            rects.Add(new ChartRect(LabelWidth, y, length, BarHeight, Colours(v.Colour).Fill, false, null));
            texts.Add(new ChartText(LabelWidth + length + 6, y + 17, v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), 16, ChartAnchor.Start, Ink));
        }

        return new ChartDrawing(title, Width, Height(values.Count), rects, texts);
    }

    /// <summary>One full-width bar per row, split into its values in proportion to the row's total.</summary>
    public static ChartDrawing StackedBars(string title, IReadOnlyList<ChartRow> rows)
    {
        var rects = new List<ChartRect>();
        var texts = new List<ChartText>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = Gap + i * (BarHeight + Gap);
            texts.Add(Label(row.Label, y));
            var total = row.Values.Sum(v => v.Value);
            if (total == 0)
            {
                texts.Add(new ChartText(LabelWidth, y + 17, "No ratings", 16, ChartAnchor.Start, Ink));
                continue;
            }

            var x = 0;
            var done = 0;
            foreach (var v in row.Values.Where(v => v.Value > 0))
            {
                done += v.Value;
                var end = done * PlotWidth / total;
                var (fill, text) = Colours(v.Colour);
                rects.Add(new ChartRect(LabelWidth + x, y, end - x, BarHeight, fill, true, $"{v.Label}: {v.Value}"));
                if (end - x >= 18)
                {
                    texts.Add(new ChartText(LabelWidth + x + (end - x) / 2, y + 17, v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), 14, ChartAnchor.Middle, text));
                }

                x = end;
            }
        }

        return new ChartDrawing(title, Width, Height(rows.Count), rects, texts);
    }

    private static int Height(int bars) => Math.Max(1, bars) * (BarHeight + Gap) + Gap;

    private const int LabelSize = 16;

    private static ChartText Label(string label, int y) =>
        new(LabelWidth - 8, y + 17, Fit(label, LabelSize, LabelWidth - 16), LabelSize, ChartAnchor.End, Ink);

    /// <summary>
    /// The label, cut with "…" to fit <paramref name="width"/> units at <paramref name="size"/>: a label anchored at its
    /// end that is too wide runs off the chart's left edge. The full text is in the table beside the chart.
    /// </summary>
    public static string Fit(string label, int size, int width)
    {
        if (TextWidth(label, size) <= width)
        {
            return label;
        }

        var cut = label.Length;
        while (cut > 1 && TextWidth(label[..cut].TrimEnd() + "…", size) > width)
        {
            cut--;
        }

        return label[..cut].TrimEnd() + "…";
    }

    /// <summary>
    /// The width of the text in Arial (the charts' font, and Helvetica's metrics where Arial is missing), from each
    /// character's advance in em; characters not listed take a wide letter's, so the estimate errs on the wide side.
    /// </summary>
    public static double TextWidth(string text, int size) => text.Sum(c => c switch
    {
        'i' or 'j' or 'l' or '\'' or '|' or '.' or ',' or ':' or ';' or '!' => 0.23,
        'f' or 't' or 'r' or 'I' or ' ' or '(' or ')' or '-' or '/' => 0.34,
        'c' or 'k' or 's' or 'v' or 'x' or 'y' or 'z' or 'J' => 0.5,
        'm' or 'W' => 0.89,
        'M' => 0.84,
        '…' => 1.0,
        >= 'a' and <= 'z' or >= '0' and <= '9' => 0.56,
        >= 'A' and <= 'Z' => 0.72,
        _ => 0.78,
    } * size);
}
