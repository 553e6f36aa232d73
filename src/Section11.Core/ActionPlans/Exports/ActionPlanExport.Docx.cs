using Section11.Core.Exports;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Section11.Core.ActionPlans.Exports;

/// <summary>The action plan as a spreadsheet (<see cref="ToXlsx"/>) or a Word document (<see cref="ToDocx"/>), laid out as the seed template.</summary>
public static partial class ActionPlanExport
{
    // A4 landscape in twentieths of a point, with half-inch margins.
    internal const int Margin = 720;
    private const int PageWidth = WordParts.A4Long;

    /// <summary>Table column widths in twips, in template order; they add up to the width between the margins.</summary>
    private static readonly int[] TableWidths = [1100, 2700, 2000, 2400, 3300, 1400, PageWidth - (2 * Margin) - 12900];

    internal const string HeaderShade = "D9D9D9", StandardShade = "DDEBF7";
    private const string RedShade = "F4CCCC", AmberShade = "FFE699", GreenShade = "D9EAD3";

    /// <summary>
    /// The plan as a Word document: landscape A4, the heading "Section 11 action plan: {agency}", the generated
    /// date, then one table with the template's columns whose header row repeats on every page and whose rows may
    /// break across pages.
    /// </summary>
    public static byte[] ToDocx(ActionPlanDocument plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var stream = new MemoryStream();
        WordParts.Write(stream, plan.Heading, () =>
        [
            WordParts.Paragraph(plan.Heading, "Heading1"),
            WordParts.Paragraph(plan.Subheading, null),
            new W.Paragraph(),
            PlanTable(plan),
            new W.Paragraph(),
            WordParts.Section(landscape: true, Margin),
        ]);
        return stream.ToArray();
    }

    /// <summary>The template's table for landscape A4: a repeating header row, then standard, area and action rows.</summary>
    internal static W.Table PlanTable(ActionPlanDocument plan)
    {
        var columns = ActionPlanDocument.Columns.Count;
        var table = WordParts.Table(TableWidths);
        table.Append(WordParts.HeaderRow(ActionPlanDocument.Columns, TableWidths, HeaderShade));
        foreach (var group in plan.Groups)
        {
            table.Append(new W.TableRow(WordParts.Cell(group.Text, TableWidths.Sum(), columns, StandardShade, bold: true)));
            foreach (var area in group.Areas)
            {
                table.Append(new W.TableRow(WordParts.Cell(area.Text, TableWidths.Sum(), columns, null, bold: true)));
                foreach (var action in area.Actions)
                {
                    var row = new W.TableRow();
                    var cells = action.Cells;
                    for (var i = 0; i < cells.Count; i++)
                    {
                        var rag = i == 5;
                        row.Append(WordParts.Cell(cells[i], TableWidths[i], 1, rag ? RagShade(action.Rag) : null, bold: rag));
                    }

                    table.Append(row);
                }
            }
        }

        return table;
    }

    /// <summary>The fill behind a RAG cell, with the rating also written as text (never colour alone).</summary>
    internal static string? RagShade(Rag? rag) => rag switch { Rag.Red => RedShade, Rag.Amber => AmberShade, Rag.Green => GreenShade, _ => null };
}
