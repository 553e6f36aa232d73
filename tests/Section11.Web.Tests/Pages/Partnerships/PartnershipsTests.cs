using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
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
    public async Task An_agency_already_known_by_name_is_shared_between_partnerships_not_copied()
    {
        await using var db = factory.Database.CreateContext();
        var north = await PartnershipTestData.CreatePartnershipAsync(db);
        var south = await PartnershipTestData.CreatePartnershipAsync(db);
        var name = $"County Police {Guid.NewGuid():N}"[..24];

        foreach (var pid in new[] { north.PartnershipId, south.PartnershipId })
        {
            using var admin = await SignedInAsync(Role.PartnershipAdministrator, pid);
            var form = await admin.GetAsync($"/partnerships/{pid}/agencies/new");
            var missing = await admin.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = name });
            Assert.Equal(["Select the agency's sector"], missing.ErrorSummary);
            var list = await admin.FollowAsync(await admin.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = name, ["Sector"] = "Police" }));
            Assert.Contains(name, list.Text("#agencies"), StringComparison.Ordinal);
            var twice = await admin.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = name, ["Sector"] = "Police" });
            Assert.Equal([$"{name} is already a member of this partnership"], twice.ErrorSummary);
        }

        await using var check = factory.Database.CreateContext();
        var agency = await check.Agencies.SingleAsync(a => a.Name == name);
        Assert.Equal(2, await check.PartnershipMemberships.CountAsync(m => m.AgencyId == agency.Id));
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
        Assert.Contains("your agency's safeguarding lead", invitation.Body, StringComparison.Ordinal);
        await using var check = factory.Database.CreateContext();
        var user = await check.Users.SingleAsync(u => u.Email == email);
        Assert.True(await check.RoleAssignments.AnyAsync(r => r.UserId == user.Id && r.Role == Role.AgencyLead && r.AgencyId == p.AgencyIds[0]));
    }

    [Fact]
    public async Task Someone_with_an_account_just_gains_the_role_without_an_invitation()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Quay Practice");
        var existing = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: p.AgencyIds[0], name: "Kim Existing");
        using var admin = await SignedInAsync(Role.PartnershipAdministrator, p.PartnershipId);
        var form = await admin.GetAsync($"/partnerships/{p.PartnershipId}/people/invite");

        var people = await admin.FollowAsync(await admin.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["DisplayName"] = "Kim Existing", ["Email"] = existing.Email, ["Role"] = "SeniorSignatory", ["AgencyId"] = p.AgencyIds[0].ToString(),
        }));

        Assert.Equal($"{existing.Email} already has an account and now has the role", people.Text("#confirmation"));
        Assert.Empty(factory.Smtp.To(existing.Email));
        await using var check = factory.Database.CreateContext();
        Assert.True(await check.RoleAssignments.AnyAsync(r => r.UserId == existing.UserId && r.Role == Role.SeniorSignatory));
    }
}
