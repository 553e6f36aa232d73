using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships;

/// <summary>The invite page's error summary lists its problems in the order of the fields on the page.</summary>
[Trait("Category", "Accessibility")]
public sealed class InviteErrorOrderTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task An_empty_invitation_lists_name_email_and_role_in_page_order()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Order Surgery");
        var person = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: p.PartnershipId, name: "Oli Order");
        using var admin = factory.CreateHtmlClient();
        await admin.SignInAsync(person.Email);
        var form = await admin.GetAsync($"/partnerships/{p.PartnershipId}/people/invite");

        var invalid = await admin.SubmitAsync(form, new Dictionary<string, string?>());

        var fields = form.Document.QuerySelectorAll("main form input[id]").Select(i => i.Id!).ToList();
        Assert.Equal(["#DisplayName", "#Email", "#Role"], invalid.ErrorSummaryLinks);
        Assert.True(fields.IndexOf("DisplayName") < fields.IndexOf("Email") && fields.IndexOf("Email") < fields.IndexOf("Role"));
    }
}
