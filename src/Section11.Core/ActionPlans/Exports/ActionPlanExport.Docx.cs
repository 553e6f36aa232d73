using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Section11.Core.Exports;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Section11.Core.ActionPlans.Exports;

/// <summary>The action plan as a spreadsheet (<see cref="ToXlsx"/>) or a Word document (<see cref="ToDocx"/>), laid out as the seed template.</summary>
public static partial class ActionPlanExport
{
    // A4 landscape in twentieths of a point, with half-inch margins.
    private const int PageWidth = 16838, PageHeight = 11906, Margin = 720;

    /// <summary>Table column widths in twips, in template order; they add up to the width between the margins.</summary>
    private static readonly int[] TableWidths = [1100, 2700, 2000, 2400, 3300, 1400, PageWidth - (2 * Margin) - 12900];

    private const string HeaderShade = "D9D9D9", StandardShade = "DDEBF7", RedShade = "F4CCCC", AmberShade = "FFE699", GreenShade = "D9EAD3";

    /// <summary>
    /// The plan as a Word document: landscape A4, the heading "Section 11 action plan: {agency}", the generated
    /// date, then one table with the template's columns whose header row repeats on every page and whose rows may
    /// break across pages.
    /// </summary>
    public static byte[] ToDocx(ActionPlanDocument plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = ExportText.Clean(plan.Heading);
            document.PackageProperties.Creator = "Section 11";
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = WordStyles();
            main.AddNewPart<DocumentSettingsPart>().Settings = new W.Settings(new W.Compatibility(new W.CompatibilitySetting
            {
                Name = W.CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15",
            }));

            var columns = ActionPlanDocument.Columns.Count;
            var table = new W.Table(
                new W.TableProperties(
                    new W.TableWidth { Width = TableWidths.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), Type = W.TableWidthUnitValues.Dxa },
                    new W.TableBorders(
                        new W.TopBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new W.LeftBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new W.BottomBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new W.RightBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "auto" }),
                    new W.TableLayout { Type = W.TableLayoutValues.Fixed },
                    new W.TableCellMarginDefault(
                        new W.TopMargin { Width = "40", Type = W.TableWidthUnitValues.Dxa },
                        new W.TableCellLeftMargin { Width = 80, Type = W.TableWidthValues.Dxa },
                        new W.BottomMargin { Width = "40", Type = W.TableWidthUnitValues.Dxa },
                        new W.TableCellRightMargin { Width = 80, Type = W.TableWidthValues.Dxa }),
                    new W.TableLook { Val = "04A0" }),
                new W.TableGrid(TableWidths.Select(w => new W.GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));

            var header = new W.TableRow(new W.TableRowProperties(new W.TableHeader()));
            header.Append(ActionPlanDocument.Columns.Select((text, i) => Cell(text, TableWidths[i], 1, HeaderShade, bold: true)));
            table.Append(header);

            foreach (var group in plan.Groups)
            {
                table.Append(new W.TableRow(Cell(group.Text, TableWidths.Sum(), columns, StandardShade, bold: true)));
                foreach (var area in group.Areas)
                {
                    table.Append(new W.TableRow(Cell(area.Text, TableWidths.Sum(), columns, null, bold: true)));
                    foreach (var action in area.Actions)
                    {
                        var row = new W.TableRow();
                        var cells = action.Cells;
                        for (var i = 0; i < cells.Count; i++)
                        {
                            var rag = i == 5;
                            var shade = rag ? action.Rag switch { Rag.Red => RedShade, Rag.Amber => AmberShade, Rag.Green => GreenShade, _ => null } : null;
                            row.Append(Cell(cells[i], TableWidths[i], 1, shade, bold: rag));
                        }

                        table.Append(row);
                    }
                }
            }

