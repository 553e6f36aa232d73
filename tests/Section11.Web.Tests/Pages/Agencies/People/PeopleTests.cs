using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Agencies.People;

/// <summary>The agency's people page: its lead gives and removes its roles; an existing account accepts a role first.</summary>
[Trait("Category", "Security")]
public sealed class PeopleTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private static Dictionary<string, string?> Invitee(string name, string email, string role) =>
        new() { ["DisplayName"] = name, ["Email"] = email, ["Role"] = role };

    [Fact]
    public async Task The_lead_invites_and_removes_people_and_a_removed_role_stops_working_at_once()
    {
        var lead = await factory.CreateLeadAsync("masa-2018", name: "Lee Lead");
        var leaver = await factory.CreatePersonAsync(Role.AgencyContributor, agencyId: lead.AgencyId, name: "Lou Leaver");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);

        var form = await client.GetAsync($"/agencies/{lead.AgencyId}/people/invite");
        var invalid = await client.SubmitAsync(form, Invitee("Nia New", "not-an-email", ""));
        Assert.Equal(["Enter an email address in the correct format, like name@example.com", "Select the person's role"], invalid.ErrorSummary);
        Assert.Equal("Nia New", invalid.Value("DisplayName"));
        var email = $"nia-{Guid.NewGuid():N}@agency.example";
        var people = await client.FollowAsync(await client.SubmitAsync(form, Invitee("Nia New", email, "AgencyContributor")));
        Assert.Equal($"Invitation sent to {email}", people.Text("#confirmation"));
        Assert.Contains("Nia New", people.Text("#people"), StringComparison.Ordinal);
        Assert.Contains("/account/accept/", (await factory.Smtp.WaitForAsync(email)).Body, StringComparison.Ordinal);

        // The leaver is signed in and working; the lead removes their role, and their very next request is refused.
        using var leaving = factory.CreateHtmlClient();
        await leaving.SignInAsync(leaver.Email);
        Assert.Equal(HttpStatusCode.OK, (await leaving.GetAsync($"/returns/{lead.ReturnId}")).Status);
        await using var db = factory.Database.CreateContext();
        var roleId = await db.RoleAssignments.Where(r => r.UserId == leaver.UserId).Select(r => r.Id).SingleAsync();
        var confirm = await client.GetAsync($"/agencies/{lead.AgencyId}/people/{roleId}/remove");
        Assert.Equal("Are you sure you want to remove Lou Leaver as contributor?", confirm.H1);
        people = await client.FollowAsync(await client.SubmitAsync(confirm, new Dictionary<string, string?>()));
        Assert.Equal("Lou Leaver is no longer contributor", people.Text("#confirmation"));
        Assert.DoesNotContain("Lou Leaver", people.Text("#people"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await leaving.GetAsync($"/returns/{lead.ReturnId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await leaving.GetAsync($"/agencies/{lead.AgencyId}/action-plan")).Status);

        // The agency's only lead cannot be removed, and the page says why.
        var ownRole = await db.RoleAssignments.Where(r => r.UserId == lead.UserId).Select(r => r.Id).SingleAsync();
        var last = await client.SubmitAsync(await client.GetAsync($"/agencies/{lead.AgencyId}/people/{ownRole}/remove"), new Dictionary<string, string?>());
        Assert.Equal(["This is the agency's only safeguarding lead, so the role cannot be removed. Invite another lead first, then remove this one."], last.ErrorSummary);
        Assert.True(await db.RoleAssignments.AnyAsync(r => r.Id == ownRole));

        var newUser = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var log = await db.ChangeLog.Where(c => c.EntityType == nameof(RoleAssignment) && c.UserId == lead.UserId).ToListAsync();
        Assert.Contains(log, c => c.Field == "Granted" && c.NewValue!.Contains(newUser, StringComparison.Ordinal));
        Assert.Contains(log, c => c.Field == "Removed" && c.EntityId == roleId.ToString(System.Globalization.CultureInfo.InvariantCulture) && c.OldValue!.Contains(leaver.UserId, StringComparison.Ordinal));

        // Another agency's role is not found from this agency's page.
        var other = await factory.CreateLeadAsync("masa-2018");
        var otherRole = await db.RoleAssignments.Where(r => r.UserId == other.UserId).Select(r => r.Id).SingleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/agencies/{lead.AgencyId}/people/{otherRole}/remove")).Status);
    }

    [Fact]
    public async Task An_existing_account_is_asked_and_holds_the_role_only_once_it_accepts()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        var elsewhere = await factory.CreateLeadAsync("masa-2018", name: "Kim Elsewhere");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        var people = await client.FollowAsync(await client.SubmitAsync(await client.GetAsync($"/agencies/{lead.AgencyId}/people/invite"),
            Invitee("Kim Elsewhere", elsewhere.Email, "SeniorSignatory")));
        Assert.Equal($"{elsewhere.Email} already has an account, so we have asked them to accept the role. They will have it once they do.", people.Text("#confirmation"));
        Assert.Contains("Asked, not yet accepted", people.Text("#people"), StringComparison.Ordinal);
        var again = await client.SubmitAsync(await client.GetAsync($"/agencies/{lead.AgencyId}/people/invite"), Invitee("Kim Elsewhere", elsewhere.Email, "SeniorSignatory"));
        Assert.Equal([$"{elsewhere.Email} has already been asked to take this role and has not answered yet"], again.ErrorSummary);

        await using var db = factory.Database.CreateContext();
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.UserId == elsewhere.UserId && r.AgencyId == lead.AgencyId));
        var email = await factory.Smtp.WaitForAsync(elsewhere.Email);
        var link = new Uri(email.Link("https://localhost/account/roles/")).PathAndQuery;

        // Nobody else can answer for them.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(link)).Status);

        using var invited = factory.CreateHtmlClient();
        await invited.SignInAsync(elsewhere.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await invited.GetAsync($"/returns/{lead.ReturnId}")).Status);
        var account = await invited.GetAsync("/account");
        Assert.Contains("Senior signatory for", account.Text("#pending-roles"), StringComparison.Ordinal);
        var offer = await invited.GetAsync(link);
        var accepted = await invited.FollowAsync(await invited.SubmitAsync(offer, new Dictionary<string, string?>(), button: "Decision=Accept"));
        Assert.StartsWith("You are now senior signatory for", accepted.Text("#notice"), StringComparison.Ordinal);
        Assert.Null(accepted.Document.QuerySelector("#pending-roles"));
        Assert.Equal(HttpStatusCode.OK, (await invited.GetAsync($"/returns/{lead.ReturnId}/view")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await invited.GetAsync(link)).Status);

        var grant = await db.RoleGrants.SingleAsync(g => g.UserId == elsewhere.UserId);
        Assert.Equal(RequestOutcome.Accepted, grant.Outcome);
        var log = await db.ChangeLog.Where(c => c.EntityType == nameof(RoleGrant) && c.EntityId == grant.Id.ToString()).ToListAsync();
        Assert.Contains(log, c => c.Field == "Offered" && c.UserId == lead.UserId);
        Assert.Contains(log, c => c.Field == "Outcome" && c.NewValue == "Accepted" && c.UserId == elsewhere.UserId);
        Assert.True(await db.ChangeLog.AnyAsync(c => c.EntityType == nameof(RoleAssignment) && c.Field == "Granted" && c.UserId == elsewhere.UserId));
    }

    [Fact]
    public async Task A_declined_role_is_never_held_and_only_the_lead_opens_the_people_page()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        var contributor = await factory.CreatePersonAsync(Role.AgencyContributor, agencyId: lead.AgencyId);
        var elsewhere = await factory.CreateLeadAsync("masa-2018", name: "Dee Decliner");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        await client.SubmitAsync(await client.GetAsync($"/agencies/{lead.AgencyId}/people/invite"), Invitee("Dee Decliner", elsewhere.Email, "AgencyLead"));

        using var invited = factory.CreateHtmlClient();
        await invited.SignInAsync(elsewhere.Email);
        var account = await invited.GetAsync("/account");
        var declined = await invited.FollowAsync(await invited.SubmitAsync(account, new Dictionary<string, string?>(), button: "Decision=Decline", formSelector: "#pending-roles form"));
        Assert.StartsWith("You declined the role of agency safeguarding lead", declined.Text("#notice"), StringComparison.Ordinal);
        await using var db = factory.Database.CreateContext();
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.UserId == elsewhere.UserId && r.AgencyId == lead.AgencyId));

        using var other = factory.CreateHtmlClient();
        await other.SignInAsync(contributor.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/agencies/{lead.AgencyId}/people")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/agencies/{lead.AgencyId}/people/invite")).Status);
    }
}
