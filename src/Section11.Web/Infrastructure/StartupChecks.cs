using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;

namespace Section11.Web.Infrastructure;

/// <summary>A setting the service cannot run without, or cannot run with: said in plain words at start-up, not as a stack trace.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);

/// <summary>
/// What the configuration must say before the service starts, and what it is warned about on every start. Outside
/// Development means Production, Staging and Testing alike: only `dotnet run` (launchSettings: Development) is lenient.
/// </summary>
public static class StartupChecks
{
    public const string PublicBaseUrlSetting = "Accounts:PublicBaseUrl";
    public const string KnownProxiesSetting = "ForwardedHeaders:KnownProxies";
    public const string CertificatePathSetting = "DataProtection:Certificate:Path";
    public const string CertificatePasswordSetting = "DataProtection:Certificate:Password";

    /// <summary>Every check that needs only the configuration; throws the first problem found.</summary>
    public static void ThrowIfMisconfigured(IConfiguration config, IHostEnvironment environment)
    {
        RequirePublicBaseUrl(config[PublicBaseUrlSetting], environment);
        _ = KnownProxies(config);
    }

    /// <summary>
    /// Links in emails are built from this address. Without it they would come from the request's Host header, which
    /// any client chooses; and every cookie is Secure outside Development, so the address must be https.
    /// </summary>
    public static void RequirePublicBaseUrl(string? value, IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (environment.IsDevelopment())
            {
                return;
            }

            throw new StartupConfigurationException(
                $"{PublicBaseUrlSetting} is not set. Outside Development set it to the address people use, for example "
                + "https://section11.example.org (environment variable Accounts__PublicBaseUrl): links in emails are built from it, "
                + "never from the address a request names.");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new StartupConfigurationException($"{PublicBaseUrlSetting} \"{value}\" is not a web address such as https://section11.example.org.");
        }

        if (uri.Scheme != "https" && !environment.IsDevelopment())
        {
            throw new StartupConfigurationException(
                $"{PublicBaseUrlSetting} \"{value}\" must start with https:// outside Development: cookies are only sent over HTTPS, "
                + "so the service cannot be used over plain http.");
        }
    }

    /// <summary>The demo partnership (a published password and authenticator key) only for `dotnet run`, or when asked for.</summary>
    public static bool SeedsDemo(IConfiguration config, IHostEnvironment environment, DatabaseProvider provider) =>
        config.GetValue<bool?>("Demo:Enabled") ?? (environment.IsDevelopment() && provider == DatabaseProvider.Sqlite);

    /// <summary>
    /// The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (addresses, or ranges such as 10.0.0.0/8),
    /// from a comma-separated list. Empty: ASP.NET Core's default, which with ASPNETCORE_FORWARDEDHEADERS_ENABLED
    /// believes any sender, so the service must then be reachable only through the proxy.
    /// </summary>
    public static (IReadOnlyList<IPAddress> Proxies, IReadOnlyList<System.Net.IPNetwork> Networks) KnownProxies(IConfiguration config)
    {
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in (config[KnownProxiesSetting] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new StartupConfigurationException(
                    $"{KnownProxiesSetting}: \"{entry}\" is not an IP address or range; give addresses such as 10.0.0.5 or ranges such as 10.0.0.0/8, separated by commas.");
            }
        }

        return (proxies, networks);
    }

    /// <summary>Only the configured proxies are believed, when there are any.</summary>
    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IConfiguration config)
    {
        var (proxies, networks) = KnownProxies(config);
        if (proxies.Count > 0 || networks.Count > 0)
        {
            // After ASP.NET Core's own set-up, which clears the lists when ASPNETCORE_FORWARDEDHEADERS_ENABLED is true.
            services.PostConfigure<ForwardedHeadersOptions>(o =>
            {
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                foreach (var proxy in proxies)
                {
                    o.KnownProxies.Add(proxy);
                }

                foreach (var network in networks)
                {
                    o.KnownIPNetworks.Add(network);
                }
            });
        }

        return services;
    }

    /// <summary>
    /// The certificate that encrypts data-protection keys at rest (a PFX file with its private key), or null when
    /// none is configured. Any node that shares the database needs the same certificate.
    /// </summary>
    public static X509Certificate2? KeyCertificate(IConfiguration config)
    {
        var path = config[CertificatePathSetting];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            // The private key stays in memory (macOS cannot do that, so there it goes to a temporary keychain).
            var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, config[CertificatePasswordSetting], flags);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StartupConfigurationException(
                $"{CertificatePathSetting}: the certificate \"{path}\" could not be read ({e.Message}). It must be a PFX file with its private key; "
                + $"give its password in {CertificatePasswordSetting}.");
        }

        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            certificate.Dispose();
            throw new StartupConfigurationException($"{CertificatePathSetting}: the certificate \"{path}\" has no RSA private key, so it cannot encrypt keys.");
        }

        return certificate;
    }
}

/// <summary>Warnings repeated on every start, after the database is ready, so a risky configuration is never forgotten.</summary>
internal sealed class StartupWarnings(IServiceScopeFactory scopes, IConfiguration config, IHostEnvironment environment, ILogger<StartupWarnings> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsProduction() && string.IsNullOrWhiteSpace(config[StartupChecks.CertificatePathSetting]))
        {
            logger.LogWarning(
                "{Setting} is not set: data-protection keys, which protect sign-in cookies, forms and reset links, are stored unencrypted in the database. "
                + "Set it (and {PasswordSetting}) to a PFX certificate to encrypt them.", StartupChecks.CertificatePathSetting, StartupChecks.CertificatePasswordSetting);
        }

        if (!string.IsNullOrWhiteSpace(config[StartupChecks.KnownProxiesSetting]) && !config.GetValue<bool>("FORWARDEDHEADERS_ENABLED"))
        {
            logger.LogWarning("{Setting} is set but ASPNETCORE_FORWARDEDHEADERS_ENABLED is not true, so forwarded headers are ignored.", StartupChecks.KnownProxiesSetting);
        }

        if (!environment.IsDevelopment())
        {
            await WarnAboutDemoAccountsAsync(cancellationToken);
        }
    }

    /// <summary>Demo accounts share a password and authenticator key published in the README: anyone can sign in as them.</summary>
    private async Task WarnAboutDemoAccountsAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var normalizer = scope.ServiceProvider.GetRequiredService<ILookupNormalizer>();
        var emails = DemoData.Users.Select(u => normalizer.NormalizeEmail(u.Email)).ToList();
        var db = scope.ServiceProvider.GetRequiredService<Section11DbContext>();
        List<string?> found;
        try
        {
            found = await db.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!)).OrderBy(u => u.Email).Select(u => u.Email).ToListAsync(ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            logger.LogWarning("Could not check the database for demo accounts: {Message}", e.Message);
            return;
        }

        if (found.Count > 0)
        {
            logger.LogWarning(
                "Demo accounts exist in {Environment}: {Emails}. Their password and authenticator key are published in the README, so anyone can sign in "
                + "as them. Delete them before real use, and leave Demo:Enabled unset.", environment.EnvironmentName, string.Join(", ", found));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
