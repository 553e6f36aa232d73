using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Section11.Core.Exports;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Section11.Core.ActionPlans.Exports;

public static partial class ActionPlanExport
{
    /// <summary>The sheet's name.</summary>
    public const string SheetName = "Action plan";

    /// <summary>The row of column headings (rows 1 and 2 carry the heading and the generated date).</summary>
    public const int XlsxHeaderRow = 3;

    internal const string Truncated = "… (shortened to fit a spreadsheet cell: the Word export has the full text)";

    /// <summary>Column widths in characters, in template order.</summary>
    private static readonly double[] ColumnWidths = [10, 42, 30, 36, 52, 16, 40];

    // Cell formats in the stylesheet, by index.
    private const uint Body = 1, Header = 2, TitleStyle = 3, StandardRow = 4, AreaRow = 5, RagRed = 6, RagAmber = 7, RagGreen = 8, Plain = 9;

    /// <summary>
    /// The plan as an Excel workbook with one sheet, "Action plan": heading, generated date, a bold frozen header
    /// row repeated on every printed page, then the template's rows. Landscape A4, fitted to the page width.
    /// </summary>
    public static byte[] ToXlsx(ActionPlanDocument plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            document.PackageProperties.Title = ExportText.Clean(plan.Heading);
            document.PackageProperties.Creator = "Section 11";
            var workbookPart = document.AddWorkbookPart();
            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
            stylesPart.Stylesheet = Stylesheet();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var strings = new SharedStrings(Truncated);
            var data = new S.SheetData();
            var merges = new S.MergeCells();
            var columns = ActionPlanDocument.Columns.Count;
            var last = ExportText.ColumnName(columns);

            uint row = 1;
            data.Append(Row(row++, [(plan.Heading, TitleStyle)], strings, spanning: false));
            data.Append(Row(row++, [(plan.Subheading, Plain)], strings, spanning: false));
            data.Append(Row(row++, [.. ActionPlanDocument.Columns.Select(c => (c, Header))], strings, spanning: false));

            void Spanning(string text, uint style)
            {
                var cells = new List<(string, uint)> { (text, style) };
                cells.AddRange(Enumerable.Repeat(("", style), columns - 1));
                data.Append(Row(row, cells, strings, spanning: true));
                merges.Append(new S.MergeCell { Reference = $"A{row}:{last}{row}" });
                row++;
            }

            foreach (var group in plan.Groups)
            {
                Spanning(group.Text, StandardRow);
                foreach (var area in group.Areas)
                {
                    Spanning(area.Text, AreaRow);
                    foreach (var action in area.Actions)
                    {
                        var cells = action.Cells.Select(text => (text, Body)).ToList();
                        cells[5] = (action.RagText, action.Rag switch { Rag.Red => RagRed, Rag.Amber => RagAmber, Rag.Green => RagGreen, _ => Body });
                        data.Append(Row(row++, cells, strings, spanning: false));
                    }
                }
            }

            var worksheet = new S.Worksheet(
                new S.SheetProperties(new S.PageSetupProperties { FitToPage = true }),
                new S.SheetDimension { Reference = $"A1:{last}{row - 1}" },
                new S.SheetViews(new S.SheetView(
                    new S.Pane
                    {
                        VerticalSplit = XlsxHeaderRow, TopLeftCell = $"A{XlsxHeaderRow + 1}",
                        ActivePane = S.PaneValues.BottomLeft, State = S.PaneStateValues.Frozen,
                    },
                    new S.Selection
                    {
                        Pane = S.PaneValues.BottomLeft, ActiveCell = $"A{XlsxHeaderRow + 1}",
                        SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{XlsxHeaderRow + 1}" },
                    })
                { TabSelected = true, WorkbookViewId = 0 }),
                new S.SheetFormatProperties { DefaultRowHeight = 15 },
                new S.Columns(ColumnWidths.Select((width, i) =>
                    new S.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })),
                data);
            if (merges.HasChildren)
            {
                worksheet.Append(merges);
            }

            worksheet.Append(
                new S.PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
                new S.PageSetup { PaperSize = 9, Orientation = S.OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 },
                new S.HeaderFooter(new S.OddFooter($"&L{ExportText.Clean(plan.Heading).Replace("&", "&&", StringComparison.Ordinal)}&RPage &P of &N")));
            sheetPart.Worksheet = worksheet;

            var stringsPart = workbookPart.AddNewPart<SharedStringTablePart>();
            stringsPart.SharedStringTable = strings.Table();

