using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Section11.Core.Exports;
using Section11.Core.Reporting.Exports;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Section11.Core.Surveys;

/// <summary>
/// Survey results as a spreadsheet or CSV file: the same rows the results page shows, so the same minimum group size
/// (a group below it has no row) and only publishable free text. One row per question, group and answer.
/// </summary>
public static class SurveyResultsExport
{
    public const string SheetName = "Survey results";
    public const string Agreeing = "Agreeing (agree and strongly agree, or yes)";
    public const string Comment = "Published comment";
    public const string TooFew = "Fewer responses than the smallest group shown: no results";

    public static IReadOnlyList<string> Columns { get; } = ["Agency", "Question", "Question text", "Group", "Answer", "Responses", "Percent of those answering"];

    private static readonly double[] Widths = [30, 10, 50, 30, 40, 12, 14];

    /// <summary>The rows of one or more result sets: text cells, then the count and the percent (null where none).</summary>
    public static IEnumerable<(string[] Text, int? Count, int? Percent)> Rows(IEnumerable<SurveyResultSet> sets)
    {
        foreach (var set in sets)
        {
            if (!set.Shown)
            {
                yield return ([set.Scope, "", "", "", TooFew], set.Responses, null);
                continue;
            }

            foreach (var q in set.Questions)
            {
                var number = q.Question.Position.ToString(CultureInfo.InvariantCulture);
                if (q.Question.Kind == QuestionKind.FreeText)
                {
                    foreach (var text in q.PublishedText)
                    {
                        yield return ([set.Scope, number, q.Question.Text, SurveyResultRules.Everyone, Comment + ": " + text], null, null);
                    }

                    continue;
                }

                foreach (var group in (IEnumerable<AnswerCounts>)[q.All, .. q.ByRole])
                {
                    foreach (var c in group.Counts)
                    {
                        yield return ([set.Scope, number, q.Question.Text, group.Group, c.Choice], c.Count, c.Percent);
                    }

                    if (group.AgreePercent is { } agree)
                    {
                        yield return ([set.Scope, number, q.Question.Text, group.Group, Agreeing], group.AgreeCount, agree);
                    }
                }
            }
        }
    }

    public static void WriteCsv(IEnumerable<SurveyResultSet> sets, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        Record(writer, Columns);
        foreach (var (text, count, percent) in Rows(sets))
        {
            Record(writer, [.. text.Select(RoundExport.Neutralise), Number(count), Number(percent)]);
        }
    }

    public static byte[] ToXlsx(IEnumerable<SurveyResultSet> sets, string title)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            document.PackageProperties.Title = ExportText.Clean(title);
            document.PackageProperties.Creator = "Section 11";
            var workbookPart = document.AddWorkbookPart();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var strings = new SharedStrings("… (shortened to fit a spreadsheet cell)");
            using (var sheet = new SheetWriter(sheetPart, strings, frozenRows: 1, frozenColumns: 0, Widths, selected: true))
            {
                sheet.Row();
                foreach (var c in Columns)
                {
                    sheet.Text(c, 1);
                }

                foreach (var (text, count, percent) in Rows(sets))
                {
                    sheet.Row();
                    foreach (var t in text)
                    {
                        sheet.Text(t);
                    }

                    sheet.Number(count);
                    sheet.Number(percent);
                }

                sheet.Finish(autoFilter: $"A1:{ExportText.Cell(Columns.Count, Math.Max(1, sheet.CurrentRow))}");
            }

            strings.WriteTo(workbookPart.AddNewPart<SharedStringTablePart>());
            workbookPart.Workbook = new S.Workbook(new S.Sheets(new S.Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName }));
        }

        return stream.ToArray();
    }

    private static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void Record(TextWriter writer, IReadOnlyList<string> fields) =>
        writer.WriteLine(string.Join(',', fields.Select(f => f.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{f.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : f)));

    /// <summary>Plain cells and a bold header.</summary>
    private static S.Stylesheet Stylesheet() => new(
        new S.Fonts(
            new S.Font(new S.FontSize { Val = 11 }, new S.FontName { Val = "Calibri" }),
            new S.Font(new S.Bold(), new S.FontSize { Val = 11 }, new S.FontName { Val = "Calibri" }))
        { Count = 2 },
        new S.Fills(new S.Fill(new S.PatternFill { PatternType = S.PatternValues.None }), new S.Fill(new S.PatternFill { PatternType = S.PatternValues.Gray125 })) { Count = 2 },
        new S.Borders(new S.Border(new S.LeftBorder(), new S.RightBorder(), new S.TopBorder(), new S.BottomBorder(), new S.DiagonalBorder())) { Count = 1 },
        new S.CellStyleFormats(new S.CellFormat { FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new S.CellFormats(
            new S.CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new S.CellFormat { FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true })
        { Count = 2 },
        new S.CellStyles(new S.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
