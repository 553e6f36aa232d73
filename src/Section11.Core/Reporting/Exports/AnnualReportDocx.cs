using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Section11.Core.Exports;
using Section11.Core.Reporting.Charts;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Section11.Core.Reporting.Exports;

/// <summary>
/// The annual-report chapter as a Word document for a business manager to edit: Heading 1 for the title, Heading 2
/// per section (the navigation pane lists them), Heading 3 per table, each chart a PNG (with its words as alternative
/// text) just before the table it is drawn from, and header rows that repeat on every page.
/// </summary>
public static class AnnualReportDocx
{
    private const int Margin = 1000;
    private const int TextWidth = WordParts.A4Short - (2 * Margin);
    private const int LandscapeWidth = WordParts.A4Long - (2 * Margin);
    private const int WidestPortrait = 6;
    private const string HeaderShade = "D9D9D9";

    public const string ContentType = ReturnReportDocx.ContentType;

    public static void Write(AnnualReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        WordParts.Write(stream, report.Title, main => Body(report, main));
    }

    public static byte[] ToBytes(AnnualReport report)
    {
        using var stream = new MemoryStream();
        Write(report, stream);
        return stream.ToArray();
    }

    /// <summary>"section-11-audit-2026-annual-report.docx".</summary>
    public static string FileName(AnnualReport report) =>
        $"{ExportText.Slug(report.Figures.Data.Round.Title, whenEmpty: "round")}-annual-report.docx";

    /// <summary>Light tints of the rating colours, so black text on them stays readable; the words are always in the cell.</summary>
    private static string? Tint(string? colour) => colour switch
    {
        null => null,
        "red" => "F6D7D2",
        "amber" or "yellow" or "orange" => "FFF7BF",
        "green" => "CCE2D8",
        "blue" => "D2E2F1",
        "purple" => "DBD5E9",
        _ => "F3F2F1",
    };

    private static IEnumerable<OpenXmlElement> Body(AnnualReport report, MainDocumentPart main)
    {
        yield return WordParts.Paragraph(report.Title, "Heading1");
        foreach (var fact in Facts(report))
        {
            yield return fact;
        }

        uint images = 0;
        foreach (var section in report.Sections)
        {
            yield return WordParts.Paragraph(section.Heading, "Heading2");
            foreach (var sentence in section.Sentences)
            {
                yield return WordParts.Paragraph(sentence, null);
            }

            foreach (var table in section.Tables)
            {
                // A table of many columns (the heatmap) gets a landscape page of its own, so ratings fit their cells.
                var wide = table.Columns.Count > WidestPortrait;
                if (wide)
                {
                    yield return new W.Paragraph(new W.ParagraphProperties(WordParts.Section(landscape: false, Margin)));
                }

                yield return WordParts.Paragraph(table.Caption, "Heading3");
                if (table.Chart is { } chart)
                {
                    yield return WordParts.Image(main, ChartPng.Draw(chart), chart.Width, chart.Height, TextWidth, chart.Title, ++images);
                }

                yield return table.Rows.Count == 0 ? WordParts.Paragraph("None.", null) : Table(table, wide ? LandscapeWidth : TextWidth);
                if (wide)
                {
                    yield return new W.Paragraph(new W.ParagraphProperties(WordParts.Section(landscape: true, Margin)));
                }
            }
        }

        yield return WordParts.Section(landscape: false, Margin);
    }

    private static IEnumerable<OpenXmlElement> Facts(AnnualReport report)
    {
        var widths = new[] { 2600, TextWidth - 2600 };
        var table = WordParts.Table(widths);
        foreach (var (label, value) in report.Facts)
        {
            table.Append(new W.TableRow(WordParts.Cell(label, widths[0], 1, HeaderShade, bold: true), WordParts.Cell(value, widths[1], 1, null, bold: false)));
        }

        yield return table;
        yield return new W.Paragraph();
        yield return WordParts.Paragraph(AnnualReport.DraftNote, null);
        if (report.Anonymous)
        {
            yield return WordParts.Paragraph(AnnualReport.AnonymousNote, null);
        }
    }

    private static W.Table Table(ReportTable table, int width)
    {
        var count = table.Columns.Count;
        var first = count <= 2 ? width * 2 / 3 : Math.Min(2600, width / 3);
        var rest = count == 1 ? 0 : (width - first) / (count - 1);
        var widths = Enumerable.Range(0, count).Select(i => i == 0 ? first : rest).ToArray();
        var t = WordParts.Table(widths);
        t.Append(WordParts.HeaderRow(table.Columns, widths, HeaderShade));
        foreach (var row in table.Rows)
        {
            t.Append(new W.TableRow(row.Select((cell, i) => WordParts.Cell(cell.Text, widths[i], 1, Tint(cell.Colour), bold: i == 0))));
        }

        return t;
    }
}
