using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml;
using Section11.Core.Exports;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Section11.Core.Reporting.Exports;

public static partial class RoundExport
{
    public const string SummarySheet = "Summary";

    /// <summary>The summary sheet's header row (rows 1 to 4 carry the round's title, framework, return-by date and when the file was made).</summary>
    public const int SummaryHeaderRow = 6;

    /// <summary>A standard sheet's header row (row 1 is the standard's number and title).</summary>
    public const int StandardHeaderRow = 2;

    private const string Truncated = "… (shortened to fit a spreadsheet cell: the CSV export has the full text)";

    /// <summary>Cell formats in the stylesheet, by index.</summary>
    internal static class Styles
    {
        public const uint Plain = 0, Header = 1, Date = 2, DateTime = 3, Percent = 4, Title = 5, Bold = 6;
    }

    /// <summary>"Standard 4": short, unique and within Excel's 31 characters.</summary>
    public static string StandardSheet(Standard standard)
    {
        ArgumentNullException.ThrowIfNull(standard);
        return $"Standard {standard.Number.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Writes the workbook, saying it was generated now.</summary>
    public static void WriteXlsx(RoundData data, Stream output) => WriteXlsx(data, output, TimeProvider.System.GetUtcNow());

    public static void WriteXlsx(RoundData data, Stream output, DateTimeOffset generatedAt) => WriteXlsx(data, output, generatedAt, null);

    /// <summary>
    /// Writes the workbook to <paramref name="output"/> (which must be seekable, as a zip package needs): a "Summary"
    /// sheet, then a sheet per standard, "Standard 1", …. Each sheet has a bold frozen header row and an autofilter;
    /// dates are Excel dates and counts are numbers. Sheets are streamed, so a large round needs little memory.
    /// </summary>
    public static void WriteXlsx(RoundData data, Stream output, DateTimeOffset generatedAt, ModerationComparison? moderation)
    {
        ArgumentNullException.ThrowIfNull(data);
        var strings = new SharedStrings(Truncated);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        document.PackageProperties.Title = ExportText.Clean($"{data.Round.Title}: round export");
        document.PackageProperties.Creator = "Section 11";
        var workbookPart = document.AddWorkbookPart();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();

        var sheets = new S.Sheets();
        var filters = new S.DefinedNames();
        void Add(WorksheetPart part, string name, string? filter)
        {
            sheets.Append(new S.Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
            if (filter is not null)
            {
                // Excel keeps an autofilter's range in this hidden name too; without it some versions drop the filter.
                filters.Append(new S.DefinedName($"'{name}'!{Absolute(filter)}")
                {
                    Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)sheets.ChildElements.Count - 1, Hidden = true,
                });
            }
        }

        var summary = workbookPart.AddNewPart<WorksheetPart>();
        Add(summary, SummarySheet, WriteSummary(data, summary, strings, generatedAt.UtcDateTime));
        foreach (var standard in data.Standards)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            Add(part, StandardSheet(standard), WriteStandard(data, standard, part, strings, moderation));
        }

        strings.WriteTo(workbookPart.AddNewPart<SharedStringTablePart>());
        workbookPart.Workbook = new S.Workbook(
            new S.BookViews(new S.WorkbookView { ActiveTab = 0 }),
            sheets,
            filters);
    }

