using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Security;

/// <summary>
/// The server's clock is the test's (<see cref="TestClock"/>): an idle session ends when that clock says so, and a
/// test needing a fresh authenticator code moves the clock instead of waiting half a minute. Nothing sleeps.
/// </summary>
[Trait("Category", "House")]
public sealed class ServerClockTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task An_idle_session_ends_after_the_idle_time_on_the_servers_clock_and_each_request_restarts_it()
    {
        var idle = TimeSpan.FromMinutes(factory.Services.GetRequiredService<IOptions<AccountOptions>>().Value.SessionIdleMinutes);
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        Assert.Equal("/", (await client.SignInAsync(lead.Email)).Location);

        // Twice almost the idle time since signing in, with a request in between: still signed in.
        factory.Clock.Advance(idle - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).Status);
        factory.Clock.Advance(idle - TimeSpan.FromMinutes(1));
        Assert.Equal("Your account", (await client.GetAsync("/account")).H1);

        // Then just over the idle time without a request: sent to sign in.
        factory.Clock.Advance(idle + TimeSpan.FromSeconds(5));
        var after = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.Contains("/sign-in?ReturnUrl=%2Faccount", after.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_signs_in_five_times_in_a_row_each_with_a_code_the_service_has_not_seen()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        var started = factory.Clock.Now - DateTimeOffset.UtcNow;
        long? last = null;
        for (var i = 0; i < 5; i++)
        {
            using var client = factory.CreateHtmlClient();
            Assert.Equal("/", (await client.SignInAsync(lead.Email)).Location);
            var (_, step) = await factory.AuthenticatorAsync(lead.Email);
            Assert.True(last is null || step > last, $"Sign-in {i + 1} used step {step} after {last}");
            last = step;
        }

        // Only two spare steps are within the service's window, so the server's clock had to move on; the test did not wait.
        Assert.True(factory.Clock.Now - DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(30), "The server's clock never moved");
    }
}
