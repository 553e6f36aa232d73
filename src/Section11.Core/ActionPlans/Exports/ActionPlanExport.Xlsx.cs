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
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var strings = new SharedStrings(Truncated);
            using (var sheet = new SheetWriter(sheetPart, strings, frozenRows: XlsxHeaderRow, frozenColumns: 0, ColumnWidths, selected: true, fitToPage: true))
            {
                WriteRows(plan, sheet);
                sheet.Finish(autoFilter: null, new PrintSetup(Landscape: true, FooterTitle: plan.Heading));
            }

            strings.WriteTo(workbookPart.AddNewPart<SharedStringTablePart>());
            workbookPart.Workbook = new S.Workbook(
                new S.Sheets(new S.Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName }),
                new S.DefinedNames(new S.DefinedName($"'{SheetName}'!${XlsxHeaderRow}:${XlsxHeaderRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }));
        }

        return stream.ToArray();
    }

    /// <summary>Heading, generated date, column headings, then each standard and area as a merged row over its actions.</summary>
    private static void WriteRows(ActionPlanDocument plan, SheetWriter sheet)
    {
        var columns = ActionPlanDocument.Columns.Count;
        Row(sheet, [(plan.Heading, TitleStyle)], spanning: false);
        Row(sheet, [(plan.Subheading, Plain)], spanning: false);
        Row(sheet, [.. ActionPlanDocument.Columns.Select(c => (c, Header))], spanning: false);

        void Spanning(string text, uint style)
        {
            Row(sheet, [(text, style), .. Enumerable.Repeat(("", style), columns - 1)], spanning: true);
            sheet.MergeRow(columns);
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
                    Row(sheet, cells, spanning: false);
                }
            }
        }
    }

    /// <summary>
    /// A row of text cells. A row with wrapped text carries a height estimated from its longest cell, since no
    /// spreadsheet fits a row to wrapped text when it opens a file. Text too long for a cell is shortened by the
    /// shared strings, and is far past the tallest row (409 points) either way, so the estimate uses it whole.
    /// </summary>
    private static void Row(SheetWriter sheet, List<(string Text, uint Style)> cells, bool spanning)
    {
        var lines = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var (text, style) = cells[i];
            if (text.Length > 0 && style is not (TitleStyle or Plain))
            {
                var width = spanning ? ColumnWidths.Sum() : ColumnWidths[i];
                lines = Math.Max(lines, WrappedLines(ExportText.Clean(text), (int)(width * (style == Body ? 1.0 : 0.9))));
            }
        }

        sheet.Row(lines > 0 ? Math.Min(409, (lines * 15) + 3) : null);
        foreach (var (text, style) in cells)
        {
            sheet.Text(text, style);
        }
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
