using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Section11.Core.Returns;
using Section11.Web.Tests.Notifications;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// An administrator schedules a challenge panel from the round's tracker (first with nothing typed, to see the error
/// summary), opens it, and records an agency's outcome (first without a grade). axe checks every page, with
/// JavaScript on and off.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Review")]
[Collection(BrowserCollection.Name)]
public sealed class PanelJourneyTests(HttpsServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_administrator_schedules_a_panel_and_records_an_outcome(bool javaScript)
    {
        await using var axe = new AxeLog(browser, javaScript);
        var w = await NotificationWorld.CreateAsync(server);
        await w.LaunchAsync();
        var returnId = await w.CompleteAsync(w.Alpha, w.LeadA.UserId);
        var signed = new SignOffInput("Sid Signatory", "Director", "Alpha", DateInput.From(DateOnly.FromDateTime(DateTime.UtcNow)), true);
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReturnService>().SubmitAsync(returnId, signed, w.SignatoryA.UserId)));
        await using var context = await browser.NewContextAsync(server.ServerAddress, javaScript: javaScript, width: 1280);
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsync(page, server, w.Admin.Email, axe);

        await page.GotoAsync(Links.Round(w.PartnershipId, w.RoundId));
        await page.Locator("#panels-link").ClickAsync();
        await Expect(page.Locator("#no-panels")).ToBeVisibleAsync();
        await axe.CheckAsync(page, "no panels");

        await page.Locator("#new-panel").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule panel" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter a title for the panel");
        await axe.CheckAsync(page, "nothing typed");

        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("March challenge panel");
        await page.GetByLabel("Day").FillAsync("12");
        await page.GetByLabel("Month").FillAsync("3");
        await page.GetByLabel("Year").FillAsync("2999");
        await page.GetByLabel("Where", new() { Exact = true }).FillAsync("Room 4, County Hall");
        await page.Locator("input[name='MemberIds']").First.CheckAsync();
        await page.Locator("input[name='ReceiptIds']").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule panel" }).ClickAsync();
        await Expect(page.Locator("#confirmation")).ToHaveTextAsync("The challenge panel has been scheduled");
        await axe.CheckAsync(page, "scheduled");

        await page.Locator("#panel-agencies a").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save outcome" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select the agreed grade");
        await axe.CheckAsync(page, "outcome refused");

        await page.Locator("input[name='AgreedGrade']").First.CheckAsync();
        await page.GetByLabel("Action 1", new() { Exact = true }).FillAsync("Name a senior lead for safeguarding");
        await page.Locator("#Actions-0-DueOn").FillAsync("30");
        await page.Locator("#Actions-0-DueOn-month").FillAsync("6");
        await page.Locator("#Actions-0-DueOn-year").FillAsync("2999");
        await page.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save outcome" }).ClickAsync();
        await Expect(page.Locator("#confirmation")).ToHaveTextAsync("The outcome has been recorded and its actions are in the agency's action plan");
        await axe.CheckAsync(page, "outcome recorded");

        var areas = await w.WithAsync(s => s.GetRequiredService<Section11.Core.Data.Section11DbContext>().ImprovementAreas
            .Where(a => a.AgencyId == w.Alpha).Select(a => a.Outcome).ToListAsync());
        Assert.Equal(["Name a senior lead for safeguarding (due by 30 June 2999)"], areas);
        output.WriteLine($"{axe.Pages.Count} pages checked with axe (JavaScript {(javaScript ? "on" : "off")})");
        axe.AssertNone();
    }
}
