using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Section11.Core.Notifications;
using Section11.Web.Tests.Notifications;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// A round's whole life in real browsers, one per person, with JavaScript off: the administrator launches the round
/// and the leads' emails arrive over SMTP with a link that opens their return; Alpha's lead invites a contributor,
/// who accepts and is assigned two standards, and completes them; the lead sends the return for sign-off and the
/// signatory is emailed; the administrator chases every agency not yet submitted, closes the round and repeats it for
/// the next cycle in one step, then launches the new round. axe checks every page.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Operations")]
[Collection(BrowserCollection.Name)]
public sealed class RoundOperationsJourneyTests(HttpsServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    private static readonly int[] Assigned = [1, 2];

    [Fact]
    public async Task A_round_is_launched_delegated_completed_chased_closed_and_repeated()
    {
        await using var axe = new AxeLog(browser, javaScript: false);
        var w = await NotificationWorld.CreateAsync(server);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var contributorEmail = $"cleo.contributor.{suffix}@agency.example";
        var due = NotificationWorld.DueOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

        // The administrator launches the round to both agencies.
        await using var adminContext = await browser.NewContextAsync(server.ServerAddress, javaScript: false, width: 1280);
        var admin = await adminContext.NewPageAsync();
        await BrowserSteps.SignInAsync(admin, server, w.Admin.Email, axe);
        await admin.GotoAsync(Links.RoundLaunch(w.PartnershipId, w.RoundId));
        await Expect(H1(admin)).ToHaveTextAsync("Check and launch the round");
        foreach (var agency in new[] { w.AlphaName, w.BetaName })
        {
            await Expect(Group(admin, "Which agencies will complete a return?").GetByLabel(agency, new() { Exact = true })).ToBeCheckedAsync();
        }

        await axe.CheckAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Launch round", Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(Url(Links.Round(w.PartnershipId, w.RoundId)));
        await Expect(admin.Locator("#confirmation")).ToHaveTextAsync($"{w.RoundTitle} has been launched");
        await Expect(TrackerStatus(admin, w.AlphaName)).ToHaveTextAsync("Not started");
        await Expect(TrackerStatus(admin, w.BetaName)).ToHaveTextAsync("Not started");
        await axe.CheckAsync(admin, "launched");

        // Each lead is emailed once, with the return-by date and a link to their own agency's return.
        var alphaReturn = await w.ReturnOfAsync(w.Alpha);
        var betaReturn = await w.ReturnOfAsync(w.Beta);
        await w.DispatchAsync();
        var launched = $"{w.PartnershipName} has launched {w.RoundTitle}: ";
        foreach (var (person, agency, returnId) in new[] { (w.LeadA, w.AlphaName, alphaReturn), (w.LeadA2, w.AlphaName, alphaReturn), (w.LeadB, w.BetaName, betaReturn) })
        {
            var email = await server.Smtp.WaitForAsync(person.Email, e => e.Subject.StartsWith(launched, StringComparison.Ordinal));
            Assert.Equal($"{launched}{agency}'s return is due by {due}", email.Subject);
            Assert.Equal(Absolute(Links.Return(returnId)), email.Link(Absolute(Links.Return(returnId))));
            Assert.Single(server.Smtp.To(person.Email), e => e.Subject.StartsWith(launched, StringComparison.Ordinal));
        }

        Assert.Empty(server.Smtp.To(w.SignatoryA.Email));

        // Alpha's lead follows the email's link to the return, then invites a contributor from the agency's people page.
        await using var leadContext = await browser.NewContextAsync(server.ServerAddress, javaScript: false, width: 1280);
        var lead = await leadContext.NewPageAsync();
        await BrowserSteps.SignInAsync(lead, server, w.LeadA.Email, axe);
        var launchEmail = server.Smtp.To(w.LeadA.Email).Single(e => e.Subject.StartsWith(launched, StringComparison.Ordinal));
        await lead.GotoAsync(launchEmail.Link(Absolute(Links.Return(alphaReturn))));
        await Expect(H1(lead)).ToHaveTextAsync($"{w.AlphaName}: Section 11 return");
        await axe.CheckAsync(lead, "from the launch email");

        await lead.GotoAsync("/");
        await lead.GetByRole(AriaRole.Link, new() { Name = $"{w.AlphaName}: people", Exact = true }).ClickAsync();
        await Expect(lead).ToHaveURLAsync(Url(Links.AgencyPeople(w.Alpha)));
        await axe.CheckAsync(lead);
        await lead.GetByRole(AriaRole.Link, new() { Name = "Invite someone", Exact = true }).ClickAsync();
        await Expect(lead).ToHaveURLAsync(Url(Links.InviteToAgency(w.Alpha)));
        await axe.CheckAsync(lead);
        await lead.GetByLabel("Full name", new() { Exact = true }).FillAsync("Cleo Contributor");
        await lead.GetByLabel("Email address", new() { Exact = true }).FillAsync(contributorEmail);
        await Group(lead, "Role").GetByLabel("Contributor", new() { Exact = true }).CheckAsync();
        await lead.GetByRole(AriaRole.Button, new() { Name = "Send invitation", Exact = true }).ClickAsync();
        await Expect(lead).ToHaveURLAsync(Url(Links.AgencyPeople(w.Alpha)));
        await Expect(lead.Locator("#confirmation")).ToHaveTextAsync($"Invitation sent to {contributorEmail}");
        await Expect(PersonRow(lead, contributorEmail).Locator("td").Nth(2)).ToHaveTextAsync("Invited");
        await axe.CheckAsync(lead, "contributor invited");

        // The contributor accepts, in their own browser.
        await using var contributorContext = await browser.NewContextAsync(server.ServerAddress, javaScript: false, width: 1280);
        var contributor = await InvitationSteps.AcceptAsync(server, contributorContext, contributorEmail, "Cleo Contributor", "Lee Alpha",
            $"a contributor to the return for {w.AlphaName}", axe, makeMistakes: false);

        // The lead assigns them standards 1 and 2.
        await lead.GotoAsync(Links.Return(alphaReturn));
        await lead.GetByRole(AriaRole.Link, new() { Name = "Assign standards to people", Exact = true }).ClickAsync();
        await Expect(lead).ToHaveURLAsync(Url(Links.Assignments(alphaReturn)));
        await axe.CheckAsync(lead);
        foreach (var n in Assigned)
        {
            await lead.GetByLabel(new Regex($"^Standard {n}: ")).SelectOptionAsync(new SelectOptionValue { Label = "Cleo Contributor" });
        }

        await lead.GetByRole(AriaRole.Button, new() { Name = "Save assignments", Exact = true }).ClickAsync();
        await Expect(lead.Locator(".govuk-notification-banner--success")).ToBeVisibleAsync();
        await axe.CheckAsync(lead, "assigned");
        await lead.GotoAsync(Links.Return(alphaReturn));
        foreach (var n in Assigned)
        {
            await Expect(TaskHint(lead, n)).ToContainTextAsync("Assigned to Cleo Contributor");
        }

        // The contributor sees "Assigned to you" on the task list and completes both standards.
        await contributor.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($@"^{Regex.Escape(w.AlphaName)}\W*$") }).ClickAsync();
        await Expect(contributor).ToHaveURLAsync(Url(Links.Return(alphaReturn)));
        foreach (var n in Assigned)
        {
            await Expect(TaskHint(contributor, n)).ToContainTextAsync("Assigned to you");
        }

        await Expect(TaskHint(contributor, 3)).Not.ToContainTextAsync("Assigned");
        await axe.CheckAsync(contributor, "assigned to you");
        foreach (var n in Assigned)
        {
            await contributor.GotoAsync(Links.Standard(alphaReturn, n));
            await Expect(H1(contributor)).ToHaveTextAsync(new Regex($"^Standard {n}: "));
            await axe.CheckAsync(contributor);
            foreach (var number in (await contributor.Locator("section.app-item h2").AllInnerTextsAsync()).Select(i => i.Trim()))
            {
                await Group(contributor, $"Rating for {number}").GetByLabel("Fully met", new() { Exact = true }).CheckAsync();
                await contributor.GetByLabel($"Actual evidence for {number}", new() { Exact = true }).FillAsync($"Evidence for {number}: the safeguarding policy, reviewed in 2026.");
            }

            await Group(contributor, $"How have you evaluated standard {n}?").GetByLabel("Fully met", new() { Exact = true }).CheckAsync();
            await contributor.GetByLabel("Supporting statement", new() { Exact = true }).FillAsync($"Standard {n} is met and audited every year.");
            await contributor.GetByRole(AriaRole.Button, new() { Name = "Save and continue", Exact = true }).ClickAsync();
            await Expect(contributor).ToHaveURLAsync(Url(Links.Standard(alphaReturn, n + 1)));
        }

        await admin.ReloadAsync();
        await Expect(TrackerStatus(admin, w.AlphaName)).ToHaveTextAsync("In progress");

        // The lead completes the rest (as the other tests do in the browser), checks the answers and sends it for sign-off.
        await w.CompleteAsync(w.Alpha, w.LeadA.UserId, Assigned);
        await lead.GotoAsync(Links.Return(alphaReturn));
        await Expect(lead.Locator("#progress")).ToHaveTextAsync(new Regex(@"^You have completed (\d+) of \1 standards\.$"));
        await lead.GotoAsync(Links.CheckAnswers(alphaReturn));
        await Expect(lead.Locator("#main-content")).ToContainTextAsync("the safeguarding policy, reviewed in 2026.");
        await axe.CheckAsync(lead);
        await lead.GetByRole(AriaRole.Button, new() { Name = "Send for sign-off", Exact = true }).ClickAsync();
        await Expect(lead.Locator("#awaiting-sign-off")).ToContainTextAsync("waiting for a senior signatory");
        await axe.CheckAsync(lead, "sent for sign-off");

        await w.DispatchAsync();
        var signOff = await server.Smtp.WaitForAsync(w.SignatoryA.Email);
        Assert.Equal($"A Section 11 return is ready for you to sign off: {w.AlphaName}", signOff.Subject);
        Assert.StartsWith(Absolute(Links.Return(alphaReturn)), signOff.Link(Absolute(Links.Return(alphaReturn))), StringComparison.Ordinal);
        Assert.Single(server.Smtp.To(w.SignatoryA.Email));

        // The administrator chases every agency that has not submitted: Alpha (awaiting sign-off) and Beta.
        await admin.ReloadAsync();
        await Expect(TrackerStatus(admin, w.AlphaName)).ToHaveTextAsync("Awaiting sign-off");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Chase agencies that have not submitted", Exact = true }).ClickAsync();
        await Expect(H1(admin)).ToHaveTextAsync("Who do you want to chase?");
        await axe.CheckAsync(admin);
        await Group(admin, "Who do you want to chase?").GetByLabel("Every agency that has not submitted (2)", new() { Exact = true }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await Expect(H1(admin)).ToHaveTextAsync("Check the chase email");
        await axe.CheckAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send the emails", Exact = true }).ClickAsync();
        await Expect(admin.Locator("#confirmation")).ToHaveTextAsync("Chase sent to 2 agencies: 3 people emailed");
        await axe.CheckAsync(admin, "chased");

        await w.DispatchAsync();
        var reminder = $"Reminder from {w.PartnershipName}: ";
        foreach (var (person, agency, returnId) in new[] { (w.LeadA, w.AlphaName, alphaReturn), (w.LeadA2, w.AlphaName, alphaReturn), (w.LeadB, w.BetaName, betaReturn) })
        {
            var email = await server.Smtp.WaitForAsync(person.Email, e => e.Subject.StartsWith(reminder, StringComparison.Ordinal));
            Assert.Equal($"{reminder}{agency}'s return is due by {due}", email.Subject);
            Assert.Equal(Absolute(Links.Return(returnId)), email.Link(Absolute(Links.Return(returnId))));
        }

        Assert.DoesNotContain(server.Smtp.To(contributorEmail), e => e.Subject.StartsWith(reminder, StringComparison.Ordinal));

        // The administrator closes the round: what was not submitted shows as not received, and Alpha's return is locked.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Close the round", Exact = true }).ClickAsync();
        await Expect(H1(admin)).ToHaveTextAsync("Are you sure you want to close this round?");
        await Expect(admin.Locator("#close-counts")).ToHaveTextAsync("0 of 2 returns have been submitted.");
        await axe.CheckAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Close the round", Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(Url(Links.Round(w.PartnershipId, w.RoundId)));
        await Expect(admin.Locator("#confirmation")).ToHaveTextAsync($"{w.RoundTitle} has been closed");
        await Expect(TrackerStatus(admin, w.AlphaName)).ToHaveTextAsync("Not received");
        await Expect(TrackerStatus(admin, w.BetaName)).ToHaveTextAsync("Not received");
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Chase agencies that have not submitted" })).ToHaveCountAsync(0);
        await axe.CheckAsync(admin, "closed");
        await lead.GotoAsync("/");
        await Expect(lead.Locator($"#agency-{w.Alpha} .app-home-returns .app-status")).ToHaveTextAsync("Locked");

        // ...and repeats it two years on in one step: the same agencies are offered, and the new round is launched.
        var nextTitle = $"Next cycle {suffix}";
        await admin.GetByRole(AriaRole.Link, new() { Name = "Repeat the round for the next cycle", Exact = true }).ClickAsync();
        await Expect(H1(admin)).ToHaveTextAsync("Repeat this round for the next cycle");
        await Expect(Group(admin, "Return by").GetByLabel("Year", new() { Exact = true }))
            .ToHaveValueAsync(NotificationWorld.DueOn.AddYears(2).Year.ToString(CultureInfo.InvariantCulture));
        await axe.CheckAsync(admin);
        await admin.GetByLabel("Title", new() { Exact = true }).FillAsync(nextTitle);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create the new round", Exact = true }).ClickAsync();
        await Expect(H1(admin)).ToHaveTextAsync("Check and launch the round");
        await Expect(admin.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"{nextTitle} has been set up: check it and launch it");
        await Expect(admin.Locator(".govuk-summary-list")).ToContainTextAsync(NotificationWorld.DueOn.AddYears(2).ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        foreach (var agency in new[] { w.AlphaName, w.BetaName })
        {
            await Expect(Group(admin, "Which agencies will complete a return?").GetByLabel(agency, new() { Exact = true })).ToBeCheckedAsync();
        }

        await axe.CheckAsync(admin, "repeated");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Launch round", Exact = true }).ClickAsync();
        await Expect(admin.Locator("#confirmation")).ToHaveTextAsync($"{nextTitle} has been launched");
        await Expect(TrackerStatus(admin, w.AlphaName)).ToHaveTextAsync("Not started");
        await Expect(TrackerStatus(admin, w.BetaName)).ToHaveTextAsync("Not started");
        await axe.CheckAsync(admin, "the next cycle launched");

        await w.DispatchAsync();
        var next = await server.Smtp.WaitForAsync(w.LeadB.Email, e => e.Subject.StartsWith($"{w.PartnershipName} has launched {nextTitle}: ", StringComparison.Ordinal));
        Assert.DoesNotContain(Links.Return(betaReturn), next.Body, StringComparison.Ordinal);

        output.WriteLine($"{axe.Pages.Count} pages checked with axe");
        axe.AssertNone();
    }

    private string Absolute(string path) => new Uri(server.ServerAddress, path).ToString();

    private Regex Url(string path) => new("^" + Regex.Escape(Absolute(path)) + "(#.*)?$");

    private static ILocator H1(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static ILocator Group(IPage page, string name) => page.GetByRole(AriaRole.Group, new() { Name = name, Exact = true });

    private static ILocator PersonRow(IPage page, string email) => page.Locator("#people tbody tr").Filter(new() { HasText = email });

    private static ILocator TrackerStatus(IPage page, string agency) =>
        page.Locator("#tracker tbody tr").Filter(new() { HasText = agency }).Locator(".app-status");

    /// <summary>The hint under a standard on the return's task list: how much is rated, and who it is assigned to.</summary>
    private static ILocator TaskHint(IPage page, int standard) =>
        page.Locator(".govuk-task-list__item").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^Standard {standard}: ") }) })
            .Locator(".govuk-task-list__hint");
}
