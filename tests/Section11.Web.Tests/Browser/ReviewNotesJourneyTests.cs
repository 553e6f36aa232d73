using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Web.Tests.Notifications;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// An administrator reviews a submitted return in a real browser: starts the review, challenges an item on the
/// standard's page (first with nothing chosen, to see the error summary), and sends the challenge to the agency; the
/// lead's email arrives over SMTP. axe checks every page, with JavaScript on and off.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Review")]
[Collection(BrowserCollection.Name)]
public sealed class ReviewNotesJourneyTests(HttpsServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_administrator_challenges_an_item_and_sends_it_to_the_agency(bool javaScript)
    {
        await using var axe = new AxeLog(browser, javaScript);
        var w = await NotificationWorld.CreateAsync(server);
        await w.LaunchAsync();
        var returnId = await w.CompleteAsync(w.Alpha, w.LeadA.UserId);
        var signed = new SignOffInput("Sid Signatory", "Director", "Alpha", DateInput.From(DateOnly.FromDateTime(DateTime.UtcNow)), true);
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReturnService>().SubmitAsync(returnId, signed, w.SignatoryA.UserId)));
        var receiptId = await w.WithAsync(s => s.GetRequiredService<Section11.Core.Data.Section11DbContext>().Receipts
            .Where(x => x.ReturnId == returnId).Select(x => x.Id).SingleAsync());
        await w.DispatchAsync();
        await using var context = await browser.NewContextAsync(server.ServerAddress, javaScript: javaScript, width: 1280);
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsync(page, server, w.Admin.Email, axe);

        await page.GotoAsync(Links.Review(w.PartnershipId, w.RoundId, receiptId));
        await page.GetByRole(AriaRole.Button, new() { Name = "Start review" }).ClickAsync();
        await Expect(page.Locator("#confirmation")).ToHaveTextAsync("The review has started");
        await axe.CheckAsync(page, "started");

        await page.GotoAsync(Links.ReviewStandard(w.PartnershipId, w.RoundId, receiptId, 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select the item the note is about");
        await axe.CheckAsync(page, "nothing chosen");

        await page.Locator("#add-note").GetByLabel("1.1", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Challenge", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("What you want to say or ask").FillAsync("Who is the named person?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.Locator("#confirmation")).ToHaveTextAsync("Note added to standard 1");
        await Expect(page.Locator("#item-1-1 .app-note-text")).ToHaveTextAsync("Who is the named person?");
        await axe.CheckAsync(page, "note added");

        await page.GotoAsync(Links.Review(w.PartnershipId, w.RoundId, receiptId));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send challenges to the agency" }).ClickAsync();
        await Expect(page.Locator("#review-state")).ToHaveTextAsync("Awaiting agency");
        await axe.CheckAsync(page, "sent");

        await w.DispatchAsync();
        var email = await server.Smtp.WaitForAsync(w.LeadA.Email, e => e.Subject.Contains("has challenges about", StringComparison.Ordinal));
        Assert.Contains(Links.Return(returnId), email.Body, StringComparison.Ordinal);
        output.WriteLine($"{axe.Pages.Count} pages checked with axe (JavaScript {(javaScript ? "on" : "off")})");
        axe.AssertNone();
    }
}
