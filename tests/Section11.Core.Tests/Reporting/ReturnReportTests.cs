using System.Diagnostics;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Section11.Core.Surveys;
using Section11.Core.ActionPlans.Exports;
using Section11.Core.Frameworks;
using Section11.Core.Reporting;
using Section11.Core.Reporting.Exports;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;
using Xunit.Abstractions;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Section11.Core.Tests.Reporting;

/// <summary>The per-agency report on the fixed reporting data set: the model, then the Word, PDF and zip files read back.</summary>
public sealed class ReturnReportTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private const string PdfToText = "/usr/bin/pdftotext";

    private readonly FrameworkCatalog _catalog = new();

    private async Task<(ReportingTestData.Created Data, IReadOnlyList<ReturnReport> Reports)> RoundAsync()
    {
        await using var db = database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        var time = new FixedTime(ReportingTestData.Now);
        var service = new ReturnReportService(db, new RoundDataService(db, _catalog, time), new SurveyService(db, _catalog, time), time);
        return (data, await service.GetRoundAsync(data.RoundId));
    }

    private static ReturnReport Birch(IReadOnlyList<ReturnReport> reports) => reports.Single(r => r.AgencyName.StartsWith("Birch Police", StringComparison.Ordinal));

    [Fact]
    public async Task The_report_has_the_returns_ratings_evidence_evaluations_sign_off_and_the_rounds_action_plan()
    {
        var (data, reports) = await RoundAsync();
        Assert.Equal(
            ["Alder Hospital Trust", "Birch Police", "Cedar Council", "Damson Young Carers", "Elm Surgery"],
            reports.Select(r => r.AgencyName.Replace($" {data.Suffix}", "", StringComparison.Ordinal)));

        var birch = Birch(reports);
        Assert.Equal(data.ReturnIds["Birch Police"], birch.ReturnId);
        Assert.Equal("Section 11 audit 2026", birch.RoundTitle);
        Assert.Equal([4, 2, 2, 5, 5, 4, 5], birch.Standards.Select(s => s.Items.Count));
        var item42 = birch.Standards[3].Items[1];
        Assert.Equal(("4.2", "Inadequate", "Evidence for 4.2", "Action for 4.2\nTimescale: 31 December 2026"),
            (item42.Number, item42.Rating, item42.ActualEvidence, item42.ActionAndTimescale));
        Assert.Equal("Requires improvement", birch.Standards[1].Items[0].Rating);
        Assert.Equal("Outstanding", birch.Standards[6].Items[4].Rating);
        Assert.Equal("", birch.Standards[0].Items[0].ActionAndTimescale);
        Assert.Equal(["Good", "Good", "Good", "Requires improvement", "Good", "Good", "Good"], birch.Standards.Select(s => s.Evaluation.Rating));
        Assert.Equal("Evaluation of standard 4: Requires improvement", birch.Standards[3].Evaluation.Heading);
        Assert.Equal("Statement for standard 4", birch.Standards[3].Evaluation.Statement);
        Assert.StartsWith("I confirm that this is an accurate reflection of our agency's safeguarding arrangements", birch.DeclarationText, StringComparison.Ordinal);
        Assert.Equal(new ReportSignOff("Pat Signatory", "Director", birch.AgencyName, new DateOnly(2026, 3, 21)), birch.SignOff);
        Assert.Empty(birch.ActionPlan.Groups);

        var alder = reports[0];
        var area = Assert.Single(Assert.Single(alder.ActionPlan.Groups).Areas);
        Assert.Equal(("1", "Every safer-recruitment file is complete"), (area.Number, area.Outcome));
        Assert.Equal(
            [("1.1", "Audit every personnel file", "Amber (overdue)"), ("1.2", "Train recruiting managers", "Red"), ("1.3", "Publish the recruitment policy", "Green")],
            area.Actions.Select(a => (a.Number, a.SpecificAction, a.RagText)));
        Assert.Equal(new DateOnly(2026, 9, 30), area.Actions[1].Deadline);
        Assert.Equal("Policy published on the intranet", area.Actions[2].ImpactAndEvidence);
        Assert.Equal("Lead organisation: The agency\nNamed professional: Named lead", area.Actions[0].Accountability);
        Assert.Equal([("1.1", "Not rated (overdue)")], reports[2].ActionPlan.Groups.Single().Areas.Single().Actions.Select(a => (a.Number, a.RagText)));

        var elm = reports[4];
        Assert.Equal((ReturnStatus.Draft, null), (elm.Status, elm.SignOff));
        Assert.Equal(["Good", "Good", "Not rated", "Not rated"], elm.Standards[0].Items.Select(i => i.Rating));
        Assert.All(elm.Standards, s => Assert.Equal("Not rated", s.Evaluation.Rating));
    }

    [Fact]
    public async Task One_returns_report_is_the_same_as_in_the_round_and_an_unknown_return_has_none()
    {
        await using var db = database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        var time = new FixedTime(ReportingTestData.Now);
        var service = new ReturnReportService(db, new RoundDataService(db, _catalog, time), new SurveyService(db, _catalog, time), time);

        var cedar = (await service.GetReturnAsync(data.RoundId, data.ReturnIds["Cedar Council"]))!;
        Assert.Equal(["Outstanding", "Good", "Good", "Good"], cedar.Standards[0].Items.Select(i => i.Rating));
        Assert.Equal(["Requires improvement", "Requires improvement"], cedar.Standards[2].Items.Select(i => i.Rating));
        Assert.Equal("1.1", cedar.ActionPlan.Groups.Single().Areas.Single().Actions.Single().Number);
        Assert.Null(await service.GetReturnAsync(data.PreviousRoundId, data.ReturnIds["Cedar Council"]));
        Assert.Empty(await service.GetRoundAsync(int.MaxValue));
    }

    [Fact]
    public async Task The_word_document_is_valid_navigable_and_has_the_ratings_in_its_tables()
    {
        var (_, reports) = await RoundAsync();
        var birch = Birch(reports);
        using var document = WordprocessingDocument.Open(new MemoryStream(ReturnReportDocx.ToBytes(birch)), false);

        var problems = new[] { new OpenXmlValidator(), new OpenXmlValidator(FileFormatVersions.Microsoft365) }
            .SelectMany(v => v.Validate(document)).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}");
        Assert.Empty(problems);
        Assert.Equal(birch.Title, document.PackageProperties.Title);
        Assert.Equal("en-GB", document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!.Descendants<W.Languages>().Single().Val!.Value);

        var body = document.MainDocumentPart.Document.Body!;
        string[] Headings(string style) => [.. body.Elements<W.Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == style).Select(p => p.InnerText)];
        Assert.Equal([birch.Title], Headings("Heading1"));
        Assert.Equal([.. birch.Standards.Select(s => s.Heading), "Sign-off", "Action plan"], Headings("Heading2"));
        Assert.Contains("Evaluation of standard 4: Requires improvement", Headings("Heading3"));
        Assert.Contains(body.Elements<W.Paragraph>(), p => p.InnerText == "Statement for standard 4");

        var tables = body.Elements<W.Table>().ToList();
        string[] Cells(W.TableRow r) => [.. r.Elements<W.TableCell>().Select(c => string.Join("\n", c.Elements<W.Paragraph>().Select(p => p.InnerText)))];
        var standard4 = tables[4].Elements<W.TableRow>().ToList();
        Assert.Equal(ReturnReport.ItemColumns, Cells(standard4[0]));
        Assert.NotNull(standard4[0].TableRowProperties?.GetFirstChild<W.TableHeader>());
        var row42 = Cells(standard4[2]);
        Assert.Equal(["4.2", "Inadequate", "Evidence for 4.2", "Action for 4.2\nTimescale: 31 December 2026"], [row42[0], row42[2], row42[3], row42[4]]);
        Assert.Equal(birch.Standards[3].Items[1].Text.Replace("\r\n", "\n", StringComparison.Ordinal), row42[1]);

        var signOff = tables[8].Elements<W.TableRow>().Select(Cells).ToList();
        Assert.Equal([["Name", "Pat Signatory"], ["Post held", "Director"], ["Organisation", birch.AgencyName], ["Date", "21 March 2026"]], signOff);
        Assert.Contains(body.Elements<W.Paragraph>(), p => p.InnerText == birch.ActionPlanEmpty);

        // The action plan is a landscape section, as the paper template.
        var sections = body.Descendants<W.SectionProperties>().ToList();
        Assert.Equal([null, W.PageOrientationValues.Landscape], sections.Select(s => s.GetFirstChild<W.PageSize>()!.Orient?.Value));
    }

    [Fact]
    public async Task The_action_plan_in_the_word_document_is_the_rounds_plan_with_its_numbers()
    {
        var (_, reports) = await RoundAsync();
        using var document = WordprocessingDocument.Open(new MemoryStream(ReturnReportDocx.ToBytes(reports[0])), false);
        var plan = document.MainDocumentPart!.Document.Body!.Elements<W.Table>().Last().Elements<W.TableRow>()
            .Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(ActionPlanDocument.Columns, plan[0]);
        Assert.Equal("1. Identified improvement area / desired outcome: Every safer-recruitment file is complete", Assert.Single(plan[2]));
        Assert.Equal([("1.1", "Amber (overdue)"), ("1.2", "Red"), ("1.3", "Green")], plan.Skip(3).Select(r => (r[0], r[5])));
    }

    [Fact]
    public async Task The_pdf_has_the_agency_its_ratings_and_page_numbers_as_text()
    {
        var (_, reports) = await RoundAsync();
        var birch = Birch(reports);
        var bytes = ReturnReportPdf.ToBytes(birch);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        if (!File.Exists(PdfToText))
        {
            output.WriteLine("pdftotext is not installed: the text of the PDF was not checked");
            return;
        }

        var text = ExtractText(bytes);
        Assert.Contains(birch.AgencyName, text, StringComparison.Ordinal);
        Assert.Contains("4.2", text, StringComparison.Ordinal);
        Assert.Contains("Inadequate", text, StringComparison.Ordinal);
        Assert.Contains("Evaluation of standard 4: Requires improvement", text, StringComparison.Ordinal);
        Assert.Contains("Pat Signatory", text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of ", text, StringComparison.Ordinal);
        var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Contains($"Page {pages} of {pages}", text, StringComparison.Ordinal);

        var alder = ExtractText(ReturnReportPdf.ToBytes(reports[0]));
        Assert.Contains("Audit every personnel", alder, StringComparison.Ordinal);
        Assert.Contains("Amber", alder, StringComparison.Ordinal);
    }

    [Fact]
    public void A_59_item_return_with_long_answers_lays_out_and_splits_long_rows_across_pages()
    {
        // About the length of real answers: a paragraph of item text, evidence and statement, an action on every third item.
        var sentence = "Supervision records show that every case was reviewed within the month.";
        var words = string.Join(' ', Enumerable.Repeat(sentence, 4));
        ReportStandard Standard(int n, int items) => new(n, $"Standard {n} title", [.. Enumerable.Range(1, items).Select(i =>
            new ReportItem($"{n}.{i}", $"Item {n}.{i}: {words}", "good", "Good", words, i % 3 == 0 ? sentence : null, i % 3 == 0 ? new DateOnly(2026, 12, 31) : null))],
            new ReportEvaluation(n, "good", "Good", words));
        var report = new ReturnReport(1, 1, "Riverside Medical Practice", "Section 11 audit 2026", "Primary care", "2014",
            ReturnStatus.Submitted, new DateOnly(2026, 3, 31), new DateTime(2026, 3, 20, 9, 0, 0, DateTimeKind.Utc), new DateOnly(2026, 5, 1),
            [.. Enumerable.Range(1, 8).Select(n => Standard(n, n == 8 ? 10 : 7))],
            "I confirm.", new ReportSignOff("A Person", "Director", "Riverside", new DateOnly(2026, 3, 20)),
            new ActionPlanDocument("Riverside Medical Practice", new DateOnly(2026, 5, 1), "Section 11 audit 2026", []));
        Assert.Equal(59, report.Standards.Sum(s => s.Items.Count));

        // Speed is measured in bench/ (docs/performance.md), not here; this checks a long return lays out at all.
        var bytes = ReturnReportPdf.ToBytes(report);
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);

        // A row longer than a page continues on the next.
        var huge = report with { Standards = [Standard(1, 1) with { Items = [new ReportItem("1.1", "Text", null, "Not rated", string.Join('\n', Enumerable.Repeat(words, 30)), null, null)] }] };
        if (File.Exists(PdfToText))
        {
            var text = ExtractText(ReturnReportPdf.ToBytes(huge));
            var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(pages.Length >= 3, $"{pages.Length} pages");

            // Every page the table runs onto starts with its header row.
            Assert.All(pages.Skip(1).SkipLast(1), page => Assert.Contains("Actual evidence", page, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_round_zip_has_one_file_per_agency_named_from_the_agency()
    {
        var (data, reports) = await RoundAsync();
        foreach (var format in ReturnReportZip.Formats)
        {
            using var zip = new ZipArchive(new MemoryStream(ReturnReportZip.ToBytes(reports, format)), ZipArchiveMode.Read);
            Assert.Equal(
                [.. new[] { "alder-hospital-trust", "birch-police", "cedar-council", "damson-young-carers", "elm-surgery" }.Select(n => $"{n}-{data.Suffix}.{format}")],
                zip.Entries.Select(e => e.FullName));
            using var first = new MemoryStream();
            zip.Entries[1].Open().CopyTo(first);
            Assert.Equal(format == "pdf" ? "%PDF" : "PK\u0003\u0004", System.Text.Encoding.ASCII.GetString(first.ToArray(), 0, 4));
        }
    }

    [Theory]
    [InlineData("Birch Police", "birch-police")]
    [InlineData("  St. Mary's C of E (Aided) School ", "st-mary-s-c-of-e-aided-school")]
    [InlineData("Crèche Ōtautahi", "crèche-ōtautahi")]
    [InlineData("???", "agency")]
    public void Agency_names_become_file_names(string name, string slug) => Assert.Equal(slug, Section11.Core.Exports.ExportText.Slug(name, whenEmpty: "agency"));

    private static string ExtractText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(PdfToText, ["-layout", path, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