            main.Document = new W.Document(new W.Body(
                Paragraph(plan.Heading, "Heading1"),
                Paragraph(plan.Subheading, null),
                new W.Paragraph(),
                table,
                new W.Paragraph(),
                new W.SectionProperties(
                    new W.PageSize { Width = PageWidth, Height = PageHeight, Orient = W.PageOrientationValues.Landscape },
                    new W.PageMargin { Top = Margin, Right = Margin, Bottom = Margin, Left = Margin, Header = 360, Footer = 360, Gutter = 0 })));
        }

        return stream.ToArray();
    }

    private static W.Paragraph Paragraph(string text, string? style)
    {
        var paragraph = new W.Paragraph();
        if (style is not null)
        {
            paragraph.Append(new W.ParagraphProperties(new W.ParagraphStyleId { Val = style }));
        }

        paragraph.Append(new W.Run(new W.Text(ExportText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    /// <summary>A table cell with one paragraph per line of <paramref name="text"/> (at least one, as Word requires).</summary>
    private static W.TableCell Cell(string text, int width, int span, string? shade, bool bold)
    {
        var properties = new W.TableCellProperties(new W.TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = W.TableWidthUnitValues.Dxa });
        if (span > 1)
        {
            properties.Append(new W.GridSpan { Val = span });
        }

        if (shade is not null)
        {
            properties.Append(new W.Shading { Val = W.ShadingPatternValues.Clear, Color = "auto", Fill = shade });
        }

        var cell = new W.TableCell(properties);
        foreach (var line in ExportText.Clean(text).Split('\n'))
        {
            var run = new W.Run();
            if (bold)
            {
                run.Append(new W.RunProperties(new W.Bold()));
            }

            if (line.Length > 0)
            {
                run.Append(new W.Text(line) { Space = SpaceProcessingModeValues.Preserve });
            }

            cell.Append(run.HasChildren ? new W.Paragraph(run) : new W.Paragraph());
        }

        return cell;
    }

    private static W.Styles WordStyles() => new(
        new W.DocDefaults(
            new W.RunPropertiesDefault(new W.RunPropertiesBaseStyle(
                new W.RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial", EastAsia = "Arial" },
                new W.FontSize { Val = "20" },
                new W.FontSizeComplexScript { Val = "20" },
                new W.Languages { Val = "en-GB" })),
            new W.ParagraphPropertiesDefault(new W.ParagraphPropertiesBaseStyle(
                new W.SpacingBetweenLines { After = "0", Line = "259", LineRule = W.LineSpacingRuleValues.Auto }))),
        new W.Style(new W.StyleName { Val = "Normal" }, new W.PrimaryStyle())
        {
            Type = W.StyleValues.Paragraph, StyleId = "Normal", Default = true,
        },
        new W.Style(
            new W.StyleName { Val = "heading 1" },
            new W.BasedOn { Val = "Normal" },
            new W.NextParagraphStyle { Val = "Normal" },
            new W.UIPriority { Val = 9 },
            new W.PrimaryStyle(),
            new W.StyleParagraphProperties(
                new W.KeepNext(),
                new W.SpacingBetweenLines { Before = "0", After = "120" },
                new W.OutlineLevel { Val = 0 }),
            new W.StyleRunProperties(new W.Bold(), new W.FontSize { Val = "32" }, new W.FontSizeComplexScript { Val = "32" }))
        {
            Type = W.StyleValues.Paragraph, StyleId = "Heading1",
        },
        new W.Style(new W.StyleName { Val = "Normal Table" }, new W.UIPriority { Val = 99 }, new W.SemiHidden(), new W.UnhideWhenUsed(),
            new W.StyleTableProperties(
                new W.TableIndentation { Width = 0, Type = W.TableWidthUnitValues.Dxa },
                new W.TableCellMarginDefault(
                    new W.TopMargin { Width = "0", Type = W.TableWidthUnitValues.Dxa },
                    new W.TableCellLeftMargin { Width = 108, Type = W.TableWidthValues.Dxa },
                    new W.BottomMargin { Width = "0", Type = W.TableWidthUnitValues.Dxa },
                    new W.TableCellRightMargin { Width = 108, Type = W.TableWidthValues.Dxa })))
        {
            Type = W.StyleValues.Table, StyleId = "TableNormal", Default = true,
        });
}
