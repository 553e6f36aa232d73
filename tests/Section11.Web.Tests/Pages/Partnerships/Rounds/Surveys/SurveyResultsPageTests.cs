using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds.Surveys;

/// <summary>The administrator's results pages, free-text moderation, downloads, and the QR codes with new links.</summary>
[Trait("Category", "Survey")]
public sealed class SurveyResultsPageTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private async Task<(HtmlClient Admin, SurveyTestData.SurveySetup S, string Results)> ArrangeAsync()
    {
        await using var db = factory.Database.CreateContext();
        var (s, _) = await SurveyTestData.FixedResponsesAsync(db, new FrameworkCatalog(), factory.Clock);
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: s.PartnershipId, name: "Ada Admin");
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(admin.Email);
        return (client, s, Web.Links.SurveyResults(s.PartnershipId, s.RoundId));
    }

    private static string[] Row(HtmlClient.Page page, string selector) =>
        [.. page.Document.QuerySelector(selector)!.Children.Select(c => c.TextContent.Trim())];

    [Fact]
    public async Task Results_show_each_questions_chart_with_the_same_numbers_in_a_table_and_hide_small_groups()
    {
        var (admin, s, url) = await ArrangeAsync();
        using var _ = admin;
        var all = await admin.GetAsync(url);
        Assert.Equal("Survey results", all.H1);
        Assert.Equal(["Agreeing (agree and strongly agree)", "8", "73%"], Row(all, "#all-q1-agree"));
        var chart = all.Document.QuerySelector("svg#all-q1-chart")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.StartsWith("Bar chart of answers to question 1: Strongly agree 2 (18%), Agree 6 (55%)", chart.QuerySelector("title")!.TextContent, StringComparison.Ordinal);

        int police = s.Links[0].AgencyId, trust = s.Links[1].AgencyId;
        var page = await admin.GetAsync(Web.Links.SurveyAgencyResults(s.PartnershipId, s.RoundId, police));
        Assert.Equal($"Survey results: {s.Links[0].AgencyName}", page.H1);
        Assert.Equal(["Agree", "3", "38%"], Row(page, $"#agency-{police}-q1-table tbody tr:nth-child(2)"));
        Assert.Equal(["Agreeing (agree and strongly agree)", "5", "63%"], Row(page, $"#agency-{police}-q1-agree"));
        Assert.Equal(["Level 1", "6", "75%"], Row(page, $"#agency-{police}-q2-table tbody tr:nth-child(1)"));
        // By role: the five who work directly with children; the three managers are never shown.
        var roles = page.Document.QuerySelectorAll($"#agency-{police}-q1-roles tbody tr");
        Assert.Equal([SurveyTestData.Direct, "5", "1 (20%)", "2 (40%)", "1 (20%)", "1 (20%)", "0 (0%)", "60%"], roles.Single().Children.Select(c => c.TextContent.Trim()));
        Assert.DoesNotContain(SurveyTestData.Manager, page.Document.Body!.TextContent, StringComparison.Ordinal);

        var small = await admin.GetAsync(Web.Links.SurveyAgencyResults(s.PartnershipId, s.RoundId, trust));
        Assert.Equal("Fewer than 5 people answered, so no results are shown: they could point at who answered.", small.Text($"#agency-{trust}-too-few"));
        Assert.Null(small.Document.QuerySelector("svg.app-chart"));

        // An agency that is not in the round is not found.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.GetAsync(Web.Links.SurveyAgencyResults(s.PartnershipId, s.RoundId, 999_999))).Status);
    }

    [Fact]
    public async Task Free_text_appears_only_once_marked_publishable_and_the_downloads_say_the_same()
    {
        var (admin, s, url) = await ArrangeAsync();
        using var _ = admin;
        var police = s.Links[0].AgencyId;
        var agencyUrl = Web.Links.SurveyAgencyResults(s.PartnershipId, s.RoundId, police);
        var before = await admin.GetAsync(agencyUrl);
        Assert.Equal("No answers to show.", before.Text($"#agency-{police}-q3-no-text"));
        Assert.Equal("3 not yet read.", before.Text($"#agency-{police}-q3-unread"));

        var read = await admin.GetAsync(Web.Links.SurveyFreeText(s.PartnershipId, s.RoundId));
        Assert.Equal("3 answers to read.", read.Text("#unread-count"));
        Assert.Equal(["Publish me", "Do not publish", "Still unread"], read.Document.QuerySelectorAll("#unread .govuk-inset-text").Select(e => e.TextContent.Trim()));
        var marked = await admin.FollowAsync(await admin.SubmitAsync(read, new Dictionary<string, string?>(), "publishable=true", "#unread li:nth-child(1) form"));
        Assert.Equal("The answer has been marked publishable", marked.Text("#confirmation"));
        marked = await admin.FollowAsync(await admin.SubmitAsync(marked, new Dictionary<string, string?>(), "publishable=false", "#unread li:nth-child(1) form"));
        Assert.Equal(["Still unread"], marked.Document.QuerySelectorAll("#unread .govuk-inset-text").Select(e => e.TextContent.Trim()));

        var after = await admin.GetAsync(agencyUrl);
        Assert.Equal("Publish me", after.Text($"#agency-{police}-q3-text"));
        Assert.DoesNotContain("Do not publish", after.Document.Body!.TextContent, StringComparison.Ordinal);

        var csv = await admin.Http.GetAsync(Web.Links.SurveyAgencyExportFile(s.PartnershipId, s.RoundId, police, "csv"));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Contains($"{s.Links[0].AgencyName},1,I know how to refer a child to children's social care,All staff,Agree,3,38", lines);
        Assert.Contains($"{s.Links[0].AgencyName},3,What would help you most?,All staff,Published comment: Publish me,,", lines);
        Assert.DoesNotContain(lines, l => l.Contains("Do not publish", StringComparison.Ordinal));
        var xlsx = await admin.Http.GetAsync(Web.Links.SurveyExportFile(s.PartnershipId, s.RoundId, "xlsx"));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.Http.GetAsync(Web.Links.SurveyExportFile(s.PartnershipId, s.RoundId, "pdf"))).StatusCode);
        Assert.Equal(url, (await admin.GetAsync(url)).Response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Each_new_link_is_shown_once_with_its_qr_code_drawn_as_svg()
    {
        await using var db = factory.Database.CreateContext();
        var s = await SurveyTestData.SurveyAsync(db, new FrameworkCatalog(), factory.Clock, open: false);
        var person = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: s.PartnershipId, name: "Ada Admin");
        using var admin = factory.CreateHtmlClient();
        await admin.SignInAsync(person.Email);
        var open = await admin.GetAsync(Web.Links.SurveyOpen(s.PartnershipId, s.RoundId));
        var links = await admin.SubmitAsync(open, new Dictionary<string, string?>());
        var rows = links.Document.QuerySelectorAll("#survey-links tbody tr");
        Assert.Equal(2, rows.Length);
        foreach (var row in rows)
        {
            var qr = row.QuerySelector("svg.app-qr")!;
            Assert.Equal("img", qr.GetAttribute("role"));
            Assert.Equal($"QR code of {row.QuerySelector("th")!.TextContent.Trim()}'s survey link", qr.QuerySelector("title")!.TextContent);
            Assert.NotNull(qr.QuerySelector("path[d^='M']"));
            Assert.Null(qr.GetAttribute("style"));
        }
    }

    [Fact]
    public async Task Triangulation_lists_every_mapped_item_and_its_thresholds_are_settings_with_errors_on_the_details_page()
    {
        var (admin, s, _) = await ArrangeAsync();
        using var _ = admin;
        var page = await admin.GetAsync(Web.Links.SurveyTriangulation(s.PartnershipId, s.RoundId));
        Assert.Equal("Staff answers and agencies' ratings", page.H1);
        Assert.Equal(("75%", "90%"), (page.Text("#few-agree"), page.Text("#most-agree")));
        // No return is submitted yet, so nothing contradicts: each agency's row says so, with its staff's share.
        Assert.Equal("No agency's rating is contradicted by its staff's answers.", page.Text("#none-flagged"));
        var rows = page.Document.QuerySelectorAll("#triangulation tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal([s.Links[0].AgencyName, "1.1", "No submitted rating", "None", "63% (5 of 8)", ""], rows.Single(r => r[0] == s.Links[0].AgencyName));
        Assert.Equal("Too few responses (3)", rows.Single(r => r[0] == s.Links[1].AgencyName)[4]);
        Assert.Equal("img", page.Document.QuerySelector("svg#triangulation-chart")!.GetAttribute("role"));

        var dashboard = await admin.GetAsync(Web.Links.RoundDashboard(s.PartnershipId, s.RoundId));
        Assert.Equal(Web.Links.SurveyTriangulation(s.PartnershipId, s.RoundId), dashboard.Document.QuerySelector("#survey-triangulation-link a")!.GetAttribute("href"));

        var details = await admin.GetAsync(Web.Links.SurveyDetails(s.PartnershipId, s.RoundId));
        Assert.Equal("5", details.Value("MinimumGroupSize"));
        var wrong = await admin.SubmitAsync(details, new Dictionary<string, string?> { ["MinimumGroupSize"] = "2", ["NotMetButAgreePercent"] = "80" });
        Assert.Equal(["The smallest group shown must be a whole number from 3 to 50"], wrong.ErrorSummary);
        Assert.Equal(("2", "80"), (wrong.Value("MinimumGroupSize"), wrong.Value("NotMetButAgreePercent")));
        await admin.SubmitAsync(wrong, new Dictionary<string, string?> { ["MinimumGroupSize"] = "3" });
        Assert.Equal("80%", (await admin.GetAsync(Web.Links.SurveyTriangulation(s.PartnershipId, s.RoundId))).Text("#most-agree"));
    }
}
