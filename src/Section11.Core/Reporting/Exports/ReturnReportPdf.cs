using Section11.Core.ActionPlans.Exports;
using Section11.Core.Exports;
using Section11.Core.Surveys;
using SkiaSharp;

namespace Section11.Core.Reporting.Exports;

/// <summary>
/// A return report as a PDF, in the same order as the Word version: portrait A4 for the return and the sign-off,
/// landscape pages for the action plan (as the paper template), "Page N of M" in every footer.
/// </summary>
public static class ReturnReportPdf
{
    public const string ContentType = "application/pdf";

    private static readonly SKColor HeaderFill = Shade(ActionPlanExport.HeaderShade);
    private static readonly SKColor StandardFill = Shade(ActionPlanExport.StandardShade);

    /// <summary>Item table column weights, in <see cref="ReturnReport.ItemColumns"/> order.</summary>
    private static readonly float[] ItemWeights = [0.9f, 2.9f, 1.85f, 2.75f, 2.6f];

    /// <summary>The action plan's columns, as in its Word export.</summary>
    private static readonly float[] PlanWeights = [1.1f, 2.7f, 2.0f, 2.4f, 3.3f, 1.4f, 2.5f];

    /// <summary>The survey's flagged-items table, in <see cref="AgencyTriangulation.Columns"/> order.</summary>
    private static readonly float[] SurveyWeights = [0.9f, 1.8f, 1.8f, 1.6f, 3.0f];

    private static readonly float[] LabelWeights = [1f, 3f];

    public static void Write(ReturnReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var layout = new PdfLayout();
        Body(layout, report);
        var generated = report.GeneratedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        layout.Write(stream, new SKDocumentPdfMetadata
        {
            Title = report.Title,
            Author = report.AgencyName,
            Subject = $"Section 11 return, {report.RoundTitle}",
            Creator = "Section11",
            Producer = "Section11",
            Creation = generated,
            Modified = generated,
        }, report.Title);
    }

    /// <summary>The report's pages, written into a layout another document may have begun (a challenge panel's pre-read).</summary>
    internal static void Body(PdfLayout layout, ReturnReport report)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(report);
        layout.Heading(report.Title, 1);
        Labels(layout, report.Facts);

        foreach (var standard in report.Standards)
        {
            layout.Heading(standard.Heading, 2);
            layout.Table(ItemWeights, new PdfRow([.. ReturnReport.ItemColumns.Select(c => new PdfCell(c, true, HeaderFill))]),
                standard.Items.Select(item => new PdfRow([.. item.Cells.Select((text, i) => new PdfCell(text, Bold: i == 2))])));
            layout.Heading(standard.Evaluation.Heading, 3);
            layout.Paragraph(standard.Evaluation.Statement ?? "No supporting statement.");
        }

        if (report.Survey is { } survey)
        {
            layout.Heading(AgencyTriangulation.Heading, 2);
            layout.Paragraph(survey.Introduction);
            if (survey.Outcome is { } outcome)
            {
                layout.Paragraph(outcome);
            }
            else
            {
                layout.Heading(survey.Caption, 3);
                layout.Table(SurveyWeights, new PdfRow([.. AgencyTriangulation.Columns.Select(c => new PdfCell(c, true, HeaderFill))]),
                    survey.Flagged.Select(row => new PdfRow([.. AgencyTriangulation.Cells(row).Select((text, i) => new PdfCell(text, Bold: i == 0))])));
            }
        }

        layout.Heading("Sign-off", 2);
        layout.Paragraph(report.DeclarationText);
        if (report.SignOff is { } signOff)
        {
            Labels(layout, signOff.Rows);
        }
        else
        {
            layout.Paragraph("The return has not been signed off.");
        }

        layout.NewPage(landscape: true);
        layout.Heading(ReturnReport.ActionPlanHeading, 2);
        layout.Paragraph(report.ActionPlan.Subheading);
        if (report.ActionPlan.Groups.Count == 0)
        {
            layout.Paragraph(report.ActionPlanEmpty);
        }
        else
        {
            layout.Table(PlanWeights, new PdfRow([.. ActionPlanDocument.Columns.Select(c => new PdfCell(c, true, HeaderFill))]), PlanRows(report.ActionPlan));
        }
    }

    public static byte[] ToBytes(ReturnReport report)
    {
        using var stream = new MemoryStream();
        Write(report, stream);
        return stream.ToArray();
    }

    private static IEnumerable<PdfRow> PlanRows(ActionPlanDocument plan)
    {
        foreach (var group in plan.Groups)
        {
            yield return new PdfRow([new PdfCell(group.Text, true, StandardFill)]);
            foreach (var area in group.Areas)
            {
                yield return new PdfRow([new PdfCell(area.Text, true)]);
                foreach (var action in area.Actions)
                {
                    yield return new PdfRow([.. action.Cells.Select((text, i) =>
                        i == 5 ? new PdfCell(text, true, ActionPlanExport.RagShade(action.Rag) is { } rag ? Shade(rag) : null) : new PdfCell(text))]);
                }
            }
        }
    }

    /// <summary>A table of label and value, the label shaded: the report's facts and sign-off.</summary>
    internal static void Labels(PdfLayout layout, IReadOnlyList<(string Label, string Value)> rows) =>
        layout.Table(LabelWeights, null, rows.Select(r => new PdfRow([new PdfCell(r.Label, true, HeaderFill), new PdfCell(r.Value)])));

    private static SKColor Shade(string hex) => SKColor.Parse("#" + hex);
}
