using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Section11.Core.Email;
using Section11.Core.Identity;
using Section11.Web.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// A partnership from nothing to a submitted return, in real browsers, one per person: a platform administrator adds
/// the partnership and invites its administrator; the administrator adds an agency, invites its safeguarding lead and
/// senior signatory, sets up a round and launches it; the lead and the signatory each accept the invitation that
/// arrived by email (password, authenticator app, recovery codes), the lead completes the return and sends it for
/// sign-off, the signatory signs it off; the administrator's tracker shows it submitted. axe checks every page.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class PartnershipJourneyTests(HttpsServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    private const string MasaTitle = "Multi-Agency Safeguarding Arrangements (MASA) Section 11 audit";
    private const int MasaStandards = 7;
    [Fact]
    public async Task A_new_partnership_is_set_up_and_its_first_return_is_completed_signed_off_and_tracked()
    {
        var clock = Stopwatch.StartNew();
        await using var axe = new AxeLog(browser, javaScript: true);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var partnershipName = $"Northshire Safeguarding Children Partnership {suffix}";
        var agencyName = $"Riverbank Surgery {suffix}";
        var roundTitle = $"Section 11 audit 2026 {suffix}";
        var adminEmail = $"pat.admin.{suffix}@partnership.example";
        var leadEmail = $"sam.lead.{suffix}@agency.example";
        var signatoryEmail = $"alex.director.{suffix}@agency.example";

        // The platform administrator adds the partnership and invites its administrator.
        var platform = await server.CreatePersonAsync(Role.PlatformAdministrator, name: "Jo Platform");
        int partnershipId;
        await using (var platformContext = await browser.NewContextAsync(server.ServerAddress))
        {
            var page = await platformContext.NewPageAsync();
            await BrowserSteps.SignInAsync(page, server, platform.Email, axe);
            await axe.CheckAsync(page);
            await Nav(page, "Partnerships").ClickAsync();
            await Expect(page).ToHaveURLAsync(Url("/partnerships"));
            await axe.CheckAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "Add a partnership", Exact = true }).ClickAsync();

            await Expect(page).ToHaveURLAsync(Url("/partnerships/new"));
            await axe.CheckAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add partnership", Exact = true }).ClickAsync();
            await ExpectErrorsAsync(page, "Enter the partnership's name");
            await axe.CheckAsync(page, "no name");
            await page.GetByLabel("What is the partnership called?", new() { Exact = true }).FillAsync(partnershipName);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add partnership", Exact = true }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex(@"/partnerships/\d+$"));
            partnershipId = int.Parse(new Uri(page.Url).Segments[^1], CultureInfo.InvariantCulture);
            await Expect(H1(page)).ToHaveTextAsync(partnershipName);
            await Expect(page.GetByText("No rounds yet.")).ToBeVisibleAsync();
            await axe.CheckAsync(page);

            await InviteAsync(page, partnershipId, "Pat Admin", adminEmail, "Partnership administrator", agency: null, axe);
        }

        var partnershipPath = $"/partnerships/{partnershipId}";

        // The partnership administrator accepts, in their own browser, and from then on does the setting up.
        await using var adminContext = await browser.NewContextAsync(server.ServerAddress);
        var admin = await InvitationSteps.AcceptAsync(server, adminContext, adminEmail, "Pat Admin", "Jo Platform", $"a partnership administrator for {partnershipName}", axe, makeMistakes: false);
        await Nav(admin, "Partnerships").ClickAsync();
        await Expect(admin).ToHaveURLAsync(Url("/partnerships"));
        await Expect(admin.Locator("#partnerships").GetByRole(AriaRole.Link)).ToHaveTextAsync([partnershipName]);
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Add a partnership" })).ToHaveCountAsync(0);
        await axe.CheckAsync(admin, "as the partnership administrator");
        await admin.GetByRole(AriaRole.Link, new() { Name = partnershipName, Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(Url(partnershipPath));
        await axe.CheckAsync(admin, "as the partnership administrator");

        // An agency.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Member agencies", Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(Url($"{partnershipPath}/agencies"));
        await Expect(admin.GetByText("No agencies yet.")).ToBeVisibleAsync();
        await axe.CheckAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Add an agency", Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(Url($"{partnershipPath}/agencies/new"));
        await axe.CheckAsync(admin);
        await admin.GetByLabel("Agency name", new() { Exact = true }).FillAsync(agencyName);
        await RadioAsync(admin, "Sector", "Health");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add agency", Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(Url($"{partnershipPath}/agencies"));
        await Expect(admin.Locator("#agencies tbody tr")).ToHaveCountAsync(1);
        await Expect(admin.Locator("#agencies tbody tr td")).ToHaveTextAsync([agencyName, "Health", $"Remove {agencyName}"]);
        await axe.CheckAsync(admin, "one agency");

        // Its safeguarding lead and senior signatory.
        await admin.GotoAsync(partnershipPath);
        await admin.GetByRole(AriaRole.Link, new() { Name = "People and roles", Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(Url($"{partnershipPath}/people"));
        await InviteAsync(admin, partnershipId, "Sam Lead", leadEmail, "Agency safeguarding lead", agencyName, axe, tryWithoutAgency: true);
        await InviteAsync(admin, partnershipId, "Alex Director", signatoryEmail, "Senior signatory", agencyName, axe);
        await Expect(PersonRow(admin, leadEmail)).ToContainTextAsync("Agency safeguarding lead");
        await Expect(PersonRow(admin, leadEmail)).ToContainTextAsync(agencyName);
        await Expect(PersonRow(admin, leadEmail).Locator("td").Nth(3)).ToHaveTextAsync("Invited");
        await Expect(PersonRow(admin, adminEmail).Locator("td").Nth(3)).ToHaveTextAsync("Active");

        // A round on the MASA framework (no local standard, so straight on to launch), launched to the agency.
        await admin.GotoAsync(partnershipPath);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Set up a new round", Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(Url($"{partnershipPath}/rounds/new"));
        await axe.CheckAsync(admin);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var due = today.AddMonths(3);
        await admin.GetByLabel("Title", new() { Exact = true }).FillAsync(roundTitle);
        await RadioAsync(admin, "Framework", MasaTitle);
        await FillDateAsync(admin, "Opens on", today);
        await FillDateAsync(admin, "Return by", due);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

        await Expect(admin).ToHaveURLAsync(new Regex($@"{Regex.Escape(partnershipPath)}/rounds/\d+/launch$"));
        var roundPath = new Uri(admin.Url).AbsolutePath[..^"/launch".Length];
        await Expect(H1(admin)).ToHaveTextAsync("Check and launch the round");
        await Expect(admin.Locator(".govuk-summary-list")).ToContainTextAsync(roundTitle);
        await Expect(admin.Locator(".govuk-summary-list")).ToContainTextAsync(MasaTitle);
        await Expect(admin.Locator(".govuk-summary-list")).ToContainTextAsync(due.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        var agencyBox = Group(admin, "Which agencies will complete a return?").GetByLabel(agencyName, new() { Exact = true });
        await Expect(agencyBox).ToBeCheckedAsync();
        await axe.CheckAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Launch round", Exact = true }).ClickAsync();

        await Expect(admin).ToHaveURLAsync(Url(roundPath));
        await Expect(H1(admin)).ToHaveTextAsync(roundTitle);
        await Expect(TrackerStatus(admin, agencyName)).ToHaveTextAsync("Not started");
        await axe.CheckAsync(admin, "not started");

        // The lead accepts, meeting the common-password and wrong-code errors on the way.
        await using var leadContext = await browser.NewContextAsync(server.ServerAddress);
        var lead = await InvitationSteps.AcceptAsync(server, leadContext, leadEmail, "Sam Lead", "Pat Admin", $"the safeguarding lead for {agencyName}", axe, makeMistakes: true);
        var returnLink = ReturnLink(lead, agencyName);
        await Expect(lead.Locator("table")).ToContainTextAsync(roundTitle);
        await returnLink.ClickAsync();
        await Expect(lead).ToHaveURLAsync(new Regex(@"/returns/\d+$"));
        var returnPath = new Uri(lead.Url).AbsolutePath;
        await Expect(H1(lead)).ToHaveTextAsync($"{agencyName}: Section 11 return");
        await Expect(lead.Locator("#progress")).ToHaveTextAsync($"You have completed 0 of {MasaStandards} standards.");
        await axe.CheckAsync(lead);

        await lead.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Standard 1: ") }).ClickAsync();
        for (var n = 1; n <= MasaStandards; n++)
        {
            await Expect(lead).ToHaveURLAsync(Url($"{returnPath}/standards/{n}"));
            await Expect(H1(lead)).ToHaveTextAsync(new Regex($"^Standard {n}: "));
            await axe.CheckAsync(lead);
            var items = await lead.Locator("section.app-item h2").AllInnerTextsAsync();
            Assert.NotEmpty(items);
            foreach (var number in items.Select(i => i.Trim()))
            {
                await RadioAsync(lead, $"Rating for {number}", "Good");
                await lead.GetByLabel($"Actual evidence for {number}", new() { Exact = true }).FillAsync($"Evidence for {number}: policy reviewed by the board.");
            }

            await RadioAsync(lead, $"How have you evaluated standard {n}?", "Good");
            await lead.GetByLabel("Supporting statement", new() { Exact = true }).FillAsync($"Standard {n} is met and audited every year.");
            await lead.GetByRole(AriaRole.Button, new() { Name = "Save and continue", Exact = true }).ClickAsync();
        }

        await Expect(lead).ToHaveURLAsync(Url($"{returnPath}/check-answers"));
        await Expect(H1(lead)).ToHaveTextAsync("Check your answers before sign-off");
        await Expect(lead.Locator(".app-standard")).ToHaveCountAsync(MasaStandards);
        await Expect(lead.GetByRole(AriaRole.Link, new() { Name = "Continue to sign-off", Exact = true })).ToHaveCountAsync(0);
        await axe.CheckAsync(lead);
        await lead.GetByRole(AriaRole.Button, new() { Name = "Send for sign-off", Exact = true }).ClickAsync();
        await Expect(lead).ToHaveURLAsync(Url($"{returnPath}/view"));
        await Expect(lead.Locator("#awaiting-sign-off")).ToContainTextAsync("waiting for a senior signatory");
        await axe.CheckAsync(lead, "awaiting sign-off, as the lead");

        await admin.ReloadAsync();
        await Expect(TrackerStatus(admin, agencyName)).ToHaveTextAsync("Awaiting sign-off");
        await axe.CheckAsync(admin, "awaiting sign-off");

        // The senior signatory accepts and signs off.
        await using var signatoryContext = await browser.NewContextAsync(server.ServerAddress);
        var signer = await InvitationSteps.AcceptAsync(server, signatoryContext, signatoryEmail, "Alex Director", "Pat Admin", $"the senior signatory for {agencyName}", axe, makeMistakes: false);
        await ReturnLink(signer, agencyName).ClickAsync();
        await Expect(signer).ToHaveURLAsync(Url($"{returnPath}/view"));
        await axe.CheckAsync(signer, "awaiting sign-off, as the signatory");
        await signer.Locator("#awaiting-sign-off").GetByText("Sign off and submit", new() { Exact = true }).ClickAsync();

        await Expect(signer).ToHaveURLAsync(Url($"{returnPath}/sign-off"));
        await Expect(H1(signer)).ToHaveTextAsync("Sign off and submit");
        await Expect(signer.GetByLabel("Organisation", new() { Exact = true })).ToHaveValueAsync(agencyName);
        await axe.CheckAsync(signer);
        await signer.GetByLabel("Name of the senior manager signing off", new() { Exact = true }).FillAsync("Alex Director");
        await signer.GetByLabel("Post held", new() { Exact = true }).FillAsync("Director of Nursing");
        await FillDateAsync(signer, "Date of sign-off", today);
        await signer.GetByLabel("The senior manager named above agrees with the declaration").CheckAsync();
        await signer.GetByRole(AriaRole.Button, new() { Name = "Submit return", Exact = true }).ClickAsync();

        await Expect(signer).ToHaveURLAsync(Url($"{returnPath}/confirmation"));
        await Expect(signer.Locator(".govuk-panel--confirmation").GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Return submitted");
        await axe.CheckAsync(signer);

        // The administrator's tracker, and the partnership's page, show it submitted.
        await admin.ReloadAsync();
        await Expect(TrackerStatus(admin, agencyName)).ToHaveTextAsync("Submitted");
        await Expect(admin.Locator("#counts")).ToHaveTextAsync("Submitted: 1");
        await Expect(admin.Locator("#tracker tbody tr").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Return for changes") })).ToHaveCountAsync(1);
        await axe.CheckAsync(admin, "submitted");
        await admin.GotoAsync(partnershipPath);
        await Expect(admin.Locator("#rounds tbody tr td").Last).ToHaveTextAsync("1 of 1");
        await axe.CheckAsync(admin, "one round, submitted");
        await admin.GetByRole(AriaRole.Link, new() { Name = "People and roles", Exact = true }).ClickAsync();
        foreach (var email in new[] { adminEmail, leadEmail })
        {
            await Expect(PersonRow(admin, email).Locator("td").Nth(3)).ToHaveTextAsync("Active");
        }

        await axe.CheckAsync(admin, "everyone active");

        output.WriteLine($"{axe.Pages.Count} pages checked with axe in {clock.Elapsed.TotalSeconds:F1}s");
        foreach (var p in axe.Pages)
        {
            output.WriteLine("  " + p);
        }

        axe.AssertNone();
    }

    /// <summary>From the partnership's people page: invites a person with the form, and checks the confirmation.</summary>
    private async Task InviteAsync(IPage page, int partnershipId, string name, string email, string role, string? agency, AxeLog axe, bool tryWithoutAgency = false)
    {
        var people = $"/partnerships/{partnershipId}/people";
        if (new Uri(page.Url).AbsolutePath != people)
        {
            await page.GotoAsync(people);
        }

        await axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Invite someone", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url($"{people}/invite"));
        await axe.CheckAsync(page, agency is null ? "no agencies" : null);
        await page.GetByLabel("Full name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await RadioAsync(page, "Role", role);

        if (tryWithoutAgency)
        {
            // An agency role needs its agency: the page says so, and keeps what was typed.
            await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation", Exact = true }).ClickAsync();
            await ExpectErrorsAsync(page, "Select the agency this person works for");
            await Expect(page.GetByLabel("Email address", new() { Exact = true })).ToHaveValueAsync(email);
            await Expect(Group(page, "Role").GetByLabel(role, new() { Exact = true })).ToBeCheckedAsync();
            Assert.Empty(server.Smtp.To(email));
            await axe.CheckAsync(page, "no agency");
        }

        if (agency is not null)
        {
            await RadioAsync(page, "Agency", agency);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url(people));
        await Expect(page.Locator("#confirmation")).ToHaveTextAsync($"Invitation sent to {email}");
        // The partnership's people list shows its own roles and member agencies' leads, not other agency staff.
        if (agency is null || role == "Agency safeguarding lead")
        {
            await Expect(PersonRow(page, email).Locator("td").Nth(3)).ToHaveTextAsync("Invited");
        }
        else
        {
            await Expect(PersonRow(page, email)).ToHaveCountAsync(0);
        }

        await axe.CheckAsync(page, $"invited {name}");
    }

    private static Task ExpectErrorsAsync(IPage page, params string[] errors) => InvitationSteps.ExpectErrorsAsync(page, errors);

    private Regex Url(string path) => new("^" + Regex.Escape(new Uri(server.ServerAddress, path).ToString()) + "(#.*)?$");

    private static ILocator H1(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static ILocator Nav(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static ILocator Group(IPage page, string name) =>
        page.GetByRole(AriaRole.Group, new() { Name = name, Exact = true });

    private static Task RadioAsync(IPage page, string question, string label) =>
        Group(page, question).GetByLabel(label, new() { Exact = true }).CheckAsync();

    private static async Task FillDateAsync(IPage page, string legend, DateOnly date)
    {
        var group = Group(page, legend);
        await group.GetByLabel("Day", new() { Exact = true }).FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month", new() { Exact = true }).FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year", new() { Exact = true }).FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>"Your returns" links each return by its agency's name (the action plan link says more).</summary>
    private static ILocator ReturnLink(IPage page, string agency) =>
        page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($@"^{Regex.Escape(agency)}\W*$") });

    private static ILocator PersonRow(IPage page, string email) =>
        page.Locator("#people tbody tr").Filter(new() { HasText = email });

    private static ILocator TrackerStatus(IPage page, string agency) =>
        page.Locator("#tracker tbody tr").Filter(new() { HasText = agency }).Locator(".app-status");
}
