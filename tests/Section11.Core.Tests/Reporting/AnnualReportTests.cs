using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Reporting;
using Section11.Core.Reporting.Exports;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Surveys;
using Section11.Core.Tests.Support;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Section11.Core.Tests.Reporting;

/// <summary>
/// The annual-report chapter on the fixed data set (<see cref="ReportingTestData"/>): its numbers are the dashboard's
/// and the round export's, every number a sentence gives is in a table of its section, and an anonymous chapter names
/// no agency anywhere in the Word file.
/// </summary>
[Trait("Category", "AnnualReport")]
public sealed partial class AnnualReportTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly string[] AgencyNames = ["Alder Hospital Trust", "Birch Police", "Cedar Council", "Damson Young Carers", "Elm Surgery"];

    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(ReportingTestData.Now);

    private AnnualReportService Service(Section11DbContext db) => new(db,
        new DashboardService(db, new RoundDataService(db, _catalog, _time), new ActionPlanService(db, _catalog, _time)),
        new SurveyService(db, _catalog, _time), new ActionPlanService(db, _catalog, _time), _time);

    private async Task<(AnnualReport Report, RoundDashboard Dashboard, ReportingTestData.Created Data)> ChapterAsync(bool anonymous, Func<Section11DbContext, ReportingTestData.Created, Task>? change = null)
    {
        await using var db = database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        if (change is not null)
        {
            await change(db, data);
        }

        var dashboard = (await new DashboardService(db, new RoundDataService(db, _catalog, _time), new ActionPlanService(db, _catalog, _time)).GetAsync(data.RoundId, null))!;
        return ((await Service(db).GetAsync(data.RoundId, anonymous))!, dashboard, data);
    }

    private static ReportTable Table(AnnualReport report, string id) => report.Sections.SelectMany(s => s.Tables).Single(t => t.Id == id);

    private static IEnumerable<string> Row(ReportTable table, string first) => table.Rows.Single(r => r[0].Text.StartsWith(first, StringComparison.Ordinal)).Select(c => c.Text);

    [Fact]
    public async Task Every_number_is_the_dashboards()
    {
        var (report, dashboard, _) = await ChapterAsync(anonymous: false);

        Assert.Equal(dashboard.Statuses.Select(s => $"{s.Status.Label()} {s.Count}"), Table(report, "status-table").Rows.Select(r => $"{r[0].Text} {r[1].Text}"));
        foreach (var standard in dashboard.Data.Standards)
        {
            var items = dashboard.Items.Where(i => i.Standard.Id == standard.Id).ToList();
            var table = Table(report, $"items-table-{standard.Number}");
            Assert.Equal(items.Select(i => string.Join(" ", i.Counts.Select(c => c.Count)) + $" {i.MeetingPercent}%"),
                table.Rows.Select(r => string.Join(" ", r.Skip(1).Select(c => c.Text))));
            // The heatmap's column for the standard, counted by level.
            var levels = dashboard.Heatmap.Where(h => h.Return.IsSubmitted).Select(h => h.Cells.Single(c => c.Standard.Id == standard.Id).Level?.Key).ToList();
            Assert.Equal(dashboard.Data.Levels.Select(l => levels.Count(k => k == l.Key).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Row(Table(report, "standards-table"), $"Standard {standard.Number}:").Skip(1).Take(dashboard.Data.Levels.Count));
        }

        Assert.Equal(dashboard.GoodPractice.Select(i => i.Item.Number), Table(report, "good-practice-table").Rows.Select(r => r[0].Text.Split(' ')[0]));
        Assert.Equal(dashboard.Concerns.Select(i => i.Item.Number), Table(report, "concerns-table").Rows.Select(r => r[0].Text.Split(' ')[0]));
        Assert.Equal([dashboard.Count(Movement.Improved), dashboard.Count(Movement.Same), dashboard.Count(Movement.Declined)],
            Table(report, "movement-totals-table").Rows.Take(3).Select(r => int.Parse(r[1].Text, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(dashboard.Heatmap.Select(h => string.Join(" ", h.Cells.Select(c => h.Return.IsSubmitted ? c.Level?.Label : "Not submitted"))),
            Table(report, "heatmap-table").Rows.Select(r => string.Join(" ", r.Skip(2).Select(c => c.Text))));
    }

    [Fact]
    public async Task The_figures_on_the_fixed_data_set()
    {
        var (report, _, _) = await ChapterAsync(anonymous: false);

        // 4 of 5 submitted; Health is Alder (submitted) and Elm (draft).
        Assert.Equal(["All sectors", "5", "4", "80%"], Row(Table(report, "response-table"), "All sectors"));
        Assert.Equal(["Health", "2", "1", "50%"], Row(Table(report, "response-table"), "Health"));
        Assert.Equal("4 of the 5 agencies in the round submitted their return (80%).", report.Sections[0].Sentences[0]);
        Assert.Equal(["Returns due", "31 March 2026"], Row(Table(report, "timeline-table"), "Returns due"));
        Assert.Equal(["Agencies given a later return-by date", "0"], Row(Table(report, "timeline-table"), "Agencies given"));
        // Evaluations: standard 1 all Good (100%), standard 4 Good twice of four (Alder and Birch rated it Requires improvement).
        Assert.Equal(["0", "0", "4", "0", "100%"], Row(Table(report, "standards-table"), "Standard 1:").Skip(1));
        Assert.Equal(["0", "2", "2", "0", "50%"], Row(Table(report, "standards-table"), "Standard 4:").Skip(1));
        Assert.Contains("Standard 1 was met most often (100% of evaluations) and standard 4 least often (50%).", Sentences(report, "standards"));
        // Against 2024: Alder 3 improved, Birch 4 declined, Cedar 1 improved; the other 18 the same.
        Assert.Equal(["2", "18", "1", "3"], Table(report, "movement-totals-table").Rows.Select(r => r[1].Text));
        Assert.Contains("Across the 3 agencies compared, 2 evaluations improved, 18 stayed the same and 1 declined.", Sentences(report, "movement"));
        // Plans: Alder Amber, Red, Green (1.1 overdue on 1 May 2026); Cedar one not rated (overdue).
        Assert.Equal(["All agencies", "4", "1", "1", "1", "1", "2"], Row(Table(report, "plans-table"), "All agencies"));
        Assert.Contains("The agencies' plans from this round have 4 actions: 1 red, 1 amber, 1 green and 1 not yet rated.", Sentences(report, "plans"));
        Assert.Contains("The round had no staff survey.", Sentences(report, "survey"));
    }

    private static IReadOnlyList<string> Sentences(AnnualReport report, string section) => report.Sections.Single(s => s.Id == section).Sentences;

    [Fact]
    public async Task Every_number_is_the_round_exports()
    {
        await using var db = database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        var report = (await Service(db).GetAsync(data.RoundId, anonymous: false))!;
        using var csv = new MemoryStream();
        RoundExport.WriteCsv((await new RoundDataService(db, _catalog, _time).LoadAsync(data.RoundId, withText: true))!, csv);
        var rows = Csv(Encoding.UTF8.GetString(csv.ToArray()).TrimStart('\uFEFF'));
        var header = rows[0].ToList();
        var records = rows.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        var submitted = records.Where(r => r["Status"] == "Submitted").ToList();

        // Each item's count at each level, from the export's rows.
        var levels = report.Figures.Data.Levels;
        foreach (var table in report.Sections.Single(s => s.Id == "items").Tables)
        {
            foreach (var row in table.Rows)
            {
                var number = row[0].Text.Split(' ')[0];
                var expected = levels.Select(l => submitted.Count(r => r["Item number"] == number && r["Rating"] == l.Label).ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(expected, row.Skip(1).Take(levels.Count).Select(c => c.Text));
            }
        }

        // Agencies and submitted returns by sector, from the export's agencies.
        var agencies = records.GroupBy(r => r["Agency"]).Select(g => g.First()).ToList();
        foreach (var row in Table(report, "response-table").Rows.Where(r => r[0].Text != "All sectors"))
        {
            var of = agencies.Where(a => a["Sector"] == row[0].Text).ToList();
            Assert.Equal([of.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), of.Count(a => a["Status"] == "Submitted").ToString(System.Globalization.CultureInfo.InvariantCulture)],
                row.Skip(1).Take(2).Select(c => c.Text));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_number_in_a_sentence_of_the_word_file_is_in_a_table_of_its_section(bool anonymous)
    {
        var (report, _, _) = await ChapterAsync(anonymous, ModerateAsync);

        var sections = ReadSections(AnnualReportDocx.ToBytes(report));
        Assert.Equal(report.Sections.Select(s => s.Heading), sections.Select(s => s.Heading));
        foreach (var (heading, sentences, tables) in sections)
        {
            var shown = Numbers(tables).ToHashSet();
            Assert.NotEmpty(sentences);
            foreach (var sentence in sentences)
            {
                foreach (var number in Numbers(sentence))
                {
                    Assert.True(shown.Contains(number), $"\"{sentence}\" ({heading}) gives {number}, which no table of the section shows");
                }
            }
        }

    }

    /// <summary>Birch's review: standard 4 moderated Good (it said Requires improvement), and item 1.1 Good (as it said).</summary>
    private static async Task ModerateAsync(Section11DbContext db, ReportingTestData.Created data)
    {
        var birch = data.ReturnIds["Birch Police"];
        var receipt = await db.Receipts.SingleAsync(x => x.ReturnId == birch && x.RoundId == data.RoundId);
        var standard4 = await db.StandardEvaluations.Where(e => e.ReturnId == birch && e.Standard.Number == 4).Select(e => e.StandardId).SingleAsync();
        var item11 = await db.Answers.Where(a => a.ReturnId == birch && a.Item.Number == "1.1").Select(a => new { a.ItemId, a.Item.StandardId }).SingleAsync();
        db.ModeratedRatings.AddRange(
            new ModeratedRating { ReceiptId = receipt.Id, StandardId = standard4, Rating = "good", Reason = "Seen in the audit", UpdatedAt = ReportingTestData.Now.UtcDateTime, UpdatedById = "test" },
            new ModeratedRating { ReceiptId = receipt.Id, StandardId = item11.StandardId, ItemId = item11.ItemId, Rating = "good", UpdatedAt = ReportingTestData.Now.UtcDateTime, UpdatedById = "test" });
        await db.SaveChangesAsync();
        await db.Receipts.Where(x => x.Id == receipt.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ReviewState, ReviewState.Moderated));
    }

    [Fact]
    public async Task Moderation_outcomes_compare_moderated_ratings_with_the_agencys_own()
    {
        var (report, _, _) = await ChapterAsync(anonymous: true, ModerateAsync);

        Assert.Equal(["Standard 4", "1", "0", "1", "0", "0", "0"], Row(Table(report, "moderation-table"), "Standard 4"));
        Assert.Equal(["Standard 1", "0", "0", "0", "1", "1", "0"], Row(Table(report, "moderation-table"), "Standard 1"));
        Assert.Equal(["Moderated", "1"], Row(Table(report, "review-states-table"), "Moderated"));
        Assert.Equal(["Not started", "3"], Row(Table(report, "review-states-table"), "Not started"));
        Assert.Contains("It moderated 1 standard evaluation (0 the same as the agency's own rating, 1 different) and 1 item rating (1 the same, 0 different).", Sentences(report, "moderation"));
    }

    [Fact]
    public async Task An_anonymous_chapter_names_no_agency_anywhere_in_the_word_file()
    {
        var (anonymous, _, _) = await ChapterAsync(anonymous: true, ModerateAsync);
        var (named, _, namedData) = await ChapterAsync(anonymous: false);

        var text = AllText(AnnualReportDocx.ToBytes(anonymous));
        foreach (var name in AgencyNames)
        {
            Assert.DoesNotContain(name, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("Agency B", text, StringComparison.Ordinal); // Birch, second by name, in the heatmap
        Assert.Contains(AnnualReport.AnonymousNote, text, StringComparison.Ordinal);
        Assert.Equal(["Agency A", "Agency B", "Agency C", "Agency D", "Agency E"], Table(anonymous, "heatmap-table").Rows.Select(r => r[0].Text));
        Assert.Contains($"Birch Police {namedData.Suffix}", AllText(AnnualReportDocx.ToBytes(named)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_chart_is_a_png_with_its_words_before_its_table()
    {
        var (report, _, _) = await ChapterAsync(anonymous: true);
        var charts = report.Sections.SelectMany(s => s.Tables).Where(t => t.Chart is not null).ToList();

        using var document = WordprocessingDocument.Open(new MemoryStream(AnnualReportDocx.ToBytes(report)), false);
        var images = document.MainDocumentPart!.ImageParts.ToList();
        Assert.Equal(charts.Count, images.Count);
        Assert.All(images, i => Assert.Equal("image/png", i.ContentType));
        var descriptions = document.MainDocumentPart.Document.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().Select(d => d.Description?.Value).ToList();
        Assert.Equal(charts.Select(c => c.Chart!.Title), descriptions);
        // 2 status bars, 7 standards, 7 item charts, the plans' RAG bars.
        Assert.Equal(1 + 1 + 7 + 1, charts.Count);
    }

    /// <summary>Every text of every part of the package (document, properties, image descriptions).</summary>
    private static string AllText(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith(".png", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    /// <summary>The Word file read back: per Heading 2, its plain paragraphs (the sentences) and its tables' text with their Heading 3 captions.</summary>
    private static List<(string Heading, List<string> Sentences, List<string> Tables)> ReadSections(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var sections = new List<(string, List<string>, List<string>)>();
        foreach (var element in document.MainDocumentPart!.Document.Body!.ChildElements)
        {
            var style = (element as W.Paragraph)?.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            if (style == "Heading2")
            {
                sections.Add((element.InnerText, [], []));
            }
            else if (sections.Count == 0)
            {
                continue;
            }
            else if (element is W.Table || style == "Heading3")
            {
                sections[^1].Item3.Add(element.InnerText + " " + string.Join(" ", element.Descendants<W.TableCell>().Select(c => c.InnerText)));
            }
            else if (element is W.Paragraph p && p.InnerText.Length > 0 && p.InnerText != "None.")
            {
                sections[^1].Item2.Add(p.InnerText);
            }
        }

        return sections;
    }

    private static IEnumerable<string> Numbers(IEnumerable<string> texts) => texts.SelectMany(Numbers);

    private static IEnumerable<string> Numbers(string text) => NumberPattern().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"\d+")]
    private static partial Regex NumberPattern();

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> Csv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; }
            else { field.Append(c); }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
