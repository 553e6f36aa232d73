using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Security;

/// <summary>
/// The takeover of issue 11: partnership B's administrator adds an agency by the exact (public) name of one of
/// partnership A's. It must not be linked: the agency is asked, and until its lead accepts B sees only its name. Once
/// accepted, B is a member but still sees nothing of A's rounds, and cannot make anyone the agency's lead.
/// </summary>
[Trait("Category", "Security")]
public sealed class AgencyTakeoverTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private sealed record Setting(string Name, int AgencyId, int PartnershipA, int ReturnA, int ActionA, string Secret, int PartnershipB,
        Section11Factory.Person LeadA, Section11Factory.Person Contributor, Section11Factory.Person AdminB);

    private async Task<Setting> ArrangeAsync()
    {
        await using var db = factory.Database.CreateContext();
        var name = $"Northshire Young Carers {Guid.NewGuid():N}"[..40];
        var a = await TestData.CreateReturnAsync(db, "masa-2018", name);
        var roundA = await db.Receipts.Where(x => x.ReturnId == a.ReturnId).Select(x => x.RoundId).SingleAsync();
        var secret = $"Outcome of A's round {Guid.NewGuid():N}";
        var area = new ImprovementArea
        {
            AgencyId = a.AgencyId, RoundId = roundA, OverarchingStandard = "Standard 1, A's round", Outcome = secret, Position = 1, CreatedAt = DateTime.UtcNow, CreatedById = "t",
            Actions = [new() { Position = 1, SpecificAction = "Act", Deadline = new DateOnly(2030, 1, 1), LeadOrganisation = name, AccountablePerson = "P", SuccessIndicators = "S", UpdatedById = "t" }],
        };
        db.ImprovementAreas.Add(area);
        await db.SaveChangesAsync();
        var b = await PartnershipTestData.CreatePartnershipAsync(db);
        var lead = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: a.AgencyId, name: "Jo Bennett");
        var contributor = await factory.CreatePersonAsync(Role.AgencyContributor, agencyId: a.AgencyId, name: "Cass Contributor");
        var adminB = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: b.PartnershipId, name: "Mallory Admin");
        return new(name, a.AgencyId, a.PartnershipId, a.ReturnId, area.Actions[0].Id, secret, b.PartnershipId, lead, contributor, adminB);
    }

    private static async Task<HtmlClient.Page> AddAgencyAsync(HtmlClient admin, int partnershipId, string name)
    {
        var form = await admin.GetAsync($"/partnerships/{partnershipId}/agencies/new");
        return await admin.FollowAsync(await admin.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = name, ["Sector"] = "VoluntaryAndCommunity" }));
    }

    private static async Task<HtmlClient.Page> InviteAsync(HtmlClient admin, int partnershipId, int agencyId, string email, string role = "AgencyLead")
    {
        var form = await admin.GetAsync($"/partnerships/{partnershipId}/people/invite");
        return await admin.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["DisplayName"] = "Mallory Admin", ["Email"] = email, ["Role"] = role, ["AgencyId"] = agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    [Fact]
    public async Task Adding_another_partnerships_agency_by_name_asks_it_and_gives_nothing_until_its_lead_accepts_and_never_As_rounds()
    {
        var s = await ArrangeAsync();
        using var admin = factory.CreateHtmlClient();
        await admin.SignInAsync(s.AdminB.Email);

        // B adds the agency by its exact name: it is asked, not linked.
        var agencies = await AddAgencyAsync(admin, s.PartnershipB, s.Name);
        Assert.Contains("asked it to join", agencies.Text("#confirmation"), StringComparison.Ordinal);
        Assert.Contains(s.Name, agencies.Text("#requests"), StringComparison.Ordinal);
        Assert.Contains("Waiting for the agency to accept", agencies.Text("#requests"), StringComparison.Ordinal);
        Assert.Null(agencies.Document.QuerySelector("#agencies"));
        var again = await admin.SubmitAsync(await admin.GetAsync($"/partnerships/{s.PartnershipB}/agencies/new"),
            new Dictionary<string, string?> { ["Name"] = s.Name, ["Sector"] = "VoluntaryAndCommunity" });
        Assert.Equal([$"{s.Name} has already been asked to join this partnership and has not answered yet"], again.ErrorSummary);

        // Until then: nothing of the agency, no roles for it, no access to A's return.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/agencies/{s.AgencyId}/action-plan")).Status);
        Assert.DoesNotContain(s.LeadA.Email, (await admin.GetAsync($"/partnerships/{s.PartnershipB}/people")).Text("main"), StringComparison.Ordinal);
        Assert.Null((await admin.GetAsync($"/partnerships/{s.PartnershipB}/people/invite")).Document.QuerySelector($"input[name='AgencyId'][value='{s.AgencyId}']"));
        Assert.Equal(["Select the agency this person works for"], (await InviteAsync(admin, s.PartnershipB, s.AgencyId, s.AdminB.Email)).ErrorSummary);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/returns/{s.ReturnA}/standards/1")).Status);

        // The agency's lead is emailed, and accepts on the agency's page.
        var email = await factory.Smtp.WaitForAsync(s.LeadA.Email);
        Assert.Contains(s.Name, email.Subject, StringComparison.Ordinal);
        var link = email.Link("https://localhost/agencies/");
        using var lead = factory.CreateHtmlClient();
        await lead.SignInAsync(s.LeadA.Email);
        var decide = await lead.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, decide.Status);
        Assert.Equal(["Select whether to accept or decline the request"], (await lead.SubmitAsync(decide, new Dictionary<string, string?>())).ErrorSummary);
        // Nobody else of the agency decides: a contributor is refused, B's administrator cannot see the request at all.
        using var contributor = factory.CreateHtmlClient();
        await contributor.SignInAsync(s.Contributor.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync(new Uri(link).PathAndQuery)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri(link).PathAndQuery)).Status);
        var accepted = await lead.FollowAsync(await lead.SubmitAsync(decide, new Dictionary<string, string?> { ["Decision"] = "Accept" }));
        Assert.Contains("now counts", accepted.Text("#confirmation"), StringComparison.Ordinal);

        // B is a member now, and sees the agency's plan: only what comes from its own rounds (none yet).
        agencies = await admin.GetAsync($"/partnerships/{s.PartnershipB}/agencies");
        Assert.Contains(s.Name, agencies.Text("#agencies"), StringComparison.Ordinal);
        var plan = await admin.GetAsync($"/agencies/{s.AgencyId}/action-plan");
        Assert.Equal(HttpStatusCode.OK, plan.Status);
        Assert.DoesNotContain(s.Secret, plan.Text("main"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/agencies/{s.AgencyId}/action-plan/actions/{s.ActionA}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/returns/{s.ReturnA}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/returns/{s.ReturnA}/standards/1")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/agencies/{s.AgencyId}/people")).Status);

        // It still cannot make anyone the agency's lead: the agency has one, who gives its roles.
        Assert.Null((await admin.GetAsync($"/partnerships/{s.PartnershipB}/people/invite")).Document.QuerySelector($"input[name='AgencyId'][value='{s.AgencyId}']"));
        var refused = await InviteAsync(admin, s.PartnershipB, s.AgencyId, s.AdminB.Email);
        Assert.Equal([$"{s.Name} already has a safeguarding lead, who gives its roles on the agency's people page. Ask them to add this person."], refused.ErrorSummary);
        Assert.Equal("Mallory Admin", refused.Value("DisplayName"));
        // Its people list shows the agency's lead (whom it needs to reach), never the agency's other staff.
        var people = (await admin.GetAsync($"/partnerships/{s.PartnershipB}/people")).Text("#people");
        Assert.Contains(s.LeadA.Email, people, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Contributor.Email, people, StringComparison.Ordinal);

        await using var db = factory.Database.CreateContext();
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.UserId == s.AdminB.UserId && r.AgencyId == s.AgencyId));
        Assert.False(await db.RoleGrants.AnyAsync(g => g.UserId == s.AdminB.UserId));
        var request = await db.MembershipRequests.SingleAsync(r => r.PartnershipId == s.PartnershipB && r.AgencyId == s.AgencyId);
        Assert.Equal(RequestOutcome.Accepted, request.Outcome);
        Assert.Equal(s.LeadA.UserId, request.DecidedById);
        var log = await db.ChangeLog.Where(c => c.EntityType == nameof(MembershipRequest) && c.EntityId == request.Id.ToString()).ToListAsync();
        Assert.Contains(log, c => c.Field == "Requested" && c.UserId == s.AdminB.UserId);
        Assert.Contains(log, c => c.Field == "Outcome" && c.NewValue == "Accepted" && c.UserId == s.LeadA.UserId);
        Assert.True(await db.ChangeLog.AnyAsync(c => c.EntityType == nameof(PartnershipMembership) && c.EntityId == $"{s.PartnershipB}/{s.AgencyId}" && c.UserId == s.LeadA.UserId));
    }

    [Fact]
    public async Task A_declined_request_leaves_the_agency_out_and_a_new_agency_is_created_as_a_member_with_a_change_log()
    {
        var s = await ArrangeAsync();
        using var admin = factory.CreateHtmlClient();
        await admin.SignInAsync(s.AdminB.Email);
        await AddAgencyAsync(admin, s.PartnershipB, s.Name);
        await using var db = factory.Database.CreateContext();
        var requestId = await db.MembershipRequests.Where(r => r.PartnershipId == s.PartnershipB && r.AgencyId == s.AgencyId).Select(r => r.Id).SingleAsync();

        using var lead = factory.CreateHtmlClient();
        await lead.SignInAsync(s.LeadA.Email);
        var list = await lead.GetAsync($"/agencies/{s.AgencyId}/membership-requests");
        Assert.Contains("Waiting for your answer", list.Text("#requests"), StringComparison.Ordinal);
        var decide = await lead.GetAsync($"/agencies/{s.AgencyId}/membership-requests/{requestId}");
        await lead.SubmitAsync(decide, new Dictionary<string, string?> { ["Decision"] = "Decline" });
        // Deciding twice is refused (the form of the old page, posted again).
        Assert.Equal(["This request was already declined."], (await lead.SubmitAsync(decide, new Dictionary<string, string?> { ["Decision"] = "Accept" })).ErrorSummary);

        var agencies = await admin.GetAsync($"/partnerships/{s.PartnershipB}/agencies");
        Assert.Contains("Declined", agencies.Text("#requests"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/agencies/{s.AgencyId}/action-plan")).Status);
        Assert.False(await db.PartnershipMemberships.AnyAsync(m => m.PartnershipId == s.PartnershipB && m.AgencyId == s.AgencyId));
        var decided = await factory.Smtp.WaitForAsync(s.AdminB.Email, e => e.Subject.Contains("declined", StringComparison.Ordinal));
        Assert.Contains(s.Name, decided.Subject, StringComparison.Ordinal);

        // A name nobody uses yet is a new agency, a member at once, and recorded.
        var fresh = $"Harbour Youth Project {Guid.NewGuid():N}"[..36];
        agencies = await AddAgencyAsync(admin, s.PartnershipB, fresh);
        Assert.Contains(fresh, agencies.Text("#agencies"), StringComparison.Ordinal);
        var created = await db.Agencies.SingleAsync(a => a.Name == fresh);
        Assert.True(await db.ChangeLog.AnyAsync(c => c.EntityType == nameof(Agency) && c.EntityId == created.Id.ToString() && c.Field == "Created" && c.UserId == s.AdminB.UserId));
        Assert.True(await db.ChangeLog.AnyAsync(c => c.EntityType == nameof(PartnershipMembership) && c.EntityId == $"{s.PartnershipB}/{created.Id}"));
    }

    [Fact]
    public async Task A_platform_administrator_decides_for_an_agency_that_has_no_lead()
    {
        await using var db = factory.Database.CreateContext();
        var a = await PartnershipTestData.CreatePartnershipAsync(db, "Leaderless charity");
        var b = await PartnershipTestData.CreatePartnershipAsync(db);
        var name = await db.Agencies.Where(x => x.Id == a.AgencyIds[0]).Select(x => x.Name).SingleAsync();
        var adminB = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: b.PartnershipId);
        var platform = await factory.CreatePersonAsync(Role.PlatformAdministrator, name: "Pat Platform");
        using var admin = factory.CreateHtmlClient();
        await admin.SignInAsync(adminB.Email);
        await AddAgencyAsync(admin, b.PartnershipId, name);

        var email = await factory.Smtp.WaitForAsync(platform.Email, e => e.Body.Contains(name, StringComparison.Ordinal));
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(platform.Email);
        var decide = await client.GetAsync(new Uri(email.Link("https://localhost/agencies/")).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, decide.Status);
        await client.SubmitAsync(decide, new Dictionary<string, string?> { ["Decision"] = "Accept" });
        Assert.True(await db.PartnershipMemberships.AnyAsync(m => m.PartnershipId == b.PartnershipId && m.AgencyId == a.AgencyIds[0]));
        // A platform administrator decides membership, but is not one of the agency's people.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/agencies/{a.AgencyIds[0]}/action-plan")).Status);
    }
}
