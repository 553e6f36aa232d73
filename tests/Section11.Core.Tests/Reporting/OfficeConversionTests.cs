using System.Diagnostics;
using System.Text;
using Section11.Core.Surveys;
using Section11.Core.ActionPlans;
using Section11.Core.ActionPlans.Exports;
using Section11.Core.Frameworks;
using Section11.Core.Reporting;
using Section11.Core.Reporting.Exports;
using Section11.Core.Tests.Support;
using Xunit.Abstractions;

namespace Section11.Core.Tests.Reporting;

/// <summary>
/// Every file the service hands out opens in LibreOffice: each is converted headless, and what LibreOffice read back is
/// checked against the fixed data set. The README test command installs LibreOffice and sets SECTION11_REQUIRE_OFFICE=1,
/// so there a missing soffice fails; elsewhere these tests say so and pass.
/// </summary>
[Trait("Category", "Office")]
public sealed class OfficeConversionTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private static readonly string? Soffice = new[] { "/usr/bin/soffice", "/usr/bin/libreoffice" }.FirstOrDefault(File.Exists);

    private static bool Required => Environment.GetEnvironmentVariable("SECTION11_REQUIRE_OFFICE") == "1";

    private readonly FrameworkCatalog _catalog = new();

    [Fact]
    public async Task The_round_export_the_agency_report_and_the_action_plan_open_in_LibreOffice()
    {
        if (Soffice is null)
        {
            Assert.False(Required, "LibreOffice (soffice) is not installed, and SECTION11_REQUIRE_OFFICE=1 requires it");
            output.WriteLine("LibreOffice is not installed: conversion not checked");
            return;
        }

        await using var db = database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        var time = new FixedTime(ReportingTestData.Now);
        var round = (await new RoundDataService(db, _catalog, time).LoadAsync(data.RoundId, withText: true))!;
        var report = (await new ReturnReportService(db, new RoundDataService(db, _catalog, time), new SurveyService(db, _catalog, time), time).GetReturnAsync(data.RoundId, data.ReturnIds["Birch Police"]))!;
        var alder = (await new ReturnReportService(db, new RoundDataService(db, _catalog, time), new SurveyService(db, _catalog, time), time).GetReturnAsync(data.RoundId, data.ReturnIds["Alder Hospital Trust"]))!;

        var folder = Directory.CreateTempSubdirectory("section11-office-").FullName;
        try
        {
            var (xlsx, csv) = RoundExport.WriteFiles(round, folder, ReportingTestData.Now);
            var docx = Path.Combine(folder, "birch-report.docx");
            await File.WriteAllBytesAsync(docx, ReturnReportDocx.ToBytes(report));
            var planXlsx = Path.Combine(folder, "alder-action-plan.xlsx");
            await File.WriteAllBytesAsync(planXlsx, ActionPlanExport.ToXlsx(alder.ActionPlan));
            var planDocx = Path.Combine(folder, "alder-action-plan.docx");
            await File.WriteAllBytesAsync(planDocx, ActionPlanExport.ToDocx(alder.ActionPlan));

            // Every file converts to PDF.
            var pdfs = Path.Combine(folder, "pdf");
            await ConvertAsync(folder, "pdf", pdfs, xlsx, csv, docx, planXlsx, planDocx);
            foreach (var file in new[] { xlsx, csv, docx, planXlsx, planDocx })
            {
                var pdf = Path.Combine(pdfs, Path.GetFileNameWithoutExtension(file) + ".pdf");
                Assert.True(File.Exists(pdf) && new FileInfo(pdf).Length > 1000, $"LibreOffice made no PDF of {Path.GetFileName(file)}");
            }

            // What LibreOffice read: the workbook's first sheet (Summary) as CSV, and the report's text.
            var read = Path.Combine(folder, "read");
            await ConvertAsync(folder, "csv", read, xlsx);
            var summary = await File.ReadAllTextAsync(Path.Combine(read, Path.GetFileNameWithoutExtension(xlsx) + ".csv"));
            Assert.Contains("Section 11 audit 2026", summary, StringComparison.Ordinal);
            // Birch: items 3333 23 33 31333 33233 3333 33334 → Inadequate 1, Requires improvement 2, Good 23, Outstanding 1.
            var birchRow = summary.Split('\n').Single(l => l.StartsWith($"Birch Police {data.Suffix},", StringComparison.Ordinal));
            Assert.Contains(",1,2,23,1,27,", birchRow, StringComparison.Ordinal);

            await ConvertAsync(folder, "txt:Text", read, docx);
            var text = await File.ReadAllTextAsync(Path.Combine(read, "birch-report.txt"));
            Assert.Contains($"Birch Police {data.Suffix}", text, StringComparison.Ordinal);
            Assert.Contains("Inadequate", text, StringComparison.Ordinal);
            Assert.Contains("Evidence for 4.2", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The annual-report chapter (anonymous, with its chart images) converts to PDF without an error and LibreOffice reads
    /// its text. With SECTION11_OFFICE_OUT set, the PDF is copied there (the README's picture is its first page).
    /// </summary>
    [Fact]
    [Trait("Category", "AnnualReport")]
    public async Task The_annual_report_chapter_opens_in_LibreOffice()
    {
        if (Soffice is null)
        {
            Assert.False(Required, "LibreOffice (soffice) is not installed, and SECTION11_REQUIRE_OFFICE=1 requires it");
            output.WriteLine("LibreOffice is not installed: conversion not checked");
            return;
        }

        await using var db = database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        var time = new FixedTime(ReportingTestData.Now);
        var plans = new ActionPlanService(db, _catalog, time);
        var service = new AnnualReportService(db, new DashboardService(db, new RoundDataService(db, _catalog, time), plans),
            new Section11.Core.Surveys.SurveyService(db, _catalog, time), plans, time);
        var chapter = (await service.GetAsync(data.RoundId, anonymous: true))!;

        var folder = Directory.CreateTempSubdirectory("section11-office-").FullName;
        try
        {
            var docx = Path.Combine(folder, "annual-report.docx");
            await File.WriteAllBytesAsync(docx, AnnualReportDocx.ToBytes(chapter));
            var pdfs = Path.Combine(folder, "pdf");
            await ConvertAsync(folder, "pdf", pdfs, docx);
            var pdf = Path.Combine(pdfs, "annual-report.pdf");
            Assert.True(File.Exists(pdf) && new FileInfo(pdf).Length > 10_000, "LibreOffice made no PDF of the annual report chapter");
            if (Environment.GetEnvironmentVariable("SECTION11_OFFICE_OUT") is { Length: > 0 } keep)
            {
                File.Copy(pdf, Path.Combine(keep, "annual-report.pdf"), overwrite: true);
            }

            var read = Path.Combine(folder, "read");
            await ConvertAsync(folder, "txt:Text", read, docx);
            var text = await File.ReadAllTextAsync(Path.Combine(read, "annual-report.txt"));
            Assert.Contains("4 of the 5 agencies in the round submitted their return (80%).", text, StringComparison.Ordinal);
            Assert.Contains("Ratings by standard", text, StringComparison.Ordinal);
            Assert.Contains("Agency B", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Birch Police", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A sent feedback letter's Word document converts to PDF, and LibreOffice reads each of its parts.</summary>
    [Fact]
    [Trait("Category", "Review")]
    public async Task The_feedback_letter_opens_in_LibreOffice()
    {
        if (Soffice is null)
        {
            Assert.False(Required, "LibreOffice (soffice) is not installed, and SECTION11_REQUIRE_OFFICE=1 requires it");
            output.WriteLine("LibreOffice is not installed: conversion not checked");
            return;
        }

        var letter = new Section11.Core.Review.LetterDocument("Birch Police", "Northshire Partnership", "Section 11 audit 2026", new DateOnly(2026, 12, 2),
            "Thank you for your return.", [new("1.2", "Safeguarding is in the business plan.", "Met", "1", "Moderated down", "The plan does not mention it")],
            "1.1: A named lead", "1.2: Update the plan", new DateOnly(2027, 3, 2), "Ada Admin", IsDraft: false);
        var folder = Directory.CreateTempSubdirectory("section11-office-").FullName;
        try
        {
            var docx = Path.Combine(folder, "letter.docx");
            await File.WriteAllBytesAsync(docx, Section11.Core.Review.Exports.FeedbackLetterDocx.ToBytes(letter));
            var pdfs = Path.Combine(folder, "pdf");
            await ConvertAsync(folder, "pdf", pdfs, docx);
            Assert.True(File.Exists(Path.Combine(pdfs, "letter.pdf")) && new FileInfo(Path.Combine(pdfs, "letter.pdf")).Length > 1000, "LibreOffice made no PDF of the letter");

            var read = Path.Combine(folder, "read");
            await ConvertAsync(folder, "txt:Text", read, docx);
            var text = await File.ReadAllTextAsync(Path.Combine(read, "letter.txt"));
            foreach (var expected in new[] { "Feedback on your Section 11 return: Section 11 audit 2026", "Grades that changed", "The plan does not mention it",
                "1.1: A named lead", "1.2: Update the plan", "Northshire Partnership will follow up on 2 March 2027.", "Ada Admin, for Northshire Partnership" })
            {
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs soffice with its own profile folder (so runs never share or lock one) and fails on any error it reports.</summary>
    private async Task ConvertAsync(string work, string format, string outDir, params string[] files)
    {
        var profile = new Uri(Path.Combine(work, "profile")).AbsoluteUri;
        var start = new ProcessStartInfo(Soffice!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["--headless", "--norestore", $"-env:UserInstallation={profile}", "--convert-to", format, "--outdir", outDir, .. files])
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var log = new StringBuilder().Append(await stdout).Append(await stderr).ToString();
        output.WriteLine($"soffice --convert-to {format} ({files.Length} files, {clock.Elapsed.TotalSeconds:F1}s): {log.Trim()}");
        Assert.Equal(0, process.ExitCode);
        Assert.DoesNotContain("Error", log, StringComparison.OrdinalIgnoreCase);
    }
}
