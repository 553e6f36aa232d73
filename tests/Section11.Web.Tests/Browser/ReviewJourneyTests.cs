using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Section11.Core.Data;
using Section11.Core.Returns;
using Section11.Web.Tests.Notifications;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// The whole review cycle in a real browser, three people in three browsers: the administrator assigns a reviewer from
/// the round's tracker; the reviewer challenges an item, requests evidence and moderates two items down with reasons
/// (first without, to see the error), then sends the challenges; the agency's lead, with JavaScript off, answers both;
/// the reviewer reads the answers and finishes the moderation; the administrator sends the feedback letter, which the
/// lead reads; the dashboard shows the self-assessment against the moderation. axe checks every page.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Review")]
[Collection(BrowserCollection.Name)]
public sealed class ReviewJourneyTests(HttpsServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_return_is_challenged_answered_and_moderated_down()
    {
        await using var axe = new AxeLog(browser, javaScript: true);
        await using var axeOff = new AxeLog(browser, javaScript: false);
        var w = await NotificationWorld.CreateAsync(server);
        await w.LaunchAsync();
        var returnId = await w.CompleteAsync(w.Alpha, w.LeadA.UserId);
        var today = DateOnly.FromDateTime(server.Clock.GetUtcNow().UtcDateTime);
        var signed = new SignOffInput("Sid Signatory", "Director", "Alpha", DateInput.From(today), true);
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReturnService>().SubmitAsync(returnId, signed, w.SignatoryA.UserId)));
        var receiptId = await w.WithAsync(s => s.GetRequiredService<Section11DbContext>().Receipts
            .Where(x => x.ReturnId == returnId).Select(x => x.Id).SingleAsync());

        // The administrator finds the submitted return on the tracker and assigns the reviewer.
        await using var adminContext = await browser.NewContextAsync(server.ServerAddress, javaScript: true);
        var admin = await adminContext.NewPageAsync();
        await BrowserSteps.SignInAsync(admin, server, w.Admin.Email, axe);
        await admin.GotoAsync(Links.Round(w.PartnershipId, w.RoundId));
        await admin.GetByRole(AriaRole.Link, new() { Name = $"Review of {w.AlphaName}" }).ClickAsync();
        await Expect(admin.Locator("#review-state")).ToHaveTextAsync("Not started");
        await Expect(admin.Locator("#reviewers")).ToHaveTextAsync("None assigned");
        await axe.CheckAsync(admin, "review, nobody assigned");
        await admin.Locator("#change-reviewers").ClickAsync();
        await admin.GetByLabel($"Rey Reviewer ({w.Reviewer.Email})").CheckAsync();
        await axe.CheckAsync(admin, "reviewers");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save reviewers" }).ClickAsync();
        await Expect(admin.Locator("#confirmation")).ToHaveTextAsync("The reviewers have been saved");
        await Expect(admin.Locator("#reviewers")).ToHaveTextAsync("Rey Reviewer");

        // The reviewer starts, moderates two items down (a reason is required when the grades differ), and challenges.
        await using var reviewerContext = await browser.NewContextAsync(server.ServerAddress, javaScript: true);
        var reviewer = await reviewerContext.NewPageAsync();
        await BrowserSteps.SignInAsync(reviewer, server, w.Reviewer.Email, axe);
        await reviewer.GotoAsync(Links.Review(w.PartnershipId, w.RoundId, receiptId));
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Start review" }).ClickAsync();
        await Expect(reviewer.Locator("#review-state")).ToHaveTextAsync("In review");
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "1. ", Exact = false }).First.ClickAsync();
        await reviewer.GetByRole(AriaRole.Group, new() { Name = "Moderated rating of 1.1" }).GetByLabel("Partially met").CheckAsync();
        await reviewer.GetByRole(AriaRole.Group, new() { Name = "Moderated rating of 1.2" }).GetByLabel("Partially met").CheckAsync();
        await reviewer.GetByLabel("Reason for the moderated rating of 1.1").FillAsync("The policy named is out of date.");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Save moderated ratings" }).ClickAsync();
        await Expect(reviewer.Locator(".govuk-error-summary")).ToContainTextAsync("1.2");
        await Expect(reviewer.GetByLabel("Reason for the moderated rating of 1.1")).ToHaveValueAsync("The policy named is out of date.");
        await axe.CheckAsync(reviewer, "moderation, a reason missing");
        await reviewer.GetByLabel("Reason for the moderated rating of 1.2").FillAsync("No training records were given.");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Save moderated ratings" }).ClickAsync();
        await Expect(reviewer.Locator("#confirmation")).ToHaveTextAsync("Moderated ratings of standard 1 saved");
        await Expect(reviewer.Locator("#standard-1")).ToContainTextAsync("2 of");
        await reviewer.GotoAsync(Links.ReviewStandard(w.PartnershipId, w.RoundId, receiptId, 1));

        await AddNoteAsync(reviewer, "1.1", "Challenge", "Who is the named person for safeguarding?", null);
        var wanted = today.AddDays(14);
        await AddNoteAsync(reviewer, "1.2", "Evidence request", "Please send the training matrix.", wanted);
        await Expect(reviewer.Locator("#item-1-2 .app-note-text")).ToHaveTextAsync("Please send the training matrix.");
        await axe.CheckAsync(reviewer, "two notes");
        await reviewer.GotoAsync(Links.Review(w.PartnershipId, w.RoundId, receiptId));
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Send challenges to the agency" }).ClickAsync();
        await Expect(reviewer.Locator("#review-state")).ToHaveTextAsync("Awaiting agency");
        await axe.CheckAsync(reviewer, "sent to the agency");

        // The agency's lead, with JavaScript off, sees the task, answers both, and sends the answers.
        await using var leadContext = await browser.NewContextAsync(server.ServerAddress, javaScript: false);
        var lead = await leadContext.NewPageAsync();
        await BrowserSteps.SignInAsync(lead, server, w.LeadA.Email, axeOff);
        await lead.GotoAsync(Links.Return(returnId));
        var due = wanted.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(lead.Locator("#review-tasks")).ToContainTextAsync($"{w.PartnershipName}: 1 challenge, 1 evidence request due {due} to answer");
        await axeOff.CheckAsync(lead, "return with challenges");
        await lead.Locator(".app-review-task a").ClickAsync();
        await lead.GetByLabel("Your answer to this challenge on 1.1").FillAsync("Dr Patel, since April; see the practice policy.");
        await lead.Locator("#send-answers").ClickAsync();
        await Expect(lead.Locator(".govuk-error-summary")).ToContainTextAsync("Enter your answer to the evidence request on 1.2");
        await Expect(lead.GetByLabel("Your answer to this challenge on 1.1")).ToHaveValueAsync("Dr Patel, since April; see the practice policy.");
        await axeOff.CheckAsync(lead, "answers, one missing");
        await lead.GetByLabel("Your answer to this evidence request on 1.2").FillAsync("The training matrix is on the shared drive, updated monthly.");
        await lead.Locator("#send-answers").ClickAsync();
        await Expect(lead.Locator("#confirmation")).ToContainTextAsync($"Your answers have been sent to {w.PartnershipName}");
        await axeOff.CheckAsync(lead, "answers sent");

        // The reviewer reads the answers in the thread and finishes.
        await reviewer.GotoAsync(Links.ReviewStandard(w.PartnershipId, w.RoundId, receiptId, 1));
        await Expect(reviewer.Locator("#item-1-1")).ToContainTextAsync("Dr Patel, since April; see the practice policy.");
        await Expect(reviewer.Locator("#item-1-1")).ToContainTextAsync("Lee Alpha");
        await axe.CheckAsync(reviewer, "thread with answers");
        await reviewer.GotoAsync(Links.Review(w.PartnershipId, w.RoundId, receiptId));
        await Expect(reviewer.Locator("#review-state")).ToHaveTextAsync("In review");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Finish moderation" }).ClickAsync();
        await Expect(reviewer.Locator("#review-state")).ToHaveTextAsync("Moderated");
        await axe.CheckAsync(reviewer, "moderated");
        await reviewer.GotoAsync(Links.ReviewStandard(w.PartnershipId, w.RoundId, receiptId, 1));
        await Expect(reviewer.Locator("#item-1-2 .app-moderated-rating")).ToHaveTextAsync("Partially met");
        await axe.CheckAsync(reviewer, "standard 1 moderated, read only");
        await DocScreenshot.TakeAsync(reviewer, "review.png", 1500, output);

        // The administrator sends the feedback letter, drawn from the moderation; the lead reads it on the return.
        await admin.GotoAsync(Links.Review(w.PartnershipId, w.RoundId, receiptId));
        await admin.GetByRole(AriaRole.Link, new() { Name = "Open the letter" }).ClickAsync();
        await Expect(admin.Locator("#letter-changes tbody tr")).ToHaveCountAsync(2);
        await Expect(admin.Locator("#letter-changes")).ToContainTextAsync("The policy named is out of date.");
        await Expect(admin.Locator("#letter-changes")).ToContainTextAsync("No training records were given.");
        await axe.CheckAsync(admin, "letter drawn from the moderation");
        var followUp = today.AddDays(60);
        await admin.Locator("#FollowUp").FillAsync(followUp.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await admin.Locator("#FollowUp-month").FillAsync(followUp.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await admin.Locator("#FollowUp-year").FillAsync(followUp.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send letter" }).ClickAsync();
        await Expect(admin.Locator("#confirmation")).ToContainTextAsync("The letter has been sent to the agency");
        await axe.CheckAsync(admin, "letter sent");
        await lead.GotoAsync(Links.ViewReturn(returnId));
        await lead.Locator("#feedback-letters a").ClickAsync();
        await Expect(lead.Locator("#letter-changes tbody tr")).ToHaveCountAsync(2);
        await axeOff.CheckAsync(lead, "the agency's letter");

        // The dashboard shows the difference between what the agency said and what the partnership found.
        await admin.GotoAsync(Links.RoundDashboard(w.PartnershipId, w.RoundId));
        await Expect(admin.Locator("#moderation-agreement")).ToContainTextAsync("Of 2 moderated ratings (items and standard evaluations), 0 (0%) agree with the agency's own rating; 2 moderated down, 0 moderated up");
        await Expect(admin.Locator("#moderated-down")).ToContainTextAsync("(2 of 2 moderated ratings moderated down)");
        await axe.CheckAsync(admin, "dashboard");

        output.WriteLine($"{axe.Pages.Count + axeOff.Pages.Count} pages checked with axe");
        axe.AssertNone();
        axeOff.AssertNone();
    }

    private static async Task AddNoteAsync(IPage page, string item, string kind, string text, DateOnly? wantedBy)
    {
        var form = page.Locator("#add-note");
        await form.GetByLabel(item, new() { Exact = true }).CheckAsync();
        await form.GetByLabel(kind, new() { Exact = true }).CheckAsync();
        await form.GetByLabel("What you want to say or ask").FillAsync(text);
        if (wantedBy is { } date)
        {
            await form.GetByLabel("Day").FillAsync(date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await form.GetByLabel("Month").FillAsync(date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await form.GetByLabel("Year").FillAsync(date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.Locator("#confirmation")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Note added to standard"));
    }
}
