using System.Globalization;
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
/// An administrator writes and sends the feedback letter on a moderated review in a real browser (first with the
/// opening cleared, to see the error summary); the lead's email arrives over SMTP and the lead reads the letter from
/// the return. axe checks every page, with JavaScript on and off.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Review")]
[Collection(BrowserCollection.Name)]
public sealed class LetterJourneyTests(HttpsServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_administrator_sends_the_feedback_letter_and_the_lead_reads_it_on_the_return(bool javaScript)
    {
        await using var axe = new AxeLog(browser, javaScript);
        var w = await NotificationWorld.CreateAsync(server);
        await w.LaunchAsync();
        var returnId = await w.CompleteAsync(w.Alpha, w.LeadA.UserId);
        var signed = new SignOffInput("Sid Signatory", "Director", "Alpha", DateInput.From(DateOnly.FromDateTime(DateTime.UtcNow)), true);
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReturnService>().SubmitAsync(returnId, signed, w.SignatoryA.UserId)));
        var receiptId = await w.WithAsync(s => s.GetRequiredService<Section11.Core.Data.Section11DbContext>().Receipts
            .Where(x => x.ReturnId == returnId).Select(x => x.Id).SingleAsync());
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReviewService>().ActAsync(receiptId, ReviewAction.Start, w.Admin.UserId)));
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReviewService>().ActAsync(receiptId, ReviewAction.Finish, w.Admin.UserId)));
        await w.DispatchAsync();

        await using (var context = await browser.NewContextAsync(server.ServerAddress, javaScript: javaScript, width: 1280))
        {
            var page = await context.NewPageAsync();
            await BrowserSteps.SignInAsync(page, server, w.Admin.Email, axe);
            await page.GotoAsync(Links.Review(w.PartnershipId, w.RoundId, receiptId));
            await page.GetByRole(AriaRole.Link, new() { Name = "Open the letter" }).ClickAsync();
            await Expect(page.Locator("#letter-status")).ToHaveTextAsync("Not saved yet");
            await axe.CheckAsync(page, "letter suggested");

            await page.GetByLabel("Opening", new() { Exact = true }).FillAsync("");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send letter" }).ClickAsync();
            await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the opening of the letter");
            await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the date the partnership will follow up");
            await axe.CheckAsync(page, "letter refused");

            var followUp = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60);
            await page.GetByLabel("Opening", new() { Exact = true }).FillAsync("Thank you for your return.");
            await page.Locator("#FollowUp").FillAsync(followUp.Day.ToString(CultureInfo.InvariantCulture));
            await page.Locator("#FollowUp-month").FillAsync(followUp.Month.ToString(CultureInfo.InvariantCulture));
            await page.Locator("#FollowUp-year").FillAsync(followUp.Year.ToString(CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "Send letter" }).ClickAsync();
            await Expect(page.Locator("#confirmation")).ToContainTextAsync("The letter has been sent to the agency");
            await Expect(page.Locator("#letter-opening")).ToHaveTextAsync("Thank you for your return.");
            await axe.CheckAsync(page, "letter sent");
        }

        await w.DispatchAsync();
        var email = await server.Smtp.WaitForAsync(w.LeadA.Email, e => e.Subject.Contains("feedback letter", StringComparison.Ordinal));
        Assert.Contains(Links.ReturnLetter(returnId, receiptId), email.Body, StringComparison.Ordinal);

        await using (var context = await browser.NewContextAsync(server.ServerAddress, javaScript: javaScript, width: 1280))
        {
            var page = await context.NewPageAsync();
            await BrowserSteps.SignInAsync(page, server, w.LeadA.Email, axe);
            await page.GotoAsync(Links.ViewReturn(returnId));
            await page.Locator("#feedback-letters a").ClickAsync();
            await Expect(page.Locator("#letter-opening")).ToHaveTextAsync("Thank you for your return.");
            await Expect(page.Locator("#letter-draft")).ToHaveCountAsync(0);
            await axe.CheckAsync(page, "agency's letter");
        }

        output.WriteLine($"{axe.Pages.Count} pages checked with axe (JavaScript {(javaScript ? "on" : "off")})");
        axe.AssertNone();
    }
}
