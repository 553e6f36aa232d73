using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds;

/// <summary>The round's whole life as the administrator sees it: the launch's warning, closing, and what a closed round shows.</summary>
[Trait("Category", "Operations")]
public sealed class RoundLifeTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private sealed record Setup(HtmlClient Admin, int PartnershipId, int RoundId, IReadOnlyList<int> Agencies, IReadOnlyList<string> Names, string LeadEmail);

    /// <summary>A partnership of two agencies, the first with a lead and the second without, and a round set up but not launched.</summary>
    private async Task<Setup> SetUpAsync(string name)
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, $"{name} Surgery", $"{name} Police");
        var names = await db.Agencies.Where(a => p.AgencyIds.Contains(a.Id)).OrderBy(a => a.Id).Select(a => a.Name).ToListAsync();
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: p.PartnershipId, name: "Ada Admin");
        var lead = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: p.AgencyIds[0], name: "Lee Lead");
        var framework = await db.FrameworkVersions.SingleAsync(f => f.FrameworkKey == "masa-2018");
        var round = new Round
        {
            PartnershipId = p.PartnershipId, FrameworkVersionId = framework.Id, Title = $"{name} audit 2031",
            OpensOn = new DateOnly(2031, 1, 1), DueOn = new DateOnly(2031, 3, 31), CreatedAt = DateTime.UtcNow,
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(admin.Email);
        return new(client, p.PartnershipId, round.Id, p.AgencyIds, names, lead.Email);
    }

    [Fact]
    public async Task The_launch_warns_about_agencies_with_no_lead_offers_to_invite_one_and_still_launches()
    {
        var s = await SetUpAsync("Warn");
        using var admin = s.Admin;
        var launch = await admin.GetAsync($"/partnerships/{s.PartnershipId}/rounds/{s.RoundId}/launch");
        Assert.Equal("Warning 1 agency has no safeguarding lead. You can launch to them, but nobody can complete their returns until a lead accepts an invitation.",
            launch.Text("#no-lead strong"));
        var invite = Assert.Single(launch.Document.QuerySelectorAll("#no-lead-agencies li"));
        Assert.StartsWith(s.Names[1], invite.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(s.Names[0], launch.Text("#no-lead-agencies"), StringComparison.Ordinal);

        // The invitation page comes with that agency and the lead's role chosen.
        var href = invite.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal($"/partnerships/{s.PartnershipId}/people/invite?agencyId={s.Agencies[1]}", href);
        var form = await admin.GetAsync(href);
        Assert.NotNull(form.Document.QuerySelector($"input[name=AgencyId][value='{s.Agencies[1]}'][checked]"));
        Assert.NotNull(form.Document.QuerySelector("input[name=Role][value='AgencyLead'][checked]"));

        var tracker = await admin.FollowAsync(await admin.SubmitAsync(launch, new Dictionary<string, string?>()));
        Assert.Equal(2, tracker.Document.QuerySelectorAll("#tracker tbody tr").Length);
    }

    [Fact]
    public async Task The_administrator_closes_a_round_which_then_shows_final_figures_and_moves_to_history()
    {
        var s = await SetUpAsync("Close");
        using var admin = s.Admin;
        var trackerUrl = $"/partnerships/{s.PartnershipId}/rounds/{s.RoundId}";
        var open = await admin.FollowAsync(await admin.SubmitAsync(await admin.GetAsync($"{trackerUrl}/launch"), new Dictionary<string, string?>()));
        Assert.Equal(2, open.Document.QuerySelectorAll("#tracker a[href$='/extend']").Length);
        Assert.Null(open.Document.QuerySelector("#round-closed"));

        var confirm = await admin.GetAsync(open.Document.QuerySelector("#close-link")!.GetAttribute("href")!);
        Assert.Equal("Are you sure you want to close this round?", confirm.H1);
        Assert.Equal("0 of 2 returns have been submitted.", confirm.Text("#close-counts"));
        var closed = await admin.FollowAsync(await admin.SubmitAsync(confirm, new Dictionary<string, string?>()));

        var today = DateOnly.FromDateTime(factory.Clock.Now.UtcDateTime).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var final = $"Closed on {today}; figures are final. Returns not submitted by then show as not received.";
        Assert.Equal($"Close audit 2031 has been closed", closed.Text(".govuk-notification-banner--success #confirmation"));
        Assert.Equal(final, closed.Text("#round-closed"));
        Assert.Equal(["Not received", "Not received"], closed.Document.QuerySelectorAll("#tracker .app-status").Select(c => c.TextContent.Trim()));
        Assert.Empty(closed.Document.QuerySelectorAll("#tracker a[href$='/extend'], #tracker a[href$='/return-for-changes']"));
        Assert.Null(closed.Document.QuerySelector("#close-link"));
        Assert.Equal(final, (await admin.GetAsync($"{trackerUrl}/dashboard")).Text("#round-closed"));

        // Closing again (an old form) is refused in the error summary; the confirmation page itself now leads back.
        Assert.Equal(["This round has already been closed."], (await admin.SubmitAsync(confirm, new Dictionary<string, string?>())).ErrorSummary);
        Assert.Equal(trackerUrl, (await admin.GetAsync($"{trackerUrl}/close")).Location);

        // The partnership page lists it among the closed rounds, not the open ones.
        var home = await admin.GetAsync($"/partnerships/{s.PartnershipId}");
        Assert.Contains("Close audit 2031", home.Text("#closed-rounds"), StringComparison.Ordinal);
        Assert.Contains($"Closed on {today}", home.Text("#closed-rounds"), StringComparison.Ordinal);
        Assert.Null(home.Document.QuerySelector("#rounds"));
        Assert.Contains(home.Document.QuerySelectorAll("p.govuk-body"), p => p.TextContent.Trim() == "No open rounds.");

        // The agency's lead finds the return locked: no continuing, no editing.
        await using var db = factory.Database.CreateContext();
        var returnId = await db.Receipts.Where(x => x.RoundId == s.RoundId && x.AgencyId == s.Agencies[0]).Select(x => x.ReturnId!.Value).SingleAsync();

        // An old link to extend or return for changes says the round has closed, with no form to fill in.
        var extend = await admin.GetAsync($"{trackerUrl}/returns/{returnId}/extend");
        Assert.Equal($"Close audit 2031 closed on {today}: its return-by dates can no longer change.", extend.Text("#closed"));
        Assert.Null(extend.Document.QuerySelector("main form"));
        var sendBack = await admin.GetAsync($"{trackerUrl}/returns/{returnId}/return-for-changes");
        Assert.Equal($"Close audit 2031 closed on {today}: its returns can no longer be sent back for changes.", sendBack.Text("#closed"));
        Assert.Null(sendBack.Document.QuerySelector("main form"));
        using var lead = factory.CreateHtmlClient();
        await lead.SignInAsync(s.LeadEmail);
        var view = await lead.GetAsync($"/returns/{returnId}/view");
        Assert.Equal("This return is locked: every round it goes to is closed. Nobody can change, sign off or submit it.", view.Text("#return-locked"));
        Assert.Null(view.Document.QuerySelector($"a[href='/returns/{returnId}']"));
        Assert.Equal($"/returns/{returnId}/view", (await lead.GetAsync($"/returns/{returnId}/standards/1")).Location);
    }

    [Fact]
    public async Task Repeating_a_round_prefills_two_years_on_checks_the_dates_and_sets_up_an_unlaunched_round_for_the_same_agencies()
    {
        var s = await SetUpAsync("Repeat");
        using var admin = s.Admin;
        var trackerUrl = $"/partnerships/{s.PartnershipId}/rounds/{s.RoundId}";
        var tracker = await admin.FollowAsync(await admin.SubmitAsync(await admin.GetAsync($"{trackerUrl}/launch"),
            new Dictionary<string, string?> { ["AgencyIds"] = s.Agencies[0].ToString(CultureInfo.InvariantCulture) }));

        var form = await admin.GetAsync(tracker.Document.QuerySelector("#repeat-link")!.GetAttribute("href")!);
        Assert.Equal("Repeat this round for the next cycle", form.H1);
        Assert.Equal(("Repeat audit 2033", "1", "1", "2033", "31", "3", "2033"),
            (form.Value("Title"), form.Value("OpensOn.Day"), form.Value("OpensOn.Month"), form.Value("OpensOn.Year"), form.Value("DueOn.Day"), form.Value("DueOn.Month"), form.Value("DueOn.Year")));
        Assert.Single(form.Document.QuerySelectorAll("input[name=FrameworkVersionId][checked]"));

        var invalid = await admin.SubmitAsync(form, new Dictionary<string, string?> { ["DueOn.Day"] = "31", ["DueOn.Month"] = "2" });
        Assert.Equal(["Return-by date must be a real date"], invalid.ErrorSummary);
        Assert.Equal(("31", "2"), (invalid.Value("DueOn.Day"), invalid.Value("DueOn.Month")));

        var launch = await admin.FollowAsync(await admin.SubmitAsync(form, new Dictionary<string, string?>()));
        Assert.Equal("Check and launch the round", launch.H1);
        Assert.Equal("Repeat audit 2033 has been set up: check it and launch it", launch.Text(".govuk-notification-banner--success #confirmation"));
        Assert.Equal([s.Agencies[0].ToString(CultureInfo.InvariantCulture)],
            launch.Document.QuerySelectorAll("input[name=AgencyIds][checked]").Select(i => i.GetAttribute("value")));

        await using var db = factory.Database.CreateContext();
        var repeated = await db.Rounds.SingleAsync(r => r.RepeatsRoundId == s.RoundId);
        Assert.Equal(("Repeat audit 2033", (DateTime?)null, new DateOnly(2033, 3, 31)), (repeated.Title, repeated.LaunchedAt, repeated.DueOn));
    }

    [Fact]
    public async Task The_administrator_adds_an_agency_to_a_launched_round_and_none_once_it_is_closed()
    {
        var s = await SetUpAsync("Add");
        using var admin = s.Admin;
        var trackerUrl = $"/partnerships/{s.PartnershipId}/rounds/{s.RoundId}";
        var tracker = await admin.FollowAsync(await admin.SubmitAsync(await admin.GetAsync($"{trackerUrl}/launch"),
            new Dictionary<string, string?> { ["AgencyIds"] = s.Agencies[0].ToString(CultureInfo.InvariantCulture) }));

        var form = await admin.GetAsync(tracker.Document.QuerySelector("#add-agencies-link")!.GetAttribute("href")!);
        Assert.Equal("Add agencies to the round", form.H1);
        Assert.Equal([s.Agencies[1].ToString(CultureInfo.InvariantCulture)], form.Document.QuerySelectorAll("input[name=AgencyIds]").Select(i => i.GetAttribute("value")));
        Assert.Equal(["Select the agencies to add to the round"], (await admin.SubmitAsync(form, new Dictionary<string, string?> { ["AgencyIds"] = null })).ErrorSummary);

        var added = await admin.FollowAsync(await admin.SubmitAsync(form, new Dictionary<string, string?> { ["AgencyIds"] = s.Agencies[1].ToString(CultureInfo.InvariantCulture) }));
        Assert.Equal("1 agency has been added to the round", added.Text(".govuk-notification-banner--success #confirmation"));
        Assert.Equal(2, added.Document.QuerySelectorAll("#tracker tbody tr").Length);
        Assert.Contains(s.Names[1], added.Text("#tracker"), StringComparison.Ordinal);
        Assert.Equal("Every member agency is already in this round. Add an agency to the partnership first.", (await admin.GetAsync($"{trackerUrl}/add-agencies")).Text("#none-to-add"));

        await admin.FollowAsync(await admin.SubmitAsync(await admin.GetAsync($"{trackerUrl}/close"), new Dictionary<string, string?>()));
        Assert.Equal(trackerUrl, (await admin.GetAsync($"{trackerUrl}/add-agencies")).Location);
        Assert.Null((await admin.GetAsync(trackerUrl)).Document.QuerySelector("#add-agencies-link"));
    }
}
