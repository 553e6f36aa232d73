using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Web.Api;
using Section11.Web.Infrastructure;

namespace Section11.Web;

public static class Startup
{
    /// <param name="serving">False for commands that neither serve pages nor send emails (migrate, generate).</param>
    public static WebApplication Build(string[] args, bool serving = true)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (serving)
        {
            StartupChecks.ThrowIfMisconfigured(builder.Configuration, builder.Environment);
        }

        builder.AddSection11Logging();
        builder.AddSection11Telemetry();

        var database = DatabaseSettings.From(builder.Configuration);
        builder.Services.AddSection11Core(database);

        // First of the hosted services: the schema must exist before anything (data-protection keys first) reads it.
        builder.Services.AddHostedService<DatabasePreparation>();
        builder.Services.AddHostedService<StartupWarnings>();

        builder.AddSection11Accounts();
        builder.AddSection11Forms();
        builder.Services.AddScoped<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<ApplicationUser>, NavigationClaimsFactory>();

        AddDataProtectionKeys(builder);
        builder.Services.AddKnownProxies(builder.Configuration);

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        builder.Services.AddScoped<ReturnAccessFilter>();
        builder.Services.AddScoped<PartnershipAccessFilter>();
        builder.Services.AddScoped<AgencyAccessFilter>();
        builder.Services.AddScoped<AccountsAccessFilter>();
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AddFolderApplicationModelConvention("/Returns",
                model => model.Filters.Add(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(ReturnAccessFilter))));
            o.Conventions.AddFolderApplicationModelConvention("/Agencies",
                model => model.Filters.Add(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(AgencyAccessFilter))));
            o.Conventions.AddFolderApplicationModelConvention("/Partnerships",
                model => model.Filters.Add(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(PartnershipAccessFilter))));
            o.Conventions.AddFolderApplicationModelConvention("/Accounts",
                model => model.Filters.Add(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(AccountsAccessFilter))));
        });
        builder.Services.AddPartnershipApi();
        builder.Services.AddSurveyRateLimit(builder.Configuration);
        builder.Services.AddApiRateLimit(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<ReadinessHealthCheck>("writes", tags: [ReadinessHealthCheck.Tag]);
        builder.Services.Configure<Section11.Core.Reminders.ReminderOptions>(builder.Configuration.GetSection(Section11.Core.Reminders.ReminderOptions.Section));
        builder.Services.AddHostedService<ReminderWorker>();
        builder.Services.Configure<Section11.Core.Notifications.NotificationOptions>(builder.Configuration.GetSection(Section11.Core.Notifications.NotificationOptions.Section));
        builder.Services.AddHostedService<NotificationWorker>();
        builder.Services.Configure<Section11.Core.Reporting.Exports.ExportOptions>(builder.Configuration.GetSection(Section11.Core.Reporting.Exports.ExportOptions.Section));
        builder.Services.AddHostedService<ExportWorker>();
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.ExcludedHosts.Clear(); // only ever sent over HTTPS, so localhost behind TLS gets it too
        });

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler("/errors/500");
        app.UseStatusCodePagesWithReExecute("/errors/{0}");
        app.UseStaticFiles();
        if (!app.Environment.IsDevelopment())
        {
            app.UseMiddleware<HttpsOnlyMiddleware>();
        }

        app.UseRouting();
        app.UseRateLimiter();
        app.UseApiRequests();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<FormReadingMiddleware>();
        MapHealth(app);
        // The load driver's ceiling for the web stack alone: the same middleware, no database, no page.
        app.MapGet("/ping", () => Results.Text("pong")).AllowAnonymous();
        app.MapRazorPages();
        app.MapPartnershipApi();
        return app;
    }

    /// <summary>
    /// Keys live in the database so several web nodes can read each other's cookies; encrypted at rest with
    /// DataProtection:Certificate:Path when it is set.
    /// </summary>
    private static void AddDataProtectionKeys(WebApplicationBuilder builder)
    {
        var keys = builder.Services.AddDataProtection().SetApplicationName("Section11").PersistKeysToDbContext<Section11DbContext>();
        if (StartupChecks.KeyCertificate(builder.Configuration) is { } certificate)
        {
            keys.ProtectKeysWithCertificate(certificate);
        }
    }

    /// <summary>/health is liveness (the database answers); /health/ready is readiness (a write commits).</summary>
    private static void MapHealth(WebApplication app)
    {
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => !c.Tags.Contains(ReadinessHealthCheck.Tag) })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready").AllowAnonymous();
    }

    public static async Task MigrateAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        settings.EnsureSqliteFolder();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Section11.Startup");
        await StartupLock.MigrateAsync(scope.ServiceProvider.GetRequiredService<Section11DbContext>(), settings, logger);
    }

    /// <summary>
    /// The embedded default migrates itself; PostgreSQL deployments run `migrate` unless Database:MigrateOnStart.
    /// Then frameworks are loaded, and the demo partnership is seeded where asked (by default only in Development on SQLite).
    /// </summary>
    public static async Task PrepareDatabaseAsync(IServiceProvider services, IConfiguration config, string contentRoot)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        if (settings.Provider == DatabaseProvider.Sqlite || config.GetValue<bool>("Database:MigrateOnStart"))
        {
            await MigrateAsync(services);
        }

        using var scope = services.CreateScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Section11.Startup");
        var frameworksPath = config["Frameworks:Path"] ?? FindFrameworks(contentRoot);
        if (frameworksPath is null || !Directory.Exists(frameworksPath))
        {
            logger.LogWarning("No frameworks folder found (set Frameworks:Path); no framework was loaded.");
        }
        else
        {
            var importer = scope.ServiceProvider.GetRequiredService<FrameworkImporter>();
            foreach (var result in await importer.ImportDirectoryAsync(frameworksPath))
            {
                if (result.Outcome == FrameworkImportOutcome.Refused)
                {
                    logger.LogError("Framework file refused: {Message}", result.Message);
                }
                else
                {
                    logger.LogInformation("Framework {Id} {Version}: {Outcome}", result.Id, result.Version, result.Outcome);
                }
            }
        }

        if (StartupChecks.SeedsDemo(config, services.GetRequiredService<IHostEnvironment>(), settings.Provider))
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync();
            if (seeded)
            {
                logger.LogInformation("Demo partnership created.");
            }

            logger.LogInformation("Demo accounts use MFA: add the key {Key} to an authenticator app (or run `oathtool --totp -b {Key}`) for the sign-in code.",
                Section11.Core.Accounts.DemoAccounts.AuthenticatorKey, Section11.Core.Accounts.DemoAccounts.AuthenticatorKey);
            foreach (var user in DemoData.Users)
            {
                logger.LogInformation("Demo sign-in: {Email} / {Password} ({Roles}, {Organisation})", user.Email, DemoData.Password,
                    string.Join(" and ", user.Roles), user.AgencyName ?? DemoData.PartnershipName);
            }
        }
    }

    /// <summary>Runs before the server takes requests, under `dotnet run` and in tests alike.</summary>
    private sealed class DatabasePreparation(IServiceProvider services, IConfiguration config, IWebHostEnvironment environment) : IHostedService
    {
        // Migration, frameworks and demo data under one lock: two nodes starting together take turns.
        public Task StartAsync(CancellationToken cancellationToken) =>
            StartupLock.RunAsync(services.GetRequiredService<DatabaseSettings>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("Section11.Startup"),
                () => PrepareDatabaseAsync(services, config, environment.ContentRootPath), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>frameworks/ beside the content root or in a folder above it (the repository root under `dotnet run`).</summary>
    internal static string? FindFrameworks(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "frameworks");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
