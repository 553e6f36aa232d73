using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Api;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.ApiTokens;

/// <summary>A partnership administrator issues an API token, sees it once, and revokes it.</summary>
public sealed class ApiTokensTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private async Task<(HtmlClient Admin, int PartnershipId)> AdminAsync()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Riverbank Surgery");
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: p.PartnershipId, name: "Sam Patel");
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(admin.Email);
        return (client, p.PartnershipId);
    }

    private async Task<HttpStatusCode> ApiStatusAsync(int partnershipId, string? token)
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.GetAsync($"/api/v1/partnerships/{partnershipId}/rounds");
        return response.StatusCode;
    }

    [Fact]
    public async Task An_administrator_creates_a_token_and_sees_it_once()
    {
        var (admin, pid) = await AdminAsync();
        var home = await admin.GetAsync($"/partnerships/{pid}");
        var list = await admin.GetAsync(home.Document.QuerySelector("a[href$='/api-tokens']")!.GetAttribute("href")!);
        Assert.Equal("API tokens", list.H1);
        Assert.Equal("This partnership has no API tokens.", list.Text("#no-tokens"));

        var form = await admin.GetAsync($"/partnerships/{pid}/api-tokens/new");
        var empty = await admin.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = " " });
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal(["Enter a name for the token, for example the system that will use it"], empty.ErrorSummary);
        Assert.Equal(["#Name"], empty.ErrorSummaryLinks);
        var tooLong = await admin.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = new string('x', 101) });
        Assert.Equal(["The name must be 100 characters or fewer"], tooLong.ErrorSummary);
        Assert.Equal(new string('x', 101), tooLong.Value("Name"));

        var created = await admin.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = "Performance dashboard" });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("API token created", created.Text(".govuk-panel__title"));
        Assert.Contains("You will not see it again", created.Text(".govuk-warning-text"), StringComparison.Ordinal);
        var secret = created.Document.QuerySelector("#token")!.GetAttribute("value")!;
        Assert.StartsWith("s11_", secret, StringComparison.Ordinal);
        // Shown in the body of this one response only: not in its address, nor in any cookie it sets.
        Assert.DoesNotContain(secret, created.Response.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(created.Response.Headers, h => h.Value.Any(v => v.Contains(secret, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(pid, secret));

        list = await admin.GetAsync($"/partnerships/{pid}/api-tokens");
        var row = Assert.Single(list.Document.QuerySelectorAll("#tokens tbody tr"));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("Performance dashboard", cells[0]);
        Assert.Equal(secret[..12] + "…", cells[1]);
        Assert.EndsWith("by Sam Patel", cells[2], StringComparison.Ordinal);
        Assert.NotEqual("Never", cells[3]); // the API call above used it
        Assert.Equal("Active", cells[4]);
        Assert.DoesNotContain(secret, list.Document.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, (await admin.GetAsync($"/partnerships/{pid}/api-tokens/new")).Document.Body!.InnerHtml, StringComparison.Ordinal);

        var again = await admin.SubmitAsync(await admin.GetAsync($"/partnerships/{pid}/api-tokens/new"), new Dictionary<string, string?> { ["Name"] = "Performance dashboard" });
        Assert.Equal(["An active token already has this name: choose another, or revoke that token first"], again.ErrorSummary);
    }

    [Fact]
    public async Task An_administrator_revokes_a_token_and_it_stops_working_at_once()
    {
        var (admin, pid) = await AdminAsync();
        var created = await admin.SubmitAsync(await admin.GetAsync($"/partnerships/{pid}/api-tokens/new"), new Dictionary<string, string?> { ["Name"] = "Warehouse" });
        var secret = created.Document.QuerySelector("#token")!.GetAttribute("value")!;

        var list = await admin.GetAsync($"/partnerships/{pid}/api-tokens");
        var confirm = await admin.GetAsync(list.Document.QuerySelector("#tokens a[href$='/revoke']")!.GetAttribute("href")!);
        Assert.Equal("Are you sure you want to revoke Warehouse?", confirm.H1);
        var revoked = await admin.SubmitAsync(confirm, new Dictionary<string, string?>());
        Assert.Equal($"/partnerships/{pid}/api-tokens", revoked.Location);
        list = await admin.FollowAsync(revoked);
        Assert.Equal("Warehouse has been revoked", list.Text("#confirmation"));
        Assert.Equal("Revoked", list.Text("#tokens .govuk-tag"));
        Assert.Empty(list.Document.QuerySelectorAll("#tokens a[href$='/revoke']"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiStatusAsync(pid, secret));

        await using var db = factory.Database.CreateContext();
        var tokenId = await db.ApiTokens.Where(t => t.PartnershipId == pid).Select(t => t.Id).SingleAsync();
        Assert.Equal(["Issued", "Revoked"], await db.ChangeLog.Where(c => c.EntityType == "ApiToken" && c.EntityId == tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(c => c.Id).Select(c => c.Field).ToListAsync());
    }

    [Fact]
    public async Task Another_partnerships_token_is_not_found_on_the_revoke_page()
    {
        var (admin, pid) = await AdminAsync();
        await using var db = factory.Database.CreateContext();
        var other = await PartnershipTestData.CreatePartnershipAsync(db, "Elsewhere Police");
        var issued = (await new ApiTokenService(db, TimeProvider.System).IssueAsync(other.PartnershipId, "Theirs", "test")).Issued!;

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/partnerships/{pid}/api-tokens/{issued.Id}/revoke")).Status);
        var page = await admin.GetAsync($"/partnerships/{pid}/api-tokens/new");
        var token = page.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var posted = await admin.PostAsync($"/partnerships/{pid}/api-tokens/{issued.Id}/revoke", [new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(other.PartnershipId, issued.Secret));
    }

    [Fact]
    public async Task A_signed_in_administrators_cookie_does_not_open_the_api()
    {
        var (admin, pid) = await AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/partnerships/{pid}")).Status);

        var response = await admin.Http.GetAsync($"/api/v1/partnerships/{pid}/rounds");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Only_administrators_see_the_link_to_api_tokens()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Hillside School");
        var reviewer = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: p.PartnershipId);
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(reviewer.Email);
        Assert.Empty((await client.GetAsync($"/partnerships/{p.PartnershipId}")).Document.QuerySelectorAll("a[href$='/api-tokens']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/partnerships/{p.PartnershipId}/api-tokens")).Status);
    }
}
