using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Reporting;
using Section11.Core.Reporting.Exports;
using Section11.Core.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Section11.Core.Tests.Reporting;

/// <summary>The round export, read back cell by cell and line by line, on <see cref="ReportingTestData"/>.</summary>
public sealed class RoundExportTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset GeneratedAt = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private async Task<(RoundData Round, ReportingTestData.Created Data)> LoadAsync(Func<Section11.Core.Data.Section11DbContext, ReportingTestData.Created, Task>? change = null)
    {
        await using var db = database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        if (change is not null)
        {
            await change(db, data);
        }

        var round = await new RoundDataService(db, new FrameworkCatalog(), new FixedTime(ReportingTestData.Now)).LoadAsync(data.RoundId, withText: true);
        return (round!, data);
    }

    [Fact]
    public async Task The_workbook_has_a_summary_of_every_agency_and_a_sheet_per_standard_with_each_items_rating_and_evidence()
    {
        var (round, data) = await LoadAsync();
        using var stream = new MemoryStream();
        RoundExport.WriteXlsx(round, stream, GeneratedAt);
        stream.Position = 0;
        using var book = new Workbook(stream);

        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(book.Document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        Assert.Equal(["Summary", "Standard 1", "Standard 2", "Standard 3", "Standard 4", "Standard 5", "Standard 6", "Standard 7"], book.SheetNames);
        Assert.Equal("section-11-audit-2026-round-export.xlsx", RoundExport.FileName(round.Round.Title, "xlsx"));

        // The round's facts: the return-by date and the generation time are real dates (serial numbers with a date format).
        Assert.Equal("Section 11 audit 2026", book.Text("Summary", "A1"));
        Assert.Equal("Multi-Agency Safeguarding Arrangements (MASA) Section 11 audit (version 2018)", book.Text("Summary", "B2"));
        Assert.Equal((46112.0, "d mmm yyyy"), book.Date("Summary", "B3")); // 31 March 2026
        Assert.Equal((46143.375, "d mmm yyyy hh:mm"), book.Date("Summary", "B4")); // 1 May 2026 09:00

        Assert.Equal(
            ["Agency", "Sector", "Status", "Return by", "Submitted on (UTC)", "Signed off by", "Post held",
                "Inadequate", "Requires improvement", "Good", "Outstanding", "Rated items", "% meeting the standard"],
            book.Row("Summary", 6));
        Assert.True(book.IsBold("Summary", "A6"));
        Assert.Equal(("A6:M11", 6), (book.AutoFilter("Summary"), book.FrozenRows("Summary")));

        // Alder "4333 33 33 32333 33333 3333 33333": one 4, one 2, no 1, 27 - 2 = 25 threes; 27 rated, 25 + 1 = 26 meet.
        Assert.Equal([$"Alder Hospital Trust {data.Suffix}", "Health", "Submitted", "46112", "46101.416666666664", "Pat Signatory", "Director",
            "0", "1", "25", "1", "27", (26.0 / 27).ToString("R", CultureInfo.InvariantCulture)], book.Row("Summary", 7));
        Assert.Equal((46101.416666666664, "d mmm yyyy hh:mm"), book.Date("Summary", "E7")); // submitted 20 March 2026 10:00
        // Birch "3333 23 33 31333 33233 3333 33334": one 1 (4.2), two 2s (2.1, 5.3), one 4 (7.5), 27 - 4 = 23 threes; 23 + 1 = 24 meet.
        Assert.Equal(["1", "2", "23", "1", "27"], book.Row("Summary", 8)[7..12]);
        Assert.Equal(24.0 / 27, double.Parse(book.Text("Summary", "M8")!, CultureInfo.InvariantCulture));
        Assert.Equal("0.0%", book.Format("Summary", "M8"));
        // Cedar "4333 33 22 32333 33333 3333 33333": one 4, three 2s (3.1, 3.2, 4.2), 23 threes; 24 of 27 meet.
        Assert.Equal(["0", "3", "23", "1", "27"], book.Row("Summary", 9)[7..12]);
        // Damson "3334 33 33 33333 33333 2333 33333": one 4 (1.4), one 2 (6.1), 25 threes; 26 of 27 meet.
        Assert.Equal(["0", "1", "25", "1", "27"], book.Row("Summary", 10)[7..12]);
        // Elm's draft (two items rated) is listed as overdue with its return-by date, and nothing else.
        Assert.Equal([$"Elm Surgery {data.Suffix}", "Health", "Overdue", "46112"], book.Row("Summary", 11));
        Assert.Contains(RoundExport.DraftsRule, book.Column("Summary", "A"));

        // Standard 4 (5 items): A-C agency, sector, status; then rating, evidence, action required, timescale per item
        // (4.1 in D-G, 4.2 in H-K, …, 4.5 in T-W); X, Y the standard's evaluation and statement. Birch is row 4.
        Assert.Equal("Standard 4: Staff Induction, Training and Development", book.Text("Standard 4", "A1"));
        Assert.Equal(["Agency", "Sector", "Status", "4.1 rating", "4.1 evidence", "4.1 action required", "4.1 timescale", "4.2 rating"], book.Row("Standard 4", 2)[..8]);
        Assert.Equal(["Standard 4 evaluation", "Standard 4 statement", "4.1 moderated", "4.2 moderated", "4.3 moderated", "4.4 moderated", "4.5 moderated", "Standard 4 evaluation moderated"],
            book.Row("Standard 4", 2)[23..]);
        Assert.Equal(("A2:AE7", 2), (book.AutoFilter("Standard 4"), book.FrozenRows("Standard 4")));
        Assert.Equal($"Birch Police {data.Suffix}", book.Text("Standard 4", "A4"));
        Assert.Equal("Inadequate", book.Text("Standard 4", "H4"));
        Assert.Equal("Evidence for 4.2", book.Text("Standard 4", "I4"));
        Assert.Equal("Action for 4.2", book.Text("Standard 4", "J4"));
        Assert.Equal((46387.0, "d mmm yyyy"), book.Date("Standard 4", "K4")); // 31 December 2026
        Assert.Equal("Good", book.Text("Standard 4", "L4")); // 4.3
        Assert.Equal("Evidence for 4.3", book.Text("Standard 4", "M4"));
        Assert.Null(book.Text("Standard 4", "N4")); // a Good item needs no action
        Assert.Equal(["Requires improvement", "Statement for standard 4"], book.Row("Standard 4", 4)[23..]); // Birch evaluations 3332333
        Assert.Equal([$"Elm Surgery {data.Suffix}", "Health", "Overdue"], book.Row("Standard 1", 7)); // draft answers 1.1 and 1.2 left out
    }

    [Fact]
    public async Task The_csv_has_one_row_per_agency_and_item_quoted_and_safe_from_formulas()
    {
        var (round, data) = await LoadAsync(async (db, created) =>
        {
            var alder = created.ReturnIds["Alder Hospital Trust"];
            var items = await db.Items.Where(i => i.Standard.Number == 1 && db.Answers.Any(a => a.ReturnId == alder && a.ItemId == i.Id)).OrderBy(i => i.SortKey).Select(i => i.Id).ToListAsync();
            async Task Set(int item, string evidence) =>
                await db.Answers.Where(a => a.ReturnId == alder && a.ItemId == item).ExecuteUpdateAsync(s => s.SetProperty(a => a.ActualEvidence, evidence));
            await Set(items[0], "Board minutes, \"safeguarding\" item\nsecond line");
            await Set(items[1], "=HYPERLINK(\"http://example.com\")");
            await Set(items[2], "-5 staff untrained");
            await Set(items[3], "@SUM(A1)");
        });
        using var stream = new MemoryStream();
        RoundExport.WriteCsv(round, stream);
        var bytes = stream.ToArray();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8 byte-order mark
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        // The only bare LF is inside the quoted evidence; records end with CRLF.
        var lines = text[..^2].Split("\r\n");
        Assert.Equal("Round,Agency,Sector,Status,Standard number,Standard title,Item number,Item text,Rating,Rating value,Meets,Evidence,Action required,Timescale,Moderated rating,Moderated rating value,Moderation", lines[0]);
        Assert.Equal((5 * 27) + 1, lines.Length); // 5 agencies × 27 items, the draft's rows included with blank answers, + header

        var s = data.Suffix;
        const string Item42 = "\"The organisation has a mandatory induction process for all staff and volunteers that includes familiarisation with their responsibilities for safeguarding and promoting the welfare of children, as outlined in Working Together 2018.\"";
        Assert.Contains($"Section 11 audit 2026,Birch Police {s},Police,Submitted,4,\"Staff Induction, Training and Development\",4.2,{Item42},Inadequate,1,No,Evidence for 4.2,Action for 4.2,2026-12-31,,,", lines);
        var birch43 = lines[1 + 27 + 4 + 2 + 2 + 2]; // after the header, Alder's 27 rows, and Birch's 1.1 to 4.2
        Assert.StartsWith($"Section 11 audit 2026,Birch Police {s},Police,Submitted,4,\"Staff Induction, Training and Development\",4.3,", birch43, StringComparison.Ordinal);
        Assert.EndsWith(",Good,3,Yes,Evidence for 4.3,,,,,", birch43, StringComparison.Ordinal);

        // Elm's draft rated 1.1 and 1.2, but a draft's answers are not shown: its rows end with nine empty fields.
        var elm = lines.Where(l => l.Contains($"Elm Surgery {s}", StringComparison.Ordinal)).ToList();
        Assert.Equal(27, elm.Count);
        Assert.All(elm, l => Assert.Contains(",Health,Overdue,", l, StringComparison.Ordinal));
        Assert.All(elm, l => Assert.EndsWith(",,,,,,,,,", l, StringComparison.Ordinal));

        // Alder's standard 1 rows: quotes doubled, the line break kept inside quotes, formulas prefixed with an apostrophe.
        var alder = lines.Where(l => l.Contains($"Alder Hospital Trust {s},Health,Submitted,1,", StringComparison.Ordinal)).ToList();
        Assert.EndsWith(",Outstanding,4,Yes,\"Board minutes, \"\"safeguarding\"\" item\nsecond line\",,,,,", alder[0], StringComparison.Ordinal);
        Assert.EndsWith(",Good,3,Yes,\"'=HYPERLINK(\"\"http://example.com\"\")\",,,,,", alder[1], StringComparison.Ordinal);
        Assert.EndsWith(",Good,3,Yes,'-5 staff untrained,,,,,", alder[2], StringComparison.Ordinal);
        Assert.EndsWith(",Good,3,Yes,'@SUM(A1),,,,,", alder[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+44 20 7946 0000", "'+44 20 7946 0000")]
    [InlineData("-", "'-")]
    [InlineData("@A1", "'@A1")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("a=b", "a=b")]
    [InlineData(" =1", " =1")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Text_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe(string? text, string expected) =>
        Assert.Equal(expected, RoundExport.Neutralise(text));

    [Theory]
    [InlineData("Section 11 audit 2026", "section-11-audit-2026")]
    [InlineData("  Audit & review: 2026/27 ", "audit-review-2026-27")]
    [InlineData("***", "round")]
    public void File_names_are_a_slug_of_the_round_title(string title, string slug) => Assert.Equal($"{slug}-round-export.xlsx", RoundExport.FileName(title, "xlsx"));

    /// <summary>A workbook read back: cell text (shared strings resolved), formats, filters and panes.</summary>
    private sealed class Workbook(Stream stream) : IDisposable
    {
        public SpreadsheetDocument Document { get; } = SpreadsheetDocument.Open(stream, false);

        private WorkbookPart Part => Document.WorkbookPart!;

        public IReadOnlyList<string> SheetNames => [.. Part.Workbook.Sheets!.Elements<S.Sheet>().Select(s => s.Name!.Value!)];

        private S.Worksheet Sheet(string name) =>
            ((WorksheetPart)Part.GetPartById(Part.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == name).Id!)).Worksheet;

        private S.Cell? Cell(string sheet, string reference) =>
            Sheet(sheet).Descendants<S.Cell>().SingleOrDefault(c => c.CellReference == reference);

        private string? Value(S.Cell cell) => cell.DataType?.Value == S.CellValues.SharedString
            ? Part.SharedStringTablePart!.SharedStringTable.Elements<S.SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)).InnerText
            : cell.CellValue?.Text;

        public string? Text(string sheet, string reference) => Cell(sheet, reference) is { } cell ? Value(cell) : null;

        /// <summary>A row's values up to its last cell, empty cells as "".</summary>
        public string[] Row(string sheet, int row)
        {
            var cells = Sheet(sheet).Descendants<S.Row>().Single(r => r.RowIndex! == (uint)row).Elements<S.Cell>()
                .ToDictionary(c => c.CellReference!.Value!.TrimEnd("0123456789".ToCharArray()), c => Value(c) ?? "");
            var last = cells.Keys.Max(ColumnNumber);
            return [.. Enumerable.Range(1, last).Select(i => cells.GetValueOrDefault(ColumnLetters(i), ""))];
        }

        private static int ColumnNumber(string letters) => letters.Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1));

        private static string ColumnLetters(int number) => number <= 26 ? ((char)('A' + number - 1)).ToString() : ColumnLetters((number - 1) / 26) + (char)('A' + ((number - 1) % 26));

        public IEnumerable<string> Column(string sheet, string letter) =>
            Sheet(sheet).Descendants<S.Cell>().Where(c => c.CellReference!.Value!.StartsWith(letter, StringComparison.Ordinal) && char.IsAsciiDigit(c.CellReference.Value[letter.Length])).Select(c => Value(c) ?? "");

        private S.CellFormat Style(string sheet, string reference) =>
            Part.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<S.CellFormat>().ElementAt((int)(Cell(sheet, reference)!.StyleIndex?.Value ?? 0));

        public string? Format(string sheet, string reference)
        {
            var id = Style(sheet, reference).NumberFormatId?.Value ?? 0;
            return Part.WorkbookStylesPart!.Stylesheet.NumberingFormats?.Elements<S.NumberingFormat>().SingleOrDefault(f => f.NumberFormatId! == id)?.FormatCode;
        }

        /// <summary>A number cell (no data type) and its number format.</summary>
        public (double Value, string? Format) Date(string sheet, string reference)
        {
            var cell = Cell(sheet, reference)!;
            Assert.Null(cell.DataType);
            return (double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture), Format(sheet, reference));
        }

        public bool IsBold(string sheet, string reference) =>
            Part.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<S.Font>().ElementAt((int)Style(sheet, reference).FontId!.Value).Bold is not null;

        public string? AutoFilter(string sheet) => Sheet(sheet).GetFirstChild<S.AutoFilter>()?.Reference;

        public int FrozenRows(string sheet)
        {
            var pane = Sheet(sheet).Descendants<S.Pane>().Single();
            Assert.Equal(S.PaneStateValues.Frozen, pane.State!.Value);
            return (int)pane.VerticalSplit!.Value;
        }

        public void Dispose() => Document.Dispose();
    }
}
