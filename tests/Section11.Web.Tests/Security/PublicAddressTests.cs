using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Infrastructure;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Security;

/// <summary>
/// Links in emails come from Accounts:PublicBaseUrl, never from the Host header a client sends; outside Development
/// the service does not start without it (issue 11, item 6).
/// </summary>
[Trait("Category", "Security")]
public sealed class PublicAddressTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    /// <summary>A client that names another host, as an attacker asking for someone else's reset link would.</summary>
    private HtmlClient EvilHostClient() =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://evil.example"), AllowAutoRedirect = false }), factory);

    [Fact]
    public async Task A_reset_email_asked_for_under_another_host_links_to_the_public_address()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = EvilHostClient();
        var form = await client.GetAsync("/account/forgot-password");
        await client.SubmitAsync(form, new Dictionary<string, string?> { ["Email"] = lead.Email });

        var mail = await factory.Smtp.WaitForAsync(lead.Email);
        Assert.DoesNotContain("evil.example", mail.Body, StringComparison.Ordinal);
        Assert.StartsWith("https://localhost/account/reset-password?", mail.Link("https://localhost/account/reset-password?"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitation_sent_from_a_page_under_another_host_links_to_the_public_address()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Harbour Surgery");
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: p.PartnershipId);
        using var client = EvilHostClient();
        await client.SignInAsync(admin.Email);
        var form = await client.GetAsync($"/partnerships/{p.PartnershipId}/people/invite");
        var email = $"{Guid.NewGuid():N}@invited.example";
        await client.SubmitAsync(form, new Dictionary<string, string?> { ["DisplayName"] = "Rae Reviewer", ["Email"] = email, ["Role"] = nameof(Role.PartnershipReviewer) });

        var mail = await factory.Smtp.WaitForAsync(email);
        Assert.DoesNotContain("evil.example", mail.Body, StringComparison.Ordinal);
        Assert.StartsWith("https://localhost/account/accept/", mail.Link("https://localhost/account/accept/"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", null, "Accounts:PublicBaseUrl is not set.")]
    [InlineData("Testing", null, "Accounts:PublicBaseUrl is not set.")]
    [InlineData("Production", "section11.example.org", "Accounts:PublicBaseUrl \"section11.example.org\" is not a web address")]
    [InlineData("Production", "http://section11.example.org", "Accounts:PublicBaseUrl \"http://section11.example.org\" must start with https://")]
    public void Outside_development_the_web_app_is_not_built_without_an_https_public_address(string environment, string? publicBaseUrl, string message)
    {
        string[] args = [$"--environment={environment}", .. publicBaseUrl is null ? Array.Empty<string>() : [$"--Accounts:PublicBaseUrl={publicBaseUrl}"]];
        var refused = Assert.Throws<StartupConfigurationException>(() => Startup.Build(args));
        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_started_in_production_without_it_says_which_setting_is_missing_and_exits_cleanly()
    {
        var folder = Directory.CreateTempSubdirectory("section11-start-").FullName;
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Section11.Web.dll"));
            start.ArgumentList.Add("--urls=http://127.0.0.1:0");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ConnectionStrings__Section11"] = $"Data Source={Path.Combine(folder, "section11.db")}";
            start.Environment.Remove("Accounts__PublicBaseUrl");
            start.Environment.Remove("DOTNET_ENVIRONMENT");

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("The service started instead of refusing to.");
            }

            Assert.Equal(1, process.ExitCode);
            var error = await stderr;
            Assert.StartsWith("Section11 cannot start: Accounts:PublicBaseUrl is not set.", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error + await stdout, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "section11.db")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
