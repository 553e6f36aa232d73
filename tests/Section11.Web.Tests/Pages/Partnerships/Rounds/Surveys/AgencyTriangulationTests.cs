using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Surveys;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds.Surveys;

/// <summary>
/// The survey's triangulation in the agency's report and in the partnership's review of its return: the flagged items
/// with the self rating, the moderated rating and the share of staff agreeing, once the survey has closed.
/// </summary>
[Trait("Category", "Survey")]
public sealed class AgencyTriangulationTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private static string[] Cells(HtmlClient.Page page, string row) =>
        [.. page.Document.QuerySelectorAll($"{row} th, {row} td").Select(c => c.TextContent.Trim())];

    [Fact]
    public async Task The_report_and_the_review_show_the_agencys_flagged_items_once_the_survey_has_closed()
    {
        SurveyTestData.SurveySetup s;
        int policeReturn, trustReturn, policeReceipt;
        await using (var db = factory.Database.CreateContext())
        {
            (s, _) = await SurveyTestData.FixedResponsesAsync(db, new FrameworkCatalog(), factory.Clock);
            // Police rates 1.1 Good (5 of its 8 staff agree: 63%, flagged); the partnership moderates it down. The trust
            // rates it Good too, but only three of its staff answered.
            (policeReturn, policeReceipt) = await SubmitRatedAsync(db, s.RoundId, s.Links[0].AgencyId, "good", moderated: "requires-improvement", s.UserId);
            (trustReturn, _) = await SubmitRatedAsync(db, s.RoundId, s.Links[1].AgencyId, "good", moderated: null, s.UserId);
        }

        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: s.PartnershipId, name: "Ada Admin");
        var lead = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: s.Links[0].AgencyId, name: "Lee Lead");
        using var adminClient = factory.CreateHtmlClient();
        await adminClient.SignInAsync(admin.Email);
        using var leadClient = factory.CreateHtmlClient();
        await leadClient.SignInAsync(lead.Email);

        // While the survey takes answers the numbers can change: neither page shows them.
        Assert.Null((await adminClient.GetAsync(Web.Links.ReturnReport(policeReturn))).Document.QuerySelector("#survey-triangulation"));
        Assert.Null((await adminClient.GetAsync(Web.Links.Review(s.PartnershipId, s.RoundId, policeReceipt))).Document.QuerySelector("#survey-triangulation"));
        await using (var db = factory.Database.CreateContext())
        {
            Assert.Empty(await new SurveyService(db, new FrameworkCatalog(), factory.Clock).CloseAsync(s.RoundId, s.UserId));
        }

        string[] flagged = ["1.1", "Good", "Requires improvement", "63% (5 of 8)", "Rated as meeting, but few staff agree"];
        var report = await adminClient.GetAsync(Web.Links.ReturnReport(policeReturn));
        Assert.Equal("What staff said in the all-staff survey", report.Text("#survey-triangulation"));
        Assert.Equal(flagged, Cells(report, "#survey-flag-1-1"));
        Assert.Equal(Web.Links.SurveyTriangulation(s.PartnershipId, s.RoundId), report.Document.QuerySelector("#survey-results-link")!.GetAttribute("href"));

        var review = await adminClient.GetAsync(Web.Links.Review(s.PartnershipId, s.RoundId, policeReceipt));
        Assert.Equal(flagged, Cells(review, "#survey-flag-1-1"));
        Assert.Single(review.Document.QuerySelectorAll("#survey-flagged tbody tr"));

        // The agency's lead reads the same in its own report, with a link to its own staff's results.
        var own = await leadClient.GetAsync(Web.Links.ReturnReport(policeReturn));
        Assert.Equal(flagged, Cells(own, "#survey-flag-1-1"));
        var results = own.Document.QuerySelector("#survey-results-link")!.GetAttribute("href")!;
        Assert.Equal(Web.Links.AgencySurveyResults(s.Links[0].AgencyId, s.RoundId), results);
        Assert.Equal("Staff survey results: Survey round", (await leadClient.GetAsync(results)).H1);

        // The report's Word and PDF say the same as its page.
        string[] flaggedLine = ["What staff said in the all-staff survey", "Flagged items (1)", .. flagged];
        var docx = await adminClient.Http.GetByteArrayAsync(Web.Links.ReturnReportFile(policeReturn, "docx"));
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var paragraphs = word.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
            var at = paragraphs.IndexOf("What staff said in the all-staff survey");
            string[] found = [paragraphs[at], paragraphs[at + 2], .. paragraphs.Skip(at + 3 + AgencyTriangulation.Columns.Count).Take(flagged.Length)];
            Assert.Equal(flaggedLine, found);
        }

        if (File.Exists("/usr/bin/pdftotext") || Environment.GetEnvironmentVariable("SECTION11_REQUIRE_OFFICE") == "1")
        {
            var pdf = await PdfTextAsync(await adminClient.Http.GetByteArrayAsync(Web.Links.ReturnReportFile(policeReturn, "pdf")));
            Assert.Contains("What staff said in the all-staff survey", pdf, StringComparison.Ordinal);
            Assert.Contains("63% (5 of 8)", pdf, StringComparison.Ordinal);
            Assert.Contains("Rated as meeting, but few staff agree", pdf, StringComparison.Ordinal);
        }

        // Three of the trust's staff answered: too few to compare, so nothing is flagged or shown.
        var trust = await adminClient.GetAsync(Web.Links.ReturnReport(trustReturn));
        Assert.Equal("Fewer than 5 of the agency's staff answered (3), so their answers are not compared with its ratings.", trust.Text("#survey-too-few"));
        Assert.Null(trust.Document.QuerySelector("#survey-flagged"));
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", [path, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            // A cell's lines wrap: read the text as one line.
            return System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Submits the agency's return with 1.1 rated (in the rows: the return's own journey is tested elsewhere), and moderates it if asked.</summary>
    private static async Task<(int ReturnId, int ReceiptId)> SubmitRatedAsync(Core.Data.Section11DbContext db, int roundId, int agencyId, string rating, string? moderated, string userId)
    {
        var receipt = await db.Receipts.Include(x => x.Return).SingleAsync(x => x.RoundId == roundId && x.AgencyId == agencyId);
        var item = await db.Items.SingleAsync(i => i.Number == "1.1" && i.Standard.FrameworkVersionId == receipt.Return!.FrameworkVersionId && i.Standard.RoundId == null);
        receipt.Return!.Status = ReturnStatus.Submitted;
        receipt.Return.SubmittedAt = DateTime.UtcNow;
        receipt.Return.Revision = 1;
        var answer = await db.Answers.SingleOrDefaultAsync(a => a.ReturnId == receipt.ReturnId && a.ItemId == item.Id);
        if (answer is null)
        {
            db.Answers.Add(new Answer { ReturnId = receipt.Return.Id, ItemId = item.Id, Rating = rating });
        }
        else
        {
            answer.Rating = rating;
        }

        if (moderated is not null)
        {
            db.ModeratedRatings.Add(new ModeratedRating { ReceiptId = receipt.Id, StandardId = item.StandardId, ItemId = item.Id, Rating = moderated, UpdatedAt = DateTime.UtcNow, UpdatedById = userId });
        }

        await db.SaveChangesAsync();
        return (receipt.Return.Id, receipt.Id);
    }
}
