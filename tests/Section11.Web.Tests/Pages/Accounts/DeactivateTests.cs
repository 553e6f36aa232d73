using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Accounts;
using Section11.Core.Api;
using Section11.Core.Auditing;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Accounts;

/// <summary>A platform administrator finds a leaver's account by email and deactivates it; it takes effect at once.</summary>
public sealed class DeactivateTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    [Trait("Category", "Security")]
    public async Task A_deactivated_account_loses_its_live_session_at_once_and_signs_in_again_only_once_reactivated()
    {
        var lead = await factory.CreateLeadAsync("masa-2018", name: "Leaving Lead");
        var admin = await factory.CreatePersonAsync(Role.PlatformAdministrator, name: "Pat Platform");
        using var person = factory.CreateHtmlClient();
        await person.SignInAsync(lead.Email);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync($"/returns/{lead.ReturnId}")).Status);

        using var platform = factory.CreateHtmlClient();
        await platform.SignInAsync(admin.Email);
        var partnerships = await platform.GetAsync("/partnerships");
        Assert.Equal("/accounts", partnerships.Document.QuerySelector("#find-account")!.GetAttribute("href"));
        var found = await platform.GetAsync($"/accounts?Email={Uri.EscapeDataString(lead.Email[..10].ToUpperInvariant())}");
        var link = Assert.Single(found.Document.QuerySelectorAll("#accounts a"), a => a.TextContent == lead.Email).GetAttribute("href");
        Assert.Equal($"/accounts/{lead.UserId}", link);
        var account = await platform.GetAsync(link!);
        Assert.Equal("Leaving Lead", account.H1);
        Assert.Equal("Active", account.Text("#status"));

        var confirm = await platform.GetAsync($"{link}/deactivate");
        Assert.Equal("Are you sure you want to deactivate Leaving Lead's account?", confirm.H1);
        var done = await platform.FollowAsync(await platform.SubmitAsync(confirm, new Dictionary<string, string?>()));
        Assert.Equal("The account has been deactivated and signed out everywhere", done.Text("#confirmation"));
        Assert.Equal("Deactivated", done.Text("#status"));

        // The live session ends on its very next request, and signing in gets the answer a wrong password gets.
        Assert.StartsWith("https://localhost/sign-in?ReturnUrl=", (await person.GetAsync($"/returns/{lead.ReturnId}")).Location, StringComparison.Ordinal);
        using var again = factory.CreateHtmlClient();
        var refused = await again.SignInAsync(lead.Email);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(["Enter a correct email address and password"], refused.ErrorSummary);

        await using (var db = factory.Database.CreateContext())
        {
            var change = await db.ChangeLog.SingleAsync(c => c.EntityType == "User" && c.EntityId == lead.UserId);
            Assert.Equal((admin.UserId, "Status", "Active", "Deactivated"), (change.UserId, change.Field, change.OldValue, change.NewValue));
            var events = await db.SecurityEvents.Where(e => e.UserId == lead.UserId).ToListAsync();
            Assert.Contains(events, e => e.Kind == SecurityEventKinds.AccountDeactivated && e.Detail == $"by {admin.UserId}");
            Assert.Contains(events, e => e.Kind == SecurityEventKinds.SessionsEnded);
            Assert.All(await db.Sessions.Where(s => s.UserId == lead.UserId).ToListAsync(), s => Assert.NotNull(s.EndedAt));
        }

        var reactivate = await platform.GetAsync($"{link}/reactivate");
        var active = await platform.FollowAsync(await platform.SubmitAsync(reactivate, new Dictionary<string, string?>()));
        Assert.Equal("Active", active.Text("#status"));
        Assert.Equal("/", (await again.SignInAsync(lead.Email)).Location);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/returns/{lead.ReturnId}")).Status);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Someone_deactivated_between_the_password_and_the_code_does_not_get_in()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        var admin = await factory.CreatePersonAsync(Role.PlatformAdministrator);
        using var client = factory.CreateHtmlClient();
        var password = await client.SubmitAsync(await client.GetAsync("/sign-in"),
            new Dictionary<string, string?> { ["Email"] = lead.Email, ["Password"] = Section11Factory.Password });
        Assert.StartsWith("/sign-in/code", password.Location, StringComparison.Ordinal);
        using (var scope = factory.Services.CreateScope())
        {
            var done = await scope.ServiceProvider.GetRequiredService<AccountAdministration>().DeactivateAsync(lead.UserId, admin.UserId);
            Assert.Equal(AccountChange.Done, done.Outcome);
        }

        await client.SubmitAsync(await client.GetAsync(password.Location!), new Dictionary<string, string?> { ["Code"] = await factory.NextCodeAsync(lead.Email) });
        Assert.StartsWith("https://localhost/sign-in?ReturnUrl=", (await client.GetAsync($"/returns/{lead.ReturnId}")).Location, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task A_platform_administrator_cannot_deactivate_their_own_account()
    {
        var admin = await factory.CreatePersonAsync(Role.PlatformAdministrator, name: "Sole Admin");
        using var platform = factory.CreateHtmlClient();
        await platform.SignInAsync(admin.Email);
        var confirm = await platform.GetAsync($"/accounts/{admin.UserId}/deactivate");
        var refused = await platform.SubmitAsync(confirm, new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(["You cannot deactivate your own account. Ask another platform administrator"], refused.ErrorSummary);
        Assert.Equal(HttpStatusCode.OK, (await platform.GetAsync("/accounts")).Status);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Deactivating_the_person_who_made_an_API_token_leaves_the_token_working()
    {
        await using var db = factory.Database.CreateContext();
        var partnership = await PartnershipTestData.CreatePartnershipAsync(db, "Token agency");
        var maker = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: partnership.PartnershipId, name: "Token Maker");
        var token = (await new ApiTokenService(db, TimeProvider.System).IssueAsync(partnership.PartnershipId, "Warehouse", maker.UserId)).Issued!.Secret;
        var admin = await factory.CreatePersonAsync(Role.PlatformAdministrator);
        using var platform = factory.CreateHtmlClient();
        await platform.SignInAsync(admin.Email);
        var confirm = await platform.GetAsync($"/accounts/{maker.UserId}/deactivate");
        Assert.Equal("Deactivated", (await platform.FollowAsync(await platform.SubmitAsync(confirm, new Dictionary<string, string?>()))).Text("#status"));

        using var api = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/partnerships/{partnership.PartnershipId}/rounds")).StatusCode);
    }
}
