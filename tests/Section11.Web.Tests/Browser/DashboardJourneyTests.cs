using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// A partnership reviewer reads a round's dashboard in a real browser: from the partnership to the round, to the
/// dashboard, narrows it to one sector and follows a heatmap cell to that standard in the agency's return. axe checks
/// every page, with JavaScript on and off. With SECTION11_SCREENSHOTS=1 it writes the README's dashboard picture.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class DashboardJourneyTests(DashboardJourneyTests.Server server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<DashboardJourneyTests.Server>, IClassFixture<BrowserFixture>
{
    /// <summary>
    /// The server on a fixed day after 30 September 2026, when every action of the data set is past its deadline and
    /// the overdue figures are those below, whatever day the test runs.
    /// </summary>
    public sealed class Server : HttpsServerFactory
    {
        public Server() => Clock.Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reviewer_reads_the_dashboard_and_follows_a_standard_to_the_agencys_return(bool javaScript)
    {
        await using var axe = new AxeLog(browser, javaScript);
        ReportingTestData.Created data;
        string partnershipName;
        await using (var db = server.Database.CreateContext())
        {
            data = await ReportingTestData.CreateAsync(db);
            partnershipName = (await db.Partnerships.FindAsync(data.PartnershipId))!.Name;
        }

        var reviewer = await server.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: data.PartnershipId, name: "Robin Reviewer");
        await using var context = await browser.NewContextAsync(server.ServerAddress, javaScript: javaScript, width: 1280);
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsync(page, server, reviewer.Email, axe);

        await page.GotoAsync("/partnerships");
        await page.GetByRole(AriaRole.Link, new() { Name = partnershipName, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Section 11 audit 2026", Exact = true }).ClickAsync();
        await axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard: where agencies stand, standard by standard" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dashboard: Section 11 audit 2026");
        await Expect(page.Locator("#submitted-count")).ToHaveTextAsync("4 of 5");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Bar chart of returns by status, all sectors: Submitted 4, Overdue 1" })).ToBeVisibleAsync();
        await axe.CheckAsync(page);
        if (javaScript)
        {
            // The top of the dashboard: the status chart and the first rows of the heatmap.
            await page.Locator("#heatmap").ScrollIntoViewIfNeededAsync();
            await DocScreenshot.TakeAsync(page, "dashboard.png", 1700, output);
        }

        await page.GetByLabel("Sector", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Police" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/dashboard\?sector=Police$"));
        await Expect(page.Locator("#submitted-count")).ToHaveTextAsync("1 of 1");
        await Expect(page.Locator("#heatmap tbody tr")).ToHaveCountAsync(1);
        await axe.CheckAsync(page, "Police only");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Birch Police {data.Suffix}, standard 4: Requires improvement" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/returns/{data.ReturnIds["Birch Police"]}/view#standard-4$"));
        await Expect(page.Locator("#standard-4")).ToContainTextAsync("Requires improvement");
        await axe.CheckAsync(page);

        output.WriteLine($"{axe.Pages.Count} pages checked with axe (JavaScript {(javaScript ? "on" : "off")})");
        axe.AssertNone();
    }
}
