using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.ActionPlans.Exports;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Section11.Core.Tests.ActionPlans.Exports;

/// <summary>
/// The action plan exports, built from a plan made through <see cref="ActionPlanService"/> on the test database and
/// read back cell by cell as a person opening the file would see it.
/// </summary>
public sealed class ActionPlanExportTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The day of the export: after the 31 January 2027 deadlines, before 30 June 2027.</summary>
    private static readonly DateOnly ExportDay = new(2027, 2, 1);

    private static readonly string[] Headers =
    [
        "Action number", "Specific action and timescale", "Accountability", "Success indicators (include timescale)",
        "Risk, progress and additional actions (date all entries)", "RAG rating", "Impact and evidence",
    ];

    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private static ActionInput Smart(string action, string? rag = null, string? evidence = null, string deadline = "31/1/2027", DateInput? completed = null)
    {
        var d = deadline.Split('/');
        return new(action, new DateInput(d[0], d[1], d[2]), "Riverside Medical Practice", "Dr Anna Green, safeguarding lead",
            "Every reception staff member signs the briefing record", new DateInput("28", "2", "2027"), evidence, rag, completed ?? DateInput.Empty);
    }

    private sealed record Plan(ActionPlanDocument Document, string RoundTitle);

    /// <summary>
    /// A submitted primary-care return (1.1 and 1.2 Not met, 2.1 Partially met) made into three areas, two under
    /// Standard 1 and one under Standard 2, with actions 1.1 (Green, monitored), 1.2 (Amber), 2.1 (Red) and 3.1 (not rated).
    /// </summary>
    private async Task<Plan> PlanAsync()
    {
        string user;
        ReturnSummary summary;
        await using (var db = database.CreateContext())
        {
            var created = await TestData.CreateReturnAsync(db, "primary-care-2014");
            user = await TestData.CreateUserAsync(db, created.AgencyId, name: "Priya Shah");
            var returns = new ReturnService(db, _catalog, _time);
            var framework = await _catalog.GetForRoundAsync(db, (await returns.GetSummaryAsync(created.ReturnId))!.Receipts[0].RoundId);
            string Rating(string number) => number switch { "1.1" or "1.2" => "not-met", "2.1" => "partially-met", _ => "fully-met" };
            foreach (var standard in framework.Standards)
            {
                var input = new StandardInput(0,
                    [.. standard.Items.Select(i => new AnswerValues(i.Id, Rating(i.Number), "Evidence", Rating(i.Number) == "fully-met" ? null : $"Fix {i.Number}",
                        Rating(i.Number) == "fully-met" ? DateInput.Empty : new DateInput("1", "3", "2027")))],
                    new EvaluationValues("partially-met", "Statement"));
                Assert.Equal(SaveOutcome.Saved, (await returns.SaveStandardAsync((await returns.GetSummaryAsync(created.ReturnId))!, standard.Number, input, complete: true, user)).Outcome);
            }

            Assert.Empty(await returns.SubmitAsync(created.ReturnId, new SignOffInput("Dr A", "Partner", "Practice", new DateInput("22", "11", "2026"), true), user));
            summary = (await returns.GetSummaryAsync(created.ReturnId))!;
        }

        await using var context = database.CreateContext();
        var service = new ActionPlanService(context, _catalog, _time);
        var offered = await service.GetSuggestionsAsync(summary);
        Assert.Empty(await service.CreateAreasAsync(summary,
        [
            new([offered[0].AnswerId], "A named, trained safeguarding lead known to all staff"),
            new([offered[1].AnswerId], "All staff complete level 2 safeguarding training"),
            new([offered[2].AnswerId], "Safeguarding concerns recorded on every relevant record"),
        ], user));
        var areas = await service.GetPlanAsync(summary.AgencyId);

        var (briefing, errors) = await service.AddActionAsync(areas[0].Id, Smart("Brief all reception staff on the safeguarding policy.", rag: "Amber"), user);
        Assert.Empty(errors);
        Assert.Empty(await service.AddMonitoringAsync(briefing!.Value, new DateInput("20", "11", "2026"), "Progress", "Briefing booked for 3 December", user));
        Assert.Empty(await service.AddMonitoringAsync(briefing.Value, new DateInput("21", "11", "2026"), "Risk", "Two staff on leave that week", user));
        Assert.Empty(await service.UpdateActionAsync(briefing.Value, 0,
            Smart("Brief all reception staff on the safeguarding policy.", rag: "Green", evidence: "Briefing record signed by all 6 reception staff", completed: new DateInput("21", "11", "2026")), user));

        Assert.Empty((await service.AddActionAsync(areas[0].Id, Smart("Publish the safeguarding lead's name in the staff room", rag: "Amber"), user)).Errors);
        Assert.Empty((await service.AddActionAsync(areas[1].Id, Smart("Book level 2 training for every clinician", rag: "Red"), user)).Errors);
        Assert.Empty((await service.AddActionAsync(areas[2].Id, Smart("Audit 20 records a month", deadline: "30/6/2027"), user)).Errors);

        var names = await context.Users.Where(u => u.Id == user).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        var plan = await service.GetPlanAsync(summary.AgencyId);
        return new(ActionPlanDocument.From(summary.AgencyName, plan, ExportDay, names, summary.RoundTitle), summary.RoundTitle);
    }

    /// <summary>What the OpenXML validator finds wrong (as Office 2007 and as Microsoft 365), one line each; empty when the file is valid.</summary>
    private static string Problems(OpenXmlPackage package) =>
        string.Join("\n", new[] { new OpenXmlValidator(), new OpenXmlValidator(FileFormatVersions.Microsoft365) }
            .SelectMany(v => v.Validate(package)).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));

    private static string[] Accountability => ["Lead organisation: Riverside Medical Practice\nNamed professional: Dr Anna Green, safeguarding lead"];

    private const string Indicators = "Every reception staff member signs the briefing record\nTimescale: 28 February 2027";

    /// <summary>The rows below the header as a person reads them: spanning rows as one text, action rows as seven cells.</summary>
    private static string[][] ExpectedRows(string round) =>
    [
        [$"Overarching standard: Standard 1, {round}"],
        ["1. Identified improvement area / desired outcome: A named, trained safeguarding lead known to all staff"],
        ["1.1", "Brief all reception staff on the safeguarding policy by 31 January 2027\nCompleted on 21 November 2026", Accountability[0], Indicators,
            "20 November 2026 – Progress: Briefing booked for 3 December (recorded by Priya Shah)\n21 November 2026 – Risk: Two staff on leave that week (recorded by Priya Shah)",
            "Green", "Briefing record signed by all 6 reception staff"],
        ["1.2", "Publish the safeguarding lead's name in the staff room by 31 January 2027", Accountability[0], Indicators, "", "Amber (overdue)", ""],
        ["2. Identified improvement area / desired outcome: All staff complete level 2 safeguarding training"],
        ["2.1", "Book level 2 training for every clinician by 31 January 2027", Accountability[0], Indicators, "", "Red (overdue)", ""],
        [$"Overarching standard: Standard 2, {round}"],
        ["3. Identified improvement area / desired outcome: Safeguarding concerns recorded on every relevant record"],
        ["3.1", "Audit 20 records a month by 30 June 2027", Accountability[0], Indicators, "", "Not rated", ""],
    ];

    [Fact]
    public async Task The_spreadsheet_shows_the_template_columns_and_rows_with_rag_as_text()
    {
        var plan = await PlanAsync();
        var bytes = ActionPlanExport.ToXlsx(plan.Document);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Equal("", Problems(document));

        var workbook = document.WorkbookPart!;
        var sheet = Assert.Single(workbook.Workbook.Sheets!.Elements<S.Sheet>());
        Assert.Equal("Action plan", sheet.Name!.Value);
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        var strings = workbook.SharedStringTablePart!.SharedStringTable.Elements<S.SharedStringItem>().Select(s => s.InnerText).ToList();
        var rows = worksheet.Descendants<S.Row>().ToList();
        string Text(S.Cell c) => c.DataType?.Value == S.CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text)] : c.CellValue?.Text ?? "";
        string[] Cells(S.Row r) => [.. r.Elements<S.Cell>().Select(Text)];

        Assert.Equal([$"Section 11 action plan: {plan.Document.AgencyName}"], Cells(rows[0]));
        Assert.Equal([$"{plan.RoundTitle} – generated on 1 February 2027"], Cells(rows[1]));
        Assert.Equal(Headers, Cells(rows[2]));

        // Spanning rows are merged across A:G, their text in A and the rest empty.
        var merged = worksheet.Descendants<S.MergeCell>().Select(m => m.Reference!.Value).ToList();
        var body = rows.Skip(3).Select(r => merged.Contains($"A{r.RowIndex!.Value}:G{r.RowIndex!.Value}")
            ? (string[])[.. Cells(r).Where(t => t.Length > 0)]
            : Cells(r)).ToArray();
        Assert.Equal(ExpectedRows(plan.RoundTitle), body);
        Assert.Equal(["A4:G4", "A5:G5", "A8:G8", "A10:G10", "A11:G11"], merged);

        // The header row is bold and frozen, every body cell wraps, the columns have widths.
        var styles = workbook.WorkbookStylesPart!.Stylesheet;
        var formats = styles.CellFormats!.Elements<S.CellFormat>().ToList();
        var fonts = styles.Fonts!.Elements<S.Font>().ToList();
        var fills = styles.Fills!.Elements<S.Fill>().ToList();
        S.CellFormat Format(S.Cell c) => formats[(int)c.StyleIndex!.Value];
        Assert.All(rows[2].Elements<S.Cell>(), c => Assert.NotNull(fonts[(int)Format(c).FontId!.Value].Bold));
        Assert.All(rows.Skip(2).SelectMany(r => r.Elements<S.Cell>()), c => Assert.True(Format(c).Alignment!.WrapText!.Value));
        var pane = worksheet.Descendants<S.Pane>().Single();
        Assert.Equal((S.PaneStateValues.Frozen, 3d, "A4"), (pane.State!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value!));
        Assert.Equal([10d, 42, 30, 36, 52, 16, 40], worksheet.Descendants<S.Column>().Select(c => c.Width!.Value));
        // Rows carry a height fitted to their wrapped text (neither Excel nor LibreOffice fits it on opening): 1.1 wraps to four lines.
        Assert.Equal(63d, rows[5].Height!.Value);
        Assert.Equal(S.OrientationValues.Landscape, worksheet.Descendants<S.PageSetup>().Single().Orientation!.Value);

        // RAG has a fill as well as its text.
        string Fill(int row) => fills[(int)Format(rows[row].Elements<S.Cell>().ElementAt(5)).FillId!.Value].PatternFill!.ForegroundColor?.Rgb?.Value ?? "none";
        Assert.Equal(("FFD9EAD3", "FFFFE699", "FFF4CCCC", "none"), (Fill(5), Fill(6), Fill(8), Fill(11)));
    }

    [Fact]
    public async Task The_word_document_is_landscape_with_a_repeating_header_and_the_same_rows()
    {
        var plan = await PlanAsync();
        var bytes = ActionPlanExport.ToDocx(plan.Document);

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Equal("", Problems(document));

        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<W.Paragraph>().ToList();
        Assert.Equal($"Section 11 action plan: {plan.Document.AgencyName}", paragraphs[0].InnerText);
        Assert.Equal("Heading1", paragraphs[0].ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Equal($"{plan.RoundTitle} – generated on 1 February 2027", paragraphs[1].InnerText);

        var size = body.Elements<W.SectionProperties>().Single().GetFirstChild<W.PageSize>()!;
        Assert.Equal((W.PageOrientationValues.Landscape, 16838u, 11906u), (size.Orient!.Value, size.Width!.Value, size.Height!.Value));

        var rows = Assert.Single(body.Elements<W.Table>()).Elements<W.TableRow>().ToList();
        string[] Cells(W.TableRow r) => [.. r.Elements<W.TableCell>().Select(c => string.Join("\n", c.Elements<W.Paragraph>().Select(p => p.InnerText)))];
        Assert.Equal(Headers, Cells(rows[0]));
        Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<W.TableHeader>());
        Assert.Equal(ExpectedRows(plan.RoundTitle), rows.Skip(1).Select(Cells));
        Assert.All(rows.Skip(1), r => Assert.Null(r.TableRowProperties?.GetFirstChild<W.CantSplit>()));
        Assert.Equal(7, rows[1].Elements<W.TableCell>().Single().TableCellProperties!.GridSpan!.Val!.Value);
    }

    [Fact]
    public void Text_that_XML_cannot_carry_is_dropped_and_over_long_cells_are_shortened_in_the_spreadsheet_only()
    {
        var long1 = new string('a', 10_000);
        var action = new PlanAction
        {
            Id = 1, Position = 1, SpecificAction = "Bell\u0007 and tab\tkept", Deadline = new DateOnly(2027, 1, 31), LeadOrganisation = "Org & Co <Ltd>",
            AccountablePerson = "Named", SuccessIndicators = "Measure", UpdatedById = "u",
            Monitoring = [.. Enumerable.Range(1, 4).Select(i => new MonitoringEntry { Id = i, EntryDate = new DateOnly(2026, 11, i), Text = long1, AuthorId = "u" })],
        };
        var area = new ImprovementArea { Id = 1, Position = 1, OverarchingStandard = "Standard 1", Outcome = "Outcome 😀", CreatedById = "u", Actions = [action] };
        var plan = ActionPlanDocument.From("Agency", [area], new DateOnly(2026, 12, 1));

        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(ActionPlanExport.ToXlsx(plan)), false))
        {
            Assert.Equal("", Problems(xlsx));
            var strings = xlsx.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<S.SharedStringItem>().Select(s => s.InnerText).ToList();
            Assert.Contains("Bell and tab\tkept by 31 January 2027", strings);
            Assert.Contains("1. Identified improvement area / desired outcome: Outcome 😀", strings);
            var monitoring = Assert.Single(strings, s => s.StartsWith("1 November 2026", StringComparison.Ordinal));
            Assert.Equal(32_767, monitoring.Length);
            Assert.EndsWith("… (shortened to fit a spreadsheet cell: the Word export has the full text)", monitoring, StringComparison.Ordinal);
        }

        using var docx = WordprocessingDocument.Open(new MemoryStream(ActionPlanExport.ToDocx(plan)), false);
        Assert.Equal("", Problems(docx));
        var cells = docx.MainDocumentPart!.Document.Body!.Descendants<W.TableCell>().Select(c => c.InnerText).ToList();
        Assert.Contains("Bell and tab\tkept by 31 January 2027", cells);
        Assert.Contains("Lead organisation: Org & Co <Ltd>Named professional: Named", cells);
        Assert.Contains(cells, c => c.Length > 40_000);
    }
}
