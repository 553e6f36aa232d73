using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Agencies;

/// <summary>An agency's details (its lead's, or its only partnership's while it has no lead) and leaving a partnership.</summary>
[Trait("Category", "Operations")]
public sealed class AgencyDetailsTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task The_lead_changes_the_details_and_sees_the_partnerships_and_a_partnership_may_not()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        await using var db = factory.Database.CreateContext();
        var partnershipId = await db.PartnershipMemberships.Where(m => m.AgencyId == lead.AgencyId).Select(m => m.PartnershipId).SingleAsync();
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: partnershipId);
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);

        var page = await client.GetAsync($"/agencies/{lead.AgencyId}");
        Assert.Contains("Test partnership", page.Text("#partnerships"), StringComparison.Ordinal);
        var form = await client.GetAsync(page.Document.QuerySelector("#change-details")!.GetAttribute("href")!);
        var name = $"Renamed practice {Guid.NewGuid():N}";
        var refused = await client.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Name"] = name, ["ContactName"] = "Dr Ada Contact", ["ContactEmail"] = "not-an-email", ["ContactPhone"] = "call me",
        });
        Assert.Equal(["Enter an email address in the correct format, like name@example.com", "Enter a telephone number, like 01632 960 001 or +44 808 157 0192"],
            refused.ErrorSummary);
        Assert.Equal("Dr Ada Contact", refused.Value("ContactName"));
        Assert.StartsWith("Test agency", (await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == lead.AgencyId)).Name, StringComparison.Ordinal);

        var saved = await client.FollowAsync(await client.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Name"] = name, ["Sector"] = nameof(Sector.Police), ["ContactName"] = "Dr Ada Contact", ["ContactEmail"] = "ada@practice.example", ["ContactPhone"] = "01632 960 001",
        }));
        Assert.Equal("The agency's details have been saved", saved.Text("#confirmation"));
        Assert.Contains("ada@practice.example", saved.Text("#agency-details"), StringComparison.Ordinal);
        Assert.Equal(name, saved.H1);
        var log = await db.ChangeLog.Where(c => c.EntityType == nameof(Agency) && c.EntityId == lead.AgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync();
        Assert.Equal(["ContactEmail", "ContactName", "ContactPhone", "Name", "Sector"], log.Select(c => c.Field).Order());

        // The agency has a lead: its partnership's administrator sees the details and may not change them.
        using var partnership = factory.CreateHtmlClient();
        await partnership.SignInAsync(admin.Email);
        var seen = await partnership.GetAsync($"/agencies/{lead.AgencyId}");
        Assert.Null(seen.Document.QuerySelector("#change-details"));
        Assert.Null(seen.Document.QuerySelector("#partnerships"));
        Assert.Equal(HttpStatusCode.Forbidden, (await partnership.GetAsync($"/agencies/{lead.AgencyId}/edit")).Status);
    }

    [Fact]
    public async Task A_partnership_changes_an_agency_with_no_lead_and_removes_it_only_once_its_round_is_closed()
    {
        await using var db = factory.Database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "masa-2018");
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: created.PartnershipId);
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(admin.Email);

        var form = await client.GetAsync($"/agencies/{created.AgencyId}/edit");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var name = $"Youth service {Guid.NewGuid():N}";
        await client.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = name });
        Assert.Equal(name, (await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == created.AgencyId)).Name);

        var agencies = await client.GetAsync($"/partnerships/{created.PartnershipId}/agencies");
        var remove = agencies.Document.QuerySelectorAll("#agencies a").Single(a => a.TextContent.StartsWith("Remove", StringComparison.Ordinal)).GetAttribute("href")!;
        var confirm = await client.GetAsync(remove);
        Assert.Equal($"Are you sure you want to remove {name} from the partnership?", confirm.H1);
        var refused = await client.SubmitAsync(confirm, new Dictionary<string, string?>());
        Assert.Single(refused.ErrorSummary);
        Assert.StartsWith($"{name} has not submitted its return for Section 11 audit", refused.ErrorSummary[0], StringComparison.Ordinal);
        Assert.EndsWith("which is still open. Close the round first, then remove the agency.", refused.ErrorSummary[0], StringComparison.Ordinal);
        Assert.True(await db.PartnershipMemberships.AnyAsync(m => m.AgencyId == created.AgencyId));

        var round = await db.Rounds.SingleAsync(r => r.PartnershipId == created.PartnershipId);
        round.ClosedAt = DateTime.UtcNow;
        await db.SaveChangesAsync();
        var done = await client.FollowAsync(await client.SubmitAsync(await client.GetAsync(remove), new Dictionary<string, string?>()));
        Assert.StartsWith($"{name} is no longer a member of", done.Text("#confirmation"), StringComparison.Ordinal);
        Assert.False(await db.PartnershipMemberships.AnyAsync(m => m.AgencyId == created.AgencyId));
        Assert.True(await db.Receipts.AnyAsync(x => x.RoundId == round.Id && x.ReturnId == created.ReturnId));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(remove)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/agencies/{created.AgencyId}")).Status);
    }
}
