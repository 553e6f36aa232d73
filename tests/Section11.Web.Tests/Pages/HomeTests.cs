using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages;

/// <summary>The home page: everything waiting for the person, grouped by the agencies and partnerships they hold roles in.</summary>
[Trait("Category", "Operations")]
public sealed class HomeTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task The_administrators_home_page_links_to_each_of_their_partnerships()
    {
        await using var db = factory.Database.CreateContext();
        var first = await PartnershipTestData.CreatePartnershipAsync(db, "Home Surgery");
        var second = await PartnershipTestData.CreatePartnershipAsync(db, "Home Police");
        var other = await PartnershipTestData.CreatePartnershipAsync(db, "Elsewhere");
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: first.PartnershipId, name: "Hal Home");
        db.RoleAssignments.Add(new RoleAssignment { UserId = admin.UserId, Role = Role.PartnershipAdministrator, PartnershipId = second.PartnershipId });
        await db.SaveChangesAsync();
        var names = await db.Partnerships.Where(p => p.Id == first.PartnershipId || p.Id == second.PartnershipId).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name }).ToListAsync();
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(admin.Email);

        var home = await client.GetAsync("/");

        var links = home.Document.QuerySelectorAll(".app-home-partnership h2 a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([.. names.Select(p => (p.Name, (string?)$"/partnerships/{p.Id}"))], links);
        Assert.DoesNotContain("You have no Section 11 returns to complete", home.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(links, l => l.Item2 == $"/partnerships/{other.PartnershipId}");
        Assert.Equal(["No open rounds.", "No open rounds."], home.Document.QuerySelectorAll(".app-home-partnership p.govuk-body").Select(p => p.TextContent.Trim()));
    }

    [Fact]
    public async Task A_person_with_one_role_sees_their_agency_and_its_return_only()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);

        var home = await client.GetAsync("/");

        Assert.Equal("Your returns", home.H1);
        var section = Assert.Single(home.Document.QuerySelectorAll(".app-home-agency"));
        Assert.Empty(home.Document.QuerySelectorAll(".app-home-partnership"));
        Assert.Equal($"/returns/{lead.ReturnId}", Assert.Single(section.QuerySelectorAll("table a")).GetAttribute("href"));
        Assert.Equal("Draft", section.QuerySelector("tbody .app-status")!.TextContent.Trim());
        Assert.Equal("None", section.QuerySelector("tbody .app-last-activity")!.TextContent.Trim());
        Assert.Null(section.QuerySelector(".app-home-sign-off"));
        Assert.Equal([$"/agencies/{lead.AgencyId}/action-plan", $"/agencies/{lead.AgencyId}", $"/agencies/{lead.AgencyId}/people"],
            section.QuerySelectorAll(".app-home-agency-links a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task A_person_with_roles_in_several_organisations_sees_each_with_what_waits_for_them()
    {
        await using var db = factory.Database.CreateContext();
        var signed = await TestData.CreateReturnAsync(db, "masa-2018", $"Signing Agency {Guid.NewGuid():N}"[..22]);
        var helped = await TestData.CreateReturnAsync(db, "masa-2018", $"Helped Agency {Guid.NewGuid():N}"[..21]);
        var reviewed = await TestData.CreateReturnAsync(db, "masa-2018");
        var person = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: signed.AgencyId, name: "Many Hats");
        var activity = new DateTime(2026, 11, 20, 14, 5, 0, DateTimeKind.Utc);
        db.RoleAssignments.AddRange(
            new RoleAssignment { UserId = person.UserId, Role = Role.SeniorSignatory, AgencyId = signed.AgencyId },
            new RoleAssignment { UserId = person.UserId, Role = Role.AgencyContributor, AgencyId = helped.AgencyId },
            new RoleAssignment { UserId = person.UserId, Role = Role.PartnershipAdministrator, PartnershipId = signed.PartnershipId },
            new RoleAssignment { UserId = person.UserId, Role = Role.PartnershipReviewer, PartnershipId = reviewed.PartnershipId });
        var awaiting = await db.Returns.SingleAsync(r => r.Id == signed.ReturnId);
        awaiting.Status = ReturnStatus.AwaitingSignOff;
        awaiting.LastActivityAt = activity;
        var submitted = await db.Returns.SingleAsync(r => r.Id == reviewed.ReturnId);
        submitted.Status = ReturnStatus.Submitted;
        submitted.SubmittedAt = activity;
        var receipt = await db.Receipts.Include(x => x.Round).SingleAsync(x => x.ReturnId == reviewed.ReturnId);
        db.ReviewAssignments.Add(new ReviewAssignment { ReceiptId = receipt.Id, UserId = person.UserId, AssignedAt = activity, AssignedById = person.UserId });
        await db.SaveChangesAsync();
        var signedRound = await db.Receipts.Where(x => x.ReturnId == signed.ReturnId).Select(x => new { x.RoundId, x.Round.Title }).SingleAsync();
        var agencyNames = await db.Agencies.Where(a => a.Id == signed.AgencyId || a.Id == helped.AgencyId || a.Id == reviewed.AgencyId).ToDictionaryAsync(a => a.Id, a => a.Name);
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(person.Email);

        var home = await client.GetAsync("/");

        // The agencies first, each with its heading, then the partnerships.
        Assert.Equal([$"Agency{agencyNames[helped.AgencyId]}", $"Agency{agencyNames[signed.AgencyId]}"],
            home.Document.QuerySelectorAll(".app-home-agency h2").Select(h => h.TextContent.Trim()).Order(StringComparer.Ordinal));
        var signing = home.Document.QuerySelector($"#agency-{signed.AgencyId}")!;
        var signOff = Assert.Single(signing.QuerySelectorAll(".app-home-sign-off a"));
        Assert.Equal($"/returns/{signed.ReturnId}/sign-off", signOff.GetAttribute("href"));
        Assert.Equal($"Sign off and submit {agencyNames[signed.AgencyId]}'s return for {signedRound.Title}", signOff.TextContent.Trim());
        Assert.Equal("Awaiting sign-off", signing.QuerySelector("tbody .app-status")!.TextContent.Trim());
        Assert.Equal("20 Nov 2026 14:05", signing.QuerySelector("tbody .app-last-activity")!.TextContent.Trim());
        Assert.Contains($"/agencies/{signed.AgencyId}/people", signing.QuerySelectorAll(".app-home-agency-links a").Select(a => a.GetAttribute("href")));

        // A contributor: the return, the action plan and the agency's details, no sign-off and no people page.
        var helping = home.Document.QuerySelector($"#agency-{helped.AgencyId}")!;
        Assert.Equal($"/returns/{helped.ReturnId}", Assert.Single(helping.QuerySelectorAll("table a")).GetAttribute("href"));
        Assert.Null(helping.QuerySelector(".app-home-sign-off"));
        Assert.Equal([$"/agencies/{helped.AgencyId}/action-plan", $"/agencies/{helped.AgencyId}"], helping.QuerySelectorAll(".app-home-agency-links a").Select(a => a.GetAttribute("href")));
        Assert.Null(home.Document.QuerySelector($"#agency-{reviewed.AgencyId}"));

        // The administrator's partnership, with its open round's figures.
        var administered = home.Document.QuerySelector($"#partnership-{signed.PartnershipId}")!;
        Assert.Equal($"/partnerships/{signed.PartnershipId}", administered.QuerySelector("h2 a")!.GetAttribute("href"));
        var round = Assert.Single(administered.QuerySelectorAll(".app-home-rounds li"));
        Assert.Equal($"/partnerships/{signed.PartnershipId}/rounds/{signedRound.RoundId}", round.QuerySelector("a")!.GetAttribute("href"));
        Assert.EndsWith("0 of 1 return submitted, 0 returns overdue", round.TextContent.Trim(), StringComparison.Ordinal);

        // The reviewer's partnership, with the review assigned to them.
        var reviewing = home.Document.QuerySelector($"#partnership-{reviewed.PartnershipId}")!;
        var review = Assert.Single(reviewing.QuerySelectorAll(".app-home-reviews a"));
        Assert.Equal($"/partnerships/{reviewed.PartnershipId}/rounds/{receipt.RoundId}/reviews/{receipt.Id}", review.GetAttribute("href"));
        Assert.Equal($"Review {agencyNames[reviewed.AgencyId]}'s return for {receipt.Round.Title}", review.TextContent.Trim());
        Assert.EndsWith("1 of 1 return submitted, 0 returns overdue", reviewing.QuerySelector(".app-home-rounds li")!.TextContent.Trim(), StringComparison.Ordinal);
    }
}