            workbookPart.Workbook = new S.Workbook(
                new S.Sheets(new S.Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName }),
                new S.DefinedNames(new S.DefinedName($"'{SheetName}'!${XlsxHeaderRow}:${XlsxHeaderRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }));
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A row of text cells. Neither Excel nor LibreOffice reliably fits a row to wrapped text when opening a file
    /// (and never a merged row), so each wrapped row carries an estimated height; it is not marked custom, so
    /// Excel refits it when someone edits the row.
    /// </summary>
    private static S.Row Row(uint index, IReadOnlyList<(string Text, uint Style)> cells, SharedStrings strings, bool spanning)
    {
        var row = new S.Row { RowIndex = index };
        var lines = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var (text, style) = cells[i];
            var cell = new S.Cell { CellReference = $"{ExportText.ColumnName(i + 1)}{index}", StyleIndex = style };
            if (text.Length > 0)
            {
                cell.DataType = S.CellValues.SharedString;
                var at = strings.Index(text);
                cell.CellValue = new S.CellValue(at);
                if (style is not (TitleStyle or Plain))
                {
                    var width = spanning ? ColumnWidths.Sum() : ColumnWidths[i];
                    lines = Math.Max(lines, WrappedLines(strings[at], (int)(width * (style == Body ? 1.0 : 0.9))));
                }
            }

            row.Append(cell);
        }

        if (lines > 0)
        {
            row.Height = Math.Min(409, (lines * 15) + 3);
        }

        return row;
    }

    /// <summary>How many lines <paramref name="text"/> takes when words wrap at <paramref name="perLine"/> characters.</summary>
    internal static int WrappedLines(string text, int perLine)
    {
        perLine = Math.Max(1, perLine);
        var total = 0;
        foreach (var line in text.Split('\n'))
        {
            var lines = 1;
            var used = 0;
            foreach (var word in line.Split(' '))
            {
                if (used == 0)
                {
                    used = word.Length;
                }
                else if (used + 1 + word.Length <= perLine)
                {
                    used += 1 + word.Length;
                }
                else
                {
                    lines++;
                    used = word.Length;
                }

                while (used > perLine)
                {
                    lines++;
                    used -= perLine;
                }
            }

            total += lines;
        }

        return total;
    }

    private static S.Stylesheet Stylesheet()
    {
        static S.Font Font(double size, bool bold)
        {
            var font = new S.Font();
            if (bold)
            {
                font.Append(new S.Bold());
            }

            font.Append(new S.FontSize { Val = size }, new S.FontName { Val = "Calibri" }, new S.FontFamilyNumbering { Val = 2 });
            return font;
        }

        static S.Fill Solid(string rgb) => new(new S.PatternFill(
            new S.ForegroundColor { Rgb = rgb }, new S.BackgroundColor { Indexed = 64 })
        { PatternType = S.PatternValues.Solid });

        static S.CellFormat Format(uint font, uint fill, uint border, bool wrap = true) => new(
            new S.Alignment { WrapText = wrap, Vertical = S.VerticalAlignmentValues.Top })
        {
            FontId = font, FillId = fill, BorderId = border, FormatId = 0,
            ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true,
        };

        var thin = new S.Border(
            new S.LeftBorder(new S.Color { Auto = true }) { Style = S.BorderStyleValues.Thin },
            new S.RightBorder(new S.Color { Auto = true }) { Style = S.BorderStyleValues.Thin },
            new S.TopBorder(new S.Color { Auto = true }) { Style = S.BorderStyleValues.Thin },
            new S.BottomBorder(new S.Color { Auto = true }) { Style = S.BorderStyleValues.Thin },
            new S.DiagonalBorder());

        return new S.Stylesheet(
            new S.Fonts(Font(11, false), Font(11, true), Font(14, true)) { Count = 3 },
            new S.Fills(
                new S.Fill(new S.PatternFill { PatternType = S.PatternValues.None }),
                new S.Fill(new S.PatternFill { PatternType = S.PatternValues.Gray125 }),
                Solid("FFD9D9D9"), // 2 header
                Solid("FFDDEBF7"), // 3 overarching standard
                Solid("FFF4CCCC"), // 4 red
                Solid("FFFFE699"), // 5 amber
                Solid("FFD9EAD3")) // 6 green
            { Count = 7 },
            new S.Borders(new S.Border(new S.LeftBorder(), new S.RightBorder(), new S.TopBorder(), new S.BottomBorder(), new S.DiagonalBorder()), thin) { Count = 2 },
            new S.CellStyleFormats(new S.CellFormat { FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new S.CellFormats(
                new S.CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 }, // 0 default
                Format(0, 0, 1), // 1 body
                Format(1, 2, 1), // 2 header
                Format(2, 0, 0, wrap: false), // 3 title
                Format(1, 3, 1), // 4 overarching standard
                Format(1, 0, 1), // 5 area
                Format(1, 4, 1), // 6 red
                Format(1, 5, 1), // 7 amber
                Format(1, 6, 1), // 8 green
                Format(0, 0, 0, wrap: false)) // 9 plain
            { Count = 10 },
            new S.CellStyles(new S.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
