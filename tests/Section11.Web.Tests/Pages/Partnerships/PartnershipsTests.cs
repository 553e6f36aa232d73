using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships;

public sealed class PartnershipsTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private async Task<HtmlClient> SignedInAsync(Role role, int? partnershipId = null)
    {
        var person = await factory.CreatePersonAsync(role, partnershipId: partnershipId, name: "Pat Admin");
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(person.Email);
        return client;
    }

    [Fact]
    public async Task A_platform_administrator_adds_a_partnership_with_a_unique_name()
    {
        using var client = await SignedInAsync(Role.PlatformAdministrator);
        var form = await client.GetAsync("/partnerships/new");

        Assert.Equal(["Enter the partnership's name"], (await client.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = " " })).ErrorSummary);
        var created = await client.FollowAsync(await client.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = "Westshire Safeguarding Children Partnership" }));
        Assert.Equal("Westshire Safeguarding Children Partnership", created.H1);

        var again = await client.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = "Westshire Safeguarding Children Partnership" });
        Assert.Equal(["A partnership with this name already exists"], again.ErrorSummary);
        Assert.Equal("Westshire Safeguarding Children Partnership", again.Value("Name"));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task An_agency_already_known_by_name_is_asked_to_join_not_copied_nor_linked()
    {
        await using var db = factory.Database.CreateContext();
        var north = await PartnershipTestData.CreatePartnershipAsync(db);
        var south = await PartnershipTestData.CreatePartnershipAsync(db);
        var name = $"County Police {Guid.NewGuid():N}"[..24];

        using var northAdmin = await SignedInAsync(Role.PartnershipAdministrator, north.PartnershipId);
        var form = await northAdmin.GetAsync($"/partnerships/{north.PartnershipId}/agencies/new");
        Assert.Equal(["Select the agency's sector"], (await northAdmin.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = name })).ErrorSummary);
        var list = await northAdmin.FollowAsync(await northAdmin.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = name, ["Sector"] = "Police" }));
        Assert.Equal($"{name} has been added", list.Text("#confirmation"));
        Assert.Contains(name, list.Text("#agencies"), StringComparison.Ordinal);
        var twice = await northAdmin.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = name, ["Sector"] = "Police" });
        Assert.Equal([$"{name} is already a member of this partnership"], twice.ErrorSummary);

        using var southAdmin = await SignedInAsync(Role.PartnershipAdministrator, south.PartnershipId);
        var asked = await southAdmin.FollowAsync(await southAdmin.SubmitAsync(await southAdmin.GetAsync($"/partnerships/{south.PartnershipId}/agencies/new"),
            new Dictionary<string, string?> { ["Name"] = name, ["Sector"] = "Police" }));
        Assert.Contains(name, asked.Text("#requests"), StringComparison.Ordinal);

        await using var check = factory.Database.CreateContext();
        var agency = await check.Agencies.SingleAsync(a => a.Name == name);
        Assert.Equal([north.PartnershipId], await check.PartnershipMemberships.Where(m => m.AgencyId == agency.Id).Select(m => m.PartnershipId).ToListAsync());
        Assert.True(await check.MembershipRequests.AnyAsync(r => r.AgencyId == agency.Id && r.PartnershipId == south.PartnershipId && r.Outcome == RequestOutcome.Pending));
    }

    [Fact]
    public async Task An_administrator_invites_a_lead_who_gets_an_email_and_the_role()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Harbour Surgery");
        using var admin = await SignedInAsync(Role.PartnershipAdministrator, p.PartnershipId);
        var form = await admin.GetAsync($"/partnerships/{p.PartnershipId}/people/invite");

        var invalid = await admin.SubmitAsync(form, new Dictionary<string, string?> { ["DisplayName"] = "Ola Lead", ["Email"] = "not-an-email", ["Role"] = "AgencyLead" });
        Assert.Equal(["Enter an email address in the correct format, like name@example.com", "Select the agency this person works for"], invalid.ErrorSummary);
        Assert.Equal("Ola Lead", invalid.Value("DisplayName"));

        var email = $"ola-{Guid.NewGuid():N}@harbour.example";
        var people = await admin.FollowAsync(await admin.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["DisplayName"] = "Ola Lead", ["Email"] = email, ["Role"] = "AgencyLead", ["AgencyId"] = p.AgencyIds[0].ToString(),
        }));

        Assert.Equal($"Invitation sent to {email}", people.Text("#confirmation"));
        Assert.Contains("Ola Lead", people.Text("#people"), StringComparison.Ordinal);
        var invitation = await factory.Smtp.WaitForAsync(email);
        Assert.Contains("/account/accept/", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("the safeguarding lead for Harbour Surgery", invitation.Body, StringComparison.Ordinal);
        await using var check = factory.Database.CreateContext();
        var user = await check.Users.SingleAsync(u => u.Email == email);
        Assert.True(await check.RoleAssignments.AnyAsync(r => r.UserId == user.Id && r.Role == Role.AgencyLead && r.AgencyId == p.AgencyIds[0]));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Someone_with_an_account_is_asked_and_gains_a_partnership_role_only_by_accepting_it()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Quay Practice");
        var existing = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: p.AgencyIds[0], name: "Kim Existing");
        using var admin = await SignedInAsync(Role.PartnershipAdministrator, p.PartnershipId);
        var form = await admin.GetAsync($"/partnerships/{p.PartnershipId}/people/invite");

        var people = await admin.FollowAsync(await admin.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["DisplayName"] = "Kim Existing", ["Email"] = existing.Email, ["Role"] = "PartnershipReviewer",
        }));

        Assert.Equal($"{existing.Email} already has an account, so we have asked them to accept the role. They will have it once they do.", people.Text("#confirmation"));
        Assert.Contains("Asked, not yet accepted", people.Text("#people"), StringComparison.Ordinal);
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.UserId == existing.UserId && r.PartnershipId == p.PartnershipId));
        var email = await factory.Smtp.WaitForAsync(existing.Email);
        Assert.DoesNotContain("/account/accept/", email.Body, StringComparison.Ordinal);

        using var person = factory.CreateHtmlClient();
        await person.SignInAsync(existing.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await person.GetAsync($"/partnerships/{p.PartnershipId}")).Status);
        var offer = await person.GetAsync(new Uri(email.Link("https://localhost/account/roles/")).PathAndQuery);
        Assert.Equal(["Select whether you accept or decline the role"], (await person.SubmitAsync(offer, new Dictionary<string, string?>())).ErrorSummary);
        await person.SubmitAsync(offer, new Dictionary<string, string?>(), button: "Decision=Accept");
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync($"/partnerships/{p.PartnershipId}")).Status);
        Assert.True(await db.RoleAssignments.AnyAsync(r => r.UserId == existing.UserId && r.Role == Role.PartnershipReviewer && r.PartnershipId == p.PartnershipId));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task An_administrator_removes_a_partnership_role_at_once_but_not_the_last_administrator()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Pier Practice");
        var reviewer = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: p.PartnershipId, name: "Rae Reviewer");
        var adminPerson = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: p.PartnershipId, name: "Ada Admin");
        using var admin = factory.CreateHtmlClient();
        await admin.SignInAsync(adminPerson.Email);
        using var leaving = factory.CreateHtmlClient();
        await leaving.SignInAsync(reviewer.Email);
        Assert.Equal(HttpStatusCode.OK, (await leaving.GetAsync($"/partnerships/{p.PartnershipId}/people")).Status);

        var reviewerRole = await db.RoleAssignments.Where(r => r.UserId == reviewer.UserId).Select(r => r.Id).SingleAsync();
        var confirm = await admin.GetAsync($"/partnerships/{p.PartnershipId}/people/{reviewerRole}/remove");
        Assert.Equal("Are you sure you want to remove Rae Reviewer as partnership reviewer?", confirm.H1);
        var people = await admin.FollowAsync(await admin.SubmitAsync(confirm, new Dictionary<string, string?>()));
        Assert.Equal("Rae Reviewer is no longer partnership reviewer", people.Text("#confirmation"));
        Assert.Equal(HttpStatusCode.NotFound, (await leaving.GetAsync($"/partnerships/{p.PartnershipId}/people")).Status);
        Assert.True(await db.ChangeLog.AnyAsync(c => c.EntityType == nameof(RoleAssignment) && c.Field == "Removed" && c.EntityId == reviewerRole.ToString() && c.UserId == adminPerson.UserId));

        var adminRole = await db.RoleAssignments.Where(r => r.UserId == adminPerson.UserId).Select(r => r.Id).SingleAsync();
        var last = await admin.SubmitAsync(await admin.GetAsync($"/partnerships/{p.PartnershipId}/people/{adminRole}/remove"), new Dictionary<string, string?>());
        Assert.Equal(["This is the partnership's only administrator, so the role cannot be removed. Invite another administrator first, then remove this one."], last.ErrorSummary);

        // An agency's role is not the partnership's to remove.
        var lead = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: p.AgencyIds[0]);
        var leadRole = await db.RoleAssignments.Where(r => r.UserId == lead.UserId).Select(r => r.Id).SingleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/partnerships/{p.PartnershipId}/people/{leadRole}/remove")).Status);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task A_first_lead_offered_by_the_partnership_cannot_be_taken_up_once_the_agency_has_a_lead()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Cove Clinic");
        var existing = await factory.CreateLeadAsync("masa-2018", name: "Eli Existing");
        using var admin = await SignedInAsync(Role.PartnershipAdministrator, p.PartnershipId);
        await admin.SubmitAsync(await admin.GetAsync($"/partnerships/{p.PartnershipId}/people/invite"), new Dictionary<string, string?>
        {
            ["DisplayName"] = "Eli Existing", ["Email"] = existing.Email, ["Role"] = "AgencyLead", ["AgencyId"] = p.AgencyIds[0].ToString(),
        });
        var email = await factory.Smtp.WaitForAsync(existing.Email);

        // Meanwhile the agency gets its lead: from now on its roles are the lead's to give, so the offer lapses.
        await factory.CreatePersonAsync(Role.AgencyLead, agencyId: p.AgencyIds[0]);
        using var person = factory.CreateHtmlClient();
        await person.SignInAsync(existing.Email);
        var offer = await person.GetAsync(new Uri(email.Link("https://localhost/account/roles/")).PathAndQuery);
        var refused = await person.SubmitAsync(offer, new Dictionary<string, string?>(), button: "Decision=Accept");
        Assert.Equal(["This agency now has a safeguarding lead, who gives its roles: ask them. You can decline this offer."], refused.ErrorSummary);
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.UserId == existing.UserId && r.AgencyId == p.AgencyIds[0]));
    }
}
