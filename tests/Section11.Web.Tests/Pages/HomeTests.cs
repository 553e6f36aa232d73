using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages;

/// <summary>A partnership administrator's home page leads to each of their partnerships.</summary>
public sealed class HomeTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    [Trait("Category", "Operations")]
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

        var links = home.Document.QuerySelectorAll("#your-partnerships a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([.. names.Select(p => (p.Name, (string?)$"/partnerships/{p.Id}"))], links);
        Assert.DoesNotContain("You have no Section 11 returns to complete", home.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(links, l => l.Item2 == $"/partnerships/{other.PartnershipId}");
    }
}
