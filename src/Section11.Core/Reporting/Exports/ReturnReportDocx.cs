using DocumentFormat.OpenXml;
using Section11.Core.ActionPlans.Exports;
using Section11.Core.Exports;
using Section11.Core.Surveys;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Section11.Core.Reporting.Exports;

/// <summary>
/// A return report as a Word document laid out as the paper form: portrait A4 for the return (Heading 1 for the
/// title, Heading 2 per standard, sign-off and action plan, so the navigation pane lists them), and a landscape
/// section for the action plan, whose table is the action plan export's own.
/// </summary>
public static class ReturnReportDocx
{
    private const int Margin = 1000;
    private const string HeaderShade = "D9D9D9";

    /// <summary>Item table widths in twips, in <see cref="ReturnReport.ItemColumns"/> order; they fill the portrait text width.</summary>
    private static readonly int[] ItemWidths = [700, 2900, 1300, 2500, WordParts.A4Short - (2 * Margin) - 7400];

    /// <summary>The survey's flagged-items table, in <see cref="AgencyTriangulation.Columns"/> order.</summary>
    private static readonly int[] SurveyWidths = [900, 1800, 1800, 1600, WordParts.A4Short - (2 * Margin) - 6100];

    private static readonly int[] LabelWidths = [2600, WordParts.A4Short - (2 * Margin) - 2600];

    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void Write(ReturnReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        WordParts.Write(stream, report.Title, () => Body(report));
    }

    public static byte[] ToBytes(ReturnReport report)
    {
        using var stream = new MemoryStream();
        Write(report, stream);
        return stream.ToArray();
    }

    private static IEnumerable<OpenXmlElement> Body(ReturnReport report)
    {
        yield return WordParts.Paragraph(report.Title, "Heading1");
        yield return LabelTable(report.Facts);

        foreach (var standard in report.Standards)
        {
            yield return WordParts.Paragraph(standard.Heading, "Heading2");
            var table = WordParts.Table(ItemWidths);
            table.Append(WordParts.HeaderRow(ReturnReport.ItemColumns, ItemWidths, HeaderShade));
            foreach (var item in standard.Items)
            {
                table.Append(new W.TableRow(item.Cells.Select((text, i) => WordParts.Cell(text, ItemWidths[i], 1, null, bold: i == 2))));
            }

            yield return table;
            yield return WordParts.Paragraph(standard.Evaluation.Heading, "Heading3");
            foreach (var paragraph in WordParts.Paragraphs(standard.Evaluation.Statement ?? "No supporting statement."))
            {
                yield return paragraph;
            }
        }

        if (report.Survey is { } survey)
        {
            yield return WordParts.Paragraph(AgencyTriangulation.Heading, "Heading2");
            yield return WordParts.Paragraph(survey.Introduction, null);
            if (survey.Outcome is { } outcome)
            {
                yield return WordParts.Paragraph(outcome, null);
            }
            else
            {
                yield return WordParts.Paragraph(survey.Caption, "Heading3");
                var table = WordParts.Table(SurveyWidths);
                table.Append(WordParts.HeaderRow(AgencyTriangulation.Columns, SurveyWidths, HeaderShade));
                foreach (var row in survey.Flagged)
                {
                    table.Append(new W.TableRow(AgencyTriangulation.Cells(row).Select((text, i) => WordParts.Cell(text, SurveyWidths[i], 1, null, bold: i == 0))));
                }

                yield return table;
            }
        }

        yield return WordParts.Paragraph("Sign-off", "Heading2");
        foreach (var paragraph in WordParts.Paragraphs(report.DeclarationText))
        {
            yield return paragraph;
        }

        yield return new W.Paragraph();
        yield return report.SignOff is { } signOff ? LabelTable(signOff.Rows) : WordParts.Paragraph("The return has not been signed off.", null);

        // The action plan is landscape, as the paper template: this paragraph closes the portrait section.
        yield return new W.Paragraph(new W.ParagraphProperties(WordParts.Section(landscape: false, Margin)));
        yield return WordParts.Paragraph(ReturnReport.ActionPlanHeading, "Heading2");
        yield return WordParts.Paragraph(report.ActionPlan.Subheading, null);
        yield return new W.Paragraph();
        yield return report.ActionPlan.Groups.Count == 0
            ? WordParts.Paragraph(report.ActionPlanEmpty, null)
            : ActionPlanExport.PlanTable(report.ActionPlan);
        yield return new W.Paragraph();
        yield return WordParts.Section(landscape: true, ActionPlanExport.Margin);
    }

    private static W.Table LabelTable(IReadOnlyList<(string Label, string Value)> rows)
    {
        var table = WordParts.Table(LabelWidths);
        foreach (var (label, value) in rows)
        {
            table.Append(new W.TableRow(WordParts.Cell(label, LabelWidths[0], 1, HeaderShade, bold: true), WordParts.Cell(value, LabelWidths[1], 1, null, bold: false)));
        }

        return table;
    }
}