    private static string WriteSummary(RoundData data, WorksheetPart part, SharedStrings strings, DateTime generatedAt)
    {
        var levels = data.Levels;
        double[] widths = [40, 22, 22, 14, 20, 26, 26, .. levels.Select(l => Math.Max(12, l.Label.Length + 2.0)), 12, 14];
        var items = data.Standards.SelectMany(RoundData.ItemsOf).ToList();
        using var sheet = new SheetWriter(part, strings, SummaryHeaderRow, 1, widths, selected: true);

        sheet.Row();
        sheet.Text(data.Round.Title, Styles.Title);
        sheet.Row();
        sheet.Text("Framework", Styles.Bold);
        sheet.Text($"{data.Round.FrameworkTitle} (version {data.Round.FrameworkVersion})");
        sheet.Row();
        sheet.Text("Return by", Styles.Bold);
        sheet.Date(data.Round.DueOn, Styles.Date);
        sheet.Row();
        sheet.Text("Generated at (UTC)", Styles.Bold);
        sheet.DateTime(generatedAt, Styles.DateTime);
        sheet.Row();

        sheet.Row();
        string[] header =
        [
            "Agency", "Sector", "Status", "Return by", "Submitted on (UTC)", "Signed off by", "Post held",
            .. levels.Select(l => l.Label), "Rated items", "% meeting the standard",
        ];
        foreach (var heading in header)
        {
            sheet.Text(heading, Styles.Header);
        }

        foreach (var r in data.Returns)
        {
            sheet.Row();
            sheet.Text(r.AgencyName);
            sheet.Text(ReportLabels.Sector(r.Sector));
            sheet.Text(r.TrackerStatus.Label());
            sheet.Date(r.DueOn, Styles.Date);
            if (!r.IsSubmitted)
            {
                continue;
            }

            sheet.DateTime(r.SubmittedAt, Styles.DateTime);
            sheet.Text(r.SignOff?.SignatoryName);
            sheet.Text(r.SignOff?.PostHeld);
            var rated = items.Select(i => data.Level(data.Answer(r.ReturnId, i.Id)?.Rating)).OfType<ScaleLevel>().ToList();
            foreach (var level in levels)
            {
                sheet.Number(rated.Count(l => l.Key == level.Key));
            }

            sheet.Number(rated.Count);
            sheet.Number(rated.Count == 0 ? null : (double)rated.Count(l => l.Meets) / rated.Count, Styles.Percent);
        }

        var filter = $"A{SummaryHeaderRow}:{ExportText.Cell(header.Length, sheet.CurrentRow)}";
        var meets = string.Join(" or ", levels.Where(l => l.Meets).Select(l => l.Label));
        string[] notes =
        [
            "Statuses are as they stood when the file was made, with the same words as the round tracker.",
            DraftsRule,
            "Counts are of the items each submitted return rated at each level, across all standards. "
                + $"% meeting the standard is the share of rated items rated {meets}.",
            "Each standard has its own sheet: one row per agency with each item's rating and evidence, then the standard's evaluation.",
        ];
        sheet.Row();
        sheet.Row();
        sheet.Text("Notes", Styles.Bold);
        foreach (var note in notes)
        {
            sheet.Row();
            sheet.Text(note);
        }

        sheet.Finish(filter);
        return filter;
    }

    private static string WriteStandard(RoundData data, Standard standard, WorksheetPart part, SharedStrings strings, ModerationComparison? moderation)
    {
        var settings = data.Framework.Definition.Answer;
        var items = RoundData.ItemsOf(standard).ToList();
        var header = new List<string> { "Agency", "Sector", "Status" };
        var widths = new List<double> { 40, 22, 22 };
        foreach (var item in items)
        {
            header.Add($"{item.Number} rating");
            widths.Add(20);
            if (settings.ActualEvidence)
            {
                header.Add($"{item.Number} evidence");
                widths.Add(50);
            }

            if (settings.ActionRequired)
            {
                header.Add($"{item.Number} action required");
                widths.Add(40);
            }

            if (settings.Timescale)
            {
                header.Add($"{item.Number} timescale");
                widths.Add(14);
            }
        }

        var number = standard.Number.ToString(CultureInfo.InvariantCulture);
        header.Add($"Standard {number} evaluation");
        header.Add($"Standard {number} statement");
        widths.AddRange([22, 60]);

        // The partnership's moderated grades last, so the agency's own columns keep their places from file to file.
        header.AddRange(items.Select(i => $"{i.Number} moderated"));
        header.Add($"Standard {number} evaluation moderated");
        widths.AddRange(Enumerable.Repeat(24.0, items.Count + 1));

        using var sheet = new SheetWriter(part, strings, StandardHeaderRow, 1, widths, selected: false);
        sheet.Row();
        sheet.Text($"Standard {number}: {standard.Title}", Styles.Title);
        sheet.Row();
        foreach (var heading in header)
        {
            sheet.Text(heading, Styles.Header);
        }

        foreach (var r in data.Returns)
        {
            sheet.Row();
            sheet.Text(r.AgencyName);
            sheet.Text(ReportLabels.Sector(r.Sector));
            sheet.Text(r.TrackerStatus.Label());
            foreach (var item in items)
            {
                var answer = Shown(data, r, item);
                sheet.Text(data.Level(answer?.Rating)?.Label);
                if (settings.ActualEvidence)
                {
                    sheet.Text(answer?.ActualEvidence);
                }

                if (settings.ActionRequired)
                {
                    sheet.Text(answer?.ActionRequired);
                }

                if (settings.Timescale)
                {
                    sheet.Date(answer?.Timescale, Styles.Date);
                }
            }

            var evaluation = Shown(data, r, standard);
            sheet.Text(data.Level(evaluation?.Rating)?.Label);
            sheet.Text(evaluation?.Statement);
            foreach (var item in items)
            {
                sheet.Text(Moderated(moderation, r, standard, item.Id));
            }

            sheet.Text(Moderated(moderation, r, standard, null));
        }

        var filter = $"A{StandardHeaderRow}:{ExportText.Cell(header.Count, sheet.CurrentRow)}";
        sheet.Finish(filter);
        return filter;
    }

