using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Security;

/// <summary>
/// The demo accounts share a password and authenticator key published in the README: outside Development they are
/// seeded only when Demo:Enabled says so, and every start warns while any exists (issue 11, item 5).
/// </summary>
[Trait("Category", "Security")]
public sealed class DemoAccountsTests
{
    private static readonly Dictionary<string, string?> DemoUnset = new() { ["Demo:Enabled"] = null };

    private static IEnumerable<string> DemoWarnings(ConfiguredFactory factory) =>
        factory.Logs.Warnings.Where(w => w.StartsWith("Demo accounts exist", StringComparison.Ordinal));

    [Fact]
    public async Task Production_seeds_no_demo_accounts_by_default_and_has_nothing_to_warn_about()
    {
        var factory = await ConfiguredFactory.StartAsync("Production", DemoUnset);
        try
        {
            await using var db = factory.Database.CreateContext();
            var emails = DemoData.Users.Select(u => u.Email).ToList();
            Assert.False(await db.Users.AnyAsync(u => emails.Contains(u.Email!)));
            Assert.False(await db.Partnerships.AnyAsync(p => p.Name == DemoData.PartnershipName));
            Assert.Empty(DemoWarnings(factory));
        }
        finally
        {
            await factory.StopAsync();
        }
    }

    [Fact]
    public async Task While_demo_accounts_exist_outside_development_every_start_warns_and_names_them()
    {
        var asked = await ConfiguredFactory.StartAsync("Production", new Dictionary<string, string?> { ["Demo:Enabled"] = "true" });
        try
        {
            var warning = Assert.Single(DemoWarnings(asked));
            Assert.StartsWith("Demo accounts exist in Production: ", warning, StringComparison.Ordinal);
            Assert.All(DemoData.Users, u => Assert.Contains(u.Email, warning, StringComparison.Ordinal));
            Assert.Contains("published in the README", warning, StringComparison.Ordinal);

            // A later start that no longer asks for the demo still finds the accounts, and says so again.
            var restarted = await ConfiguredFactory.StartAsync("Production", DemoUnset, asked.Database);
            try
            {
                Assert.StartsWith("Demo accounts exist in Production: ", Assert.Single(DemoWarnings(restarted)), StringComparison.Ordinal);
            }
            finally
            {
                await restarted.StopAsync();
            }
        }
        finally
        {
            await asked.StopAsync();
        }
    }
}
