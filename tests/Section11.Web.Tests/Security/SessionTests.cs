using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Accounts;
using Section11.Core.Auditing;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Security;

/// <summary>
/// Sessions end when they should, whatever the session does: a copied cookie is worthless after sign-out, and a
/// busy session (a request every few seconds, as a page polling would) ends at once after sign-out everywhere or a new
/// password, and within the check interval after any other change to the account. Time is the server's clock,
/// moved by the test; nothing sleeps.
/// </summary>
public sealed class SessionTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    /// <summary>The default Accounts:SessionCheckInterval.</summary>
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    [Fact]
    [Trait("Category", "Security")]
    public async Task A_copy_of_the_cookie_used_after_sign_out_goes_to_sign_in()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        var cookies = new CookieContainer();
        using var browser = await SignedInAsync(lead.Email, cookies);
        var copy = cookies.GetCookieHeader(new Uri("https://localhost"));
        Assert.Equal(HttpStatusCode.OK, (await Replay(copy, $"/returns/{lead.ReturnId}")).StatusCode);

        var home = await browser.GetAsync("/");
        var signedOut = await browser.SubmitAsync(home, new Dictionary<string, string?>(), formSelector: "form[action='/sign-out']");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        factory.Clock.Advance(TimeSpan.FromSeconds(155));

        var replayed = await Replay(copy, $"/returns/{lead.ReturnId}");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("https://localhost/sign-in?ReturnUrl=", replayed.Headers.Location?.OriginalString, StringComparison.Ordinal);

        await using var db = factory.Database.CreateContext();
        var session = await db.Sessions.SingleAsync(s => s.UserId == lead.UserId);
        Assert.Equal(SessionEndings.SignedOut, session.EndedWhy);
        var events = await db.SecurityEvents.Where(e => e.UserId == lead.UserId).Select(e => e.Kind).ToListAsync();
        Assert.Contains(SecurityEventKinds.SignOut, events);
        Assert.Contains(SecurityEventKinds.SessionRefused, events);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task A_busy_session_ends_at_once_when_another_signs_out_everywhere()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var laptop = await SignedInAsync(lead.Email);
        using var phone = await SignedInAsync(lead.Email);
        Assert.Null(await BusyAsync(phone, TimeSpan.FromMinutes(2)));

        var account = await laptop.GetAsync("/account");
        var signedOut = await laptop.FollowAsync(await laptop.SubmitAsync(account, new Dictionary<string, string?>(), formSelector: "form[action$='SignOutEverywhere']"));
        Assert.Equal("You have signed out everywhere", signedOut.H1);

        Assert.Equal(TimeSpan.Zero, await BusyAsync(phone, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task A_busy_session_ends_at_once_when_the_password_is_changed_elsewhere()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var laptop = await SignedInAsync(lead.Email);
        using var phone = await SignedInAsync(lead.Email);
        Assert.Null(await BusyAsync(phone, TimeSpan.FromMinutes(2)));

        var form = await laptop.GetAsync("/account/change-password");
        var changed = await laptop.FollowAsync(await laptop.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["CurrentPassword"] = Section11Factory.Password, ["Password"] = "a fresh and long passphrase", ["ConfirmPassword"] = "a fresh and long passphrase",
        }));
        Assert.Equal("Your password has been changed", changed.Text("#notice"));

        Assert.Equal(TimeSpan.Zero, await BusyAsync(phone, TimeSpan.FromMinutes(5)));
        // The session that changed the password carries on.
        Assert.Null(await BusyAsync(laptop, TimeSpan.FromMinutes(2)));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task A_busy_session_is_still_checked_against_the_account_every_interval()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var phone = await SignedInAsync(lead.Email);
        Assert.Null(await BusyAsync(phone, TimeSpan.FromMinutes(3)));

        // A change to the account that ends sessions only through Identity's security stamp (as a new invitation does).
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByIdAsync(lead.UserId))!)).Succeeded);
        }

        var endedAfter = await BusyAsync(phone, TimeSpan.FromMinutes(10));
        Assert.NotNull(endedAfter);
        Assert.True(endedAfter <= CheckInterval + Poll, $"The session lasted {endedAfter} after the change; the check interval is {CheckInterval}.");
    }

    /// <summary>
    /// Requests the keep-alive page every <see cref="Poll"/> of the server's clock, for as long as given: how long
    /// until it was sent to sign in (zero: at the first request), or null if it stayed signed in.
    /// </summary>
    private async Task<TimeSpan?> BusyAsync(HtmlClient client, TimeSpan duration)
    {
        // Counted in the polls the test moved the clock by: the clock also runs on its own, by a few milliseconds.
        for (var waited = TimeSpan.Zero; waited <= duration; waited += Poll)
        {
            var page = await client.GetAsync("/session/keep-alive");
            if (page.Location?.Contains("/sign-in", StringComparison.Ordinal) == true)
            {
                return waited;
            }

            Assert.Equal(HttpStatusCode.NoContent, page.Status);
            factory.Clock.Advance(Poll);
        }

        return null;
    }

    /// <summary>Signs in with a code for the server's clock (which the test moves), never waiting for a new code.</summary>
    private async Task<HtmlClient> SignedInAsync(string email, CookieContainer? cookies = null)
    {
        var client = cookies is null ? factory.CreateHtmlClient() : factory.CreateHtmlClient(cookies);
        var password = await client.SubmitAsync(await client.GetAsync("/sign-in"),
            new Dictionary<string, string?> { ["Email"] = email, ["Password"] = Section11Factory.Password });
        Assert.StartsWith("/sign-in/code", password.Location, StringComparison.Ordinal);
        var signedIn = await client.SubmitAsync(await client.GetAsync(password.Location!), new Dictionary<string, string?> { ["Code"] = await factory.NextCodeAsync(email) });
        Assert.Equal("/", signedIn.Location);
        return client;
    }

    /// <summary>A request carrying a copied Cookie header, as someone who took the cookie would send it.</summary>
    private async Task<HttpResponseMessage> Replay(string cookieHeader, string url)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookieHeader);
        return await client.SendAsync(request);
    }
}
