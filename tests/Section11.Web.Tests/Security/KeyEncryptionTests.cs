using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Web.Infrastructure;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Security;

/// <summary>
/// Data-protection keys (which protect sign-in cookies, forms and reset links) are encrypted at rest with the
/// certificate in DataProtection:Certificate:Path; Production warns when there is none (issue 11, item 16).
/// </summary>
[Trait("Category", "Security")]
public sealed class KeyEncryptionTests : IDisposable
{
    private const string CertificatePassword = "test certificate password";
    private readonly string _folder = Directory.CreateTempSubdirectory("section11-keys-").FullName;

    private string CertificateFile()
    {
        var path = Path.Combine(_folder, "keys.pfx");
        File.WriteAllBytes(path, TestCertificates.KeyEncryptionPfx(CertificatePassword));
        return path;
    }

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_another_node_still_reads_the_sign_in()
    {
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:Certificate:Path"] = CertificateFile(), ["DataProtection:Certificate:Password"] = CertificatePassword,
        };
        var one = await ConfiguredFactory.StartAsync("Testing", settings);
        try
        {
            var lead = await one.CreateLeadAsync("masa-2018");
            var cookies = new CookieContainer();
            using var first = one.CreateHtmlClient(cookies);
            Assert.Equal("/", (await first.SignInAsync(lead.Email)).Location);

            await using (var db = one.Database.CreateContext())
            {
                var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
                Assert.NotEmpty(keys);
                Assert.All(keys, xml =>
                {
                    Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
                    Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
                });
            }

            // A second node has no key in memory: it decrypts the stored one with the certificate to read the cookie.
            var two = await ConfiguredFactory.StartAsync("Testing", settings, one.Database);
            try
            {
                using var second = two.CreateHtmlClient(cookies);
                Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/returns/{lead.ReturnId}")).Status);
            }
            finally
            {
                await two.StopAsync();
            }
        }
        finally
        {
            await one.StopAsync();
        }
    }

    [Fact]
    public async Task Production_without_a_certificate_warns_at_start_up()
    {
        var factory = await ConfiguredFactory.StartAsync("Production", new Dictionary<string, string?> { ["Demo:Enabled"] = null });
        try
        {
            Assert.Contains(factory.Logs.Warnings, w => w.StartsWith("DataProtection:Certificate:Path is not set: data-protection keys", StringComparison.Ordinal));
        }
        finally
        {
            await factory.StopAsync();
        }
    }

    [Fact]
    public void A_certificate_that_cannot_be_opened_stops_the_start_with_the_setting_named()
    {
        var refused = Assert.Throws<StartupConfigurationException>(() => Startup.Build(
            ["--environment=Development", $"--DataProtection:Certificate:Path={CertificateFile()}", "--DataProtection:Certificate:Password=wrong"]));
        Assert.StartsWith("DataProtection:Certificate:Path: the certificate", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
