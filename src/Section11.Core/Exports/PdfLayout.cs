using System.Globalization;
using System.Reflection;
using Section11.Core.ActionPlans.Exports;
using SkiaSharp;

namespace Section11.Core.Exports;

/// <summary>A table cell: its text (lines separated by "\n"), whether it is bold, and an optional fill.</summary>
internal sealed record PdfCell(string Text, bool Bold = false, SKColor? Fill = null);

/// <summary>A table row; a row of one cell in a table of several columns spans the whole width.</summary>
internal sealed record PdfRow(IReadOnlyList<PdfCell> Cells);

/// <summary>
/// A small flowing layout for PDF reports on A4: headings, word-wrapped paragraphs and tables whose rows split across
/// pages with the header row repeated, and "Page N of M" in every footer. Pages are laid out first and drawn
/// afterwards, so the page count is known when footers are drawn. Uses DejaVu Sans embedded in this assembly, so it
/// needs no fonts on the machine; text stays text, so it can be selected, searched and read aloud.
/// </summary>
internal sealed class PdfLayout : IDisposable
{
    private const float A4Short = 595.28f, A4Long = 841.89f, Margin = 48f, FooterSpace = 28f, Padding = 4f;
    private const float BodySize = 9.5f;

    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));

    /// <summary>The embedded regular face, for other drawings (charts as images) that must not depend on the machine's fonts.</summary>
    internal static SKTypeface Regular => RegularFace.Value;

    private readonly List<Page> _pages = [];
    private readonly SKFont _body = new(RegularFace.Value, BodySize);
    private readonly SKFont _bold = new(BoldFace.Value, BodySize);
    private readonly SKFont _footer = new(RegularFace.Value, 8f);
    private readonly SKFont[] _headings = [new(BoldFace.Value, 18f), new(BoldFace.Value, 14f), new(BoldFace.Value, 11f)];
    private readonly SKPaint _ink = new() { Color = SKColors.Black, IsAntialias = true };
    private readonly SKPaint _rule = new() { Color = new SKColor(0x50, 0x5a, 0x5f), Style = SKPaintStyle.Stroke, StrokeWidth = 0.5f };
    private readonly Dictionary<SKColor, SKPaint> _fills = [];
    private Page _page = null!;
    private float _y;

    private sealed record Page(float Width, float Height, List<Action<SKCanvas>> Ops);

    public PdfLayout(bool landscape = false) => NewPage(landscape);

    private float TextWidth => _page.Width - (2 * Margin);

    private float Bottom => _page.Height - Margin - FooterSpace;

    private static float LineHeight(SKFont font) => font.Size * 1.3f;

    private static float Ascent(SKFont font) => -font.Metrics.Ascent;

    /// <summary>Starts a new page, portrait unless <paramref name="landscape"/>.</summary>
    public void NewPage(bool landscape = false)
    {
        _page = landscape ? new Page(A4Long, A4Short, []) : new Page(A4Short, A4Long, []);
        _pages.Add(_page);
        _y = Margin;
    }

    public bool OnLandscape => _page.Width > _page.Height;

    public void Space(float points) => _y = Math.Min(_y + points, Bottom);

    /// <summary>A heading (level 1 to 3), kept with at least three lines of what follows.</summary>
    public void Heading(string text, int level)
    {
        var font = _headings[Math.Clamp(level, 1, 3) - 1];
        var lines = Wrap(text, font, TextWidth);
        if (_y > Margin)
        {
            _y += font.Size * 0.8f;
        }

        if (_y + (lines.Count * LineHeight(font)) + (3 * LineHeight(_body)) > Bottom && _y > Margin)
        {
            NewPage(OnLandscape);
        }

        Lines(lines, font);
        _y += font.Size * 0.4f;
    }

    /// <summary>A paragraph, word-wrapped to the text width; typed line breaks are kept.</summary>
    public void Paragraph(string text, bool bold = false)
    {
        Lines(Wrap(text, bold ? _bold : _body, TextWidth), bold ? _bold : _body);
        _y += BodySize * 0.5f;
    }

    private void Lines(IReadOnlyList<string> lines, SKFont font)
    {
        var height = LineHeight(font);
        foreach (var line in lines)
        {
            if (_y + height > Bottom)
            {
                NewPage(OnLandscape);
            }

            Text(line, Margin, _y + Ascent(font), font);
            _y += height;
        }
    }

    /// <summary>
    /// A table across the text width, columns sized by <paramref name="weights"/>. A row taller than the space left
    /// continues on the next page; the header row (when given) is repeated at the top of every page the table is on.
    /// </summary>
    public void Table(IReadOnlyList<float> weights, PdfRow? header, IEnumerable<PdfRow> rows)
    {
        var total = weights.Sum();
        var widths = weights.Select(w => w / total * TextWidth).ToArray();
        var lineHeight = LineHeight(_body);
        var headerLines = header is null ? null : Layout(header, widths);
        var headerHeight = headerLines is null ? 0 : Height(headerLines, lineHeight);

        void StartPage()
        {
            NewPage(OnLandscape);
            if (headerLines is not null)
            {
                Draw(header!, headerLines, widths, 0, int.MaxValue, headerHeight);
            }
        }

        if (_y + headerHeight + lineHeight + (2 * Padding) > Bottom)
        {
            StartPage();
        }
        else if (headerLines is not null)
        {
            Draw(header!, headerLines, widths, 0, int.MaxValue, headerHeight);
        }

        foreach (var row in rows)
        {
            var lines = Layout(row, widths);
            var from = 0;
            var most = lines.Max(l => l.Count);
            var fresh = false;
            while (true)
            {
                var needed = ((most - from) * lineHeight) + (2 * Padding);
                if (_y + needed <= Bottom)
                {
                    Draw(row, lines, widths, from, most, needed);
                    break;
                }

                // Split the row where the page ends, but move it whole when only a line or two would fit.
                // On a page that has nothing but the header, at least one line goes, so the loop always ends.
                var fit = Math.Max((int)((Bottom - _y - (2 * Padding)) / lineHeight), fresh ? 1 : 0);
                if (fit >= 2 || (fit >= 1 && (from > 0 || fresh)))
                {
                    Draw(row, lines, widths, from, from + fit, (fit * lineHeight) + (2 * Padding));
                    from += fit;
                }

                StartPage();
                fresh = true;
            }
        }

        _y += BodySize;
    }

    private List<IReadOnlyList<string>> Layout(PdfRow row, float[] widths)
    {
        var spans = row.Cells.Count == 1 && widths.Length > 1;
        return [.. row.Cells.Select((cell, i) => Wrap(cell.Text, cell.Bold ? _bold : _body, (spans ? widths.Sum() : widths[i]) - (2 * Padding)))];
    }

    private static float Height(List<IReadOnlyList<string>> lines, float lineHeight) => (lines.Max(l => l.Count) * lineHeight) + (2 * Padding);

    /// <summary>Draws lines <paramref name="from"/> up to <paramref name="to"/> of every cell of a row, in boxes <paramref name="height"/> tall.</summary>
    private void Draw(PdfRow row, List<IReadOnlyList<string>> lines, float[] widths, int from, int to, float height)
    {
        var spans = row.Cells.Count == 1 && widths.Length > 1;
        var x = Margin;
        var top = _y;
        for (var i = 0; i < row.Cells.Count; i++)
        {
            var cell = row.Cells[i];
            var width = spans ? widths.Sum() : widths[i];
            var rect = SKRect.Create(x, top, width, height);
            if (cell.Fill is { } fill)
            {
                var paint = FillPaint(fill);
                _page.Ops.Add(c => c.DrawRect(rect, paint));
            }

            _page.Ops.Add(c => c.DrawRect(rect, _rule));
            var font = cell.Bold ? _bold : _body;
            var cellLines = lines[i];
            for (var l = from; l < Math.Min(to, cellLines.Count); l++)
            {
                Text(cellLines[l], x + Padding, top + Padding + Ascent(font) + ((l - from) * LineHeight(_body)), font);
            }

            x += width;
        }

        _y += height;
    }

    private SKPaint FillPaint(SKColor colour)
    {
        if (!_fills.TryGetValue(colour, out var paint))
        {
            paint = new SKPaint { Color = colour, Style = SKPaintStyle.Fill };
            _fills[colour] = paint;
        }

        return paint;
    }

    private void Text(string text, float x, float baseline, SKFont font)
    {
        if (text.Length > 0)
        {
            _page.Ops.Add(c => c.DrawText(text, x, baseline, font, _ink));
        }
    }

    /// <summary>Greedy word wrap; a word longer than the width is broken where it must be. At least one line.</summary>
    internal static IReadOnlyList<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        var space = font.MeasureText(" ");
        foreach (var paragraph in ExportText.Clean(text).Replace("\t", "    ", StringComparison.Ordinal).Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            var used = 0f;
            foreach (var word in paragraph.Split(' '))
            {
                var w = font.MeasureText(word);
                if (line.Length > 0 && used + space + w <= width)
                {
                    line.Append(' ').Append(word);
                    used += space + w;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                var rest = word;
                while (w > width && rest.Length > 1)
                {
                    var count = Math.Max(1, (int)font.BreakText(rest, width));
                    count -= count < rest.Length && char.IsHighSurrogate(rest[count - 1]) && count > 1 ? 1 : 0;
                    lines.Add(rest[..count]);
                    rest = rest[count..];
                    w = font.MeasureText(rest);
                }

                line.Append(rest);
                used = w;
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>Draws every page with its footer ("Page N of M", and <paramref name="footer"/> on the left) to a PDF.</summary>
    public void Write(Stream stream, SKDocumentPdfMetadata metadata, string footer)
    {
        using var document = SKDocument.CreatePdf(stream, metadata);
        for (var i = 0; i < _pages.Count; i++)
        {
            var page = _pages[i];
            var canvas = document.BeginPage(page.Width, page.Height);
            foreach (var op in page.Ops)
            {
                op(canvas);
            }

            var baseline = page.Height - Margin + Ascent(_footer);
            var number = string.Create(CultureInfo.InvariantCulture, $"Page {i + 1} of {_pages.Count}");
            canvas.DrawText(number, page.Width - Margin - _footer.MeasureText(number), baseline, _footer, _ink);
            var left = Wrap(footer, _footer, page.Width - (2 * Margin) - _footer.MeasureText(number) - 20)[0];
            canvas.DrawText(left, Margin, baseline, _footer, _ink);
            document.EndPage();
        }

        document.Close();
    }

    private static SKTypeface Load(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Section11.Core.Fonts.{file}")
            ?? throw new InvalidOperationException($"The embedded font {file} is missing");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The embedded font {file} could not be read");
    }

    public void Dispose()
    {
        _body.Dispose();
        _bold.Dispose();
        _footer.Dispose();
        foreach (var font in _headings)
        {
            font.Dispose();
        }

        _ink.Dispose();
        _rule.Dispose();
        foreach (var paint in _fills.Values)
        {
            paint.Dispose();
        }
    }
}