    /// <summary>"A6:L11" as "$A$6:$L$11".</summary>
    /// <summary>"Partially met (moderated down)"; empty when not moderated or the return is not submitted.</summary>
    private static string? Moderated(ModerationComparison? moderation, RoundReturn r, Standard standard, int? itemId) =>
        r.IsSubmitted && moderation?.Of(r.ReceiptId, standard.Id, itemId) is { } g ? $"{g.Moderated.Label} ({g.Way.ToLowerInvariant()})" : null;

    private static string Absolute(string range) => string.Join(':', range.Split(':').Select(cell =>
    {
        var letters = new string([.. cell.TakeWhile(char.IsAsciiLetter)]);
        return $"${letters}${cell[letters.Length..]}";
    }));

    private static S.Stylesheet Stylesheet()
    {
        static S.Font Font(double size, bool bold) => bold
            ? new S.Font(new S.Bold(), new S.FontSize { Val = size }, new S.FontName { Val = "Calibri" }, new S.FontFamilyNumbering { Val = 2 })
            : new S.Font(new S.FontSize { Val = size }, new S.FontName { Val = "Calibri" }, new S.FontFamilyNumbering { Val = 2 });

        static S.CellFormat Numbered(uint format) => new() { NumberFormatId = format, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true };

        return new S.Stylesheet(
            new S.NumberingFormats(
                new S.NumberingFormat { NumberFormatId = 164, FormatCode = "d mmm yyyy" },
                new S.NumberingFormat { NumberFormatId = 165, FormatCode = "d mmm yyyy hh:mm" },
                new S.NumberingFormat { NumberFormatId = 166, FormatCode = "0.0%" })
            { Count = 3 },
            new S.Fonts(Font(11, false), Font(11, true), Font(14, true)) { Count = 3 },
            new S.Fills(
                new S.Fill(new S.PatternFill { PatternType = S.PatternValues.None }),
                new S.Fill(new S.PatternFill { PatternType = S.PatternValues.Gray125 }),
                new S.Fill(new S.PatternFill(new S.ForegroundColor { Rgb = "FFD9D9D9" }, new S.BackgroundColor { Indexed = 64 }) { PatternType = S.PatternValues.Solid }))
            { Count = 3 },
            new S.Borders(
                new S.Border(new S.LeftBorder(), new S.RightBorder(), new S.TopBorder(), new S.BottomBorder(), new S.DiagonalBorder()),
                new S.Border(new S.LeftBorder(), new S.RightBorder(), new S.TopBorder(),
                    new S.BottomBorder(new S.Color { Auto = true }) { Style = S.BorderStyleValues.Thin }, new S.DiagonalBorder()))
            { Count = 2 },
            new S.CellStyleFormats(new S.CellFormat { FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new S.CellFormats(
                new S.CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 }, // 0 plain
                new S.CellFormat(new S.Alignment { WrapText = true, Vertical = S.VerticalAlignmentValues.Top }) // 1 header
                {
                    FontId = 1, FillId = 2, BorderId = 1, FormatId = 0, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true,
                },
                Numbered(164), // 2 date
                Numbered(165), // 3 date and time
                Numbered(166), // 4 percentage
                new S.CellFormat { FontId = 2, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true }, // 5 title
                new S.CellFormat { FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true }) // 6 bold
            { Count = 7 },
            new S.CellStyles(new S.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
