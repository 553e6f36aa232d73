using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;

namespace Section11.Web.Tests.Support;

/// <summary>
/// The real application over a fresh test database (SQLite or PostgreSQL, as the run asks), with the demo
/// partnership seeded. Tests add their own agencies and users so they never disturb each other.
/// </summary>
public class Section11Factory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "correct-horse-battery-staple";

    private readonly bool _ownsDatabase;

    public Section11Factory()
        : this(new TestDatabase { From = WithDemo }, ownsDatabase: true)
    {
    }

    /// <summary>
    /// The database a first start makes (migrated, frameworks loaded, the demo partnership seeded), made once per test
    /// process by starting a server over a fresh one: each factory's database is a copy of it, so its own start finds
    /// the demo there, as any later start does, instead of seeding it again (half a second of CPU a server). Factories
    /// that choose Demo:Enabled themselves, those given a database and those whose clock is moved before they start begin
    /// from the database without the demo.
    /// </summary>
    protected static TestDatabase.DerivedTemplate WithDemo { get; } = new(async database =>
    {
        var seeding = new SeedingNode(database);
        await seeding.InitializeAsync();
        await ((IAsyncLifetime)seeding).DisposeAsync();
        await using var db = database.CreateContext();
        // Each server makes its own keys when it first needs one; none is to start with another's.
        await db.DataProtectionKeys.ExecuteDeleteAsync();
    });

    /// <summary>Another web node over a database that another factory made: several nodes, one database.</summary>
    protected Section11Factory(TestDatabase database, bool ownsDatabase)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }

    /// <summary>Accounts:PublicBaseUrl, which the service needs outside Development: the address test clients use.</summary>
    protected virtual string PublicBaseUrl => "https://localhost";

    /// <summary>The server's clock (its TimeProvider): tests move it instead of waiting.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Every email the service sends arrives here, over real SMTP.</summary>
    public SmtpListener Smtp { get; } = new();

    public virtual async Task InitializeAsync()
    {
        if (_ownsDatabase)
        {
            if (Clock.Offset != TimeSpan.Zero)
            {
                // A server started on another day seeds the demo on that day, as it always did.
                Database.From = null;
            }

            await Database.InitializeAsync();
        }

        Smtp.Start();
        // Start the host now, so its start-up (migrations, frameworks, demo data) never races a test's own data.
        StartServer();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Settings.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Section11", Database.Settings.ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Accounts:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Frameworks:Path", RepoPaths.Frameworks);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Smtp:UseTls", "false");
        // Tests send reminders themselves, at the moment they choose.
        builder.UseSetting("Reminders:Enabled", "false");
        builder.UseSetting("Notifications:Enabled", "false");
        builder.UseSetting("Exports:Enabled", "false");
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            // Hashing stays the real PBKDF2, with fewer rounds: the suite signs in over a thousand times, and at the
            // service's 100,000 rounds each costs about a tenth of a second. A hash records its own count, so
            // verifying is unchanged.
            s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
    }

    /// <summary>The address Kestrel listens on, when serving for the browser.</summary>
    public Uri ServerAddress =>
        new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("127.0.0.1", "localhost", StringComparison.Ordinal));

    public HtmlClient CreateHtmlClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false }), this);

    /// <summary>A client whose cookies live in <paramref name="cookies"/>, so a browser's session can move between nodes.</summary>
    public HtmlClient CreateHtmlClient(System.Net.CookieContainer cookies) =>
        new(CreateDefaultClient(new Uri("https://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies)), this);

    public sealed record Lead(string Email, string UserId, int ReturnId, int AgencyId);

    /// <summary>A new agency with a return on the framework, and a user holding the role for it.</summary>
    public async Task<Lead> CreateLeadAsync(string framework, Role role = Role.AgencyLead, string name = "Sam Lead")
    {
        await using var db = Database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, framework);
        var userId = await CreateUserAsync(created.AgencyId, role, name);
        await using var db2 = Database.CreateContext();
        var email = (await db2.Users.FindAsync(userId))!.Email!;
        return new(email, userId, created.ReturnId, created.AgencyId);
    }

    public async Task<string> CreateUserAsync(int agencyId, Role role, string name) =>
        (await CreatePersonAsync(role, agencyId, null, name)).UserId;

    public sealed record Person(string Email, string UserId);

    /// <summary>
    /// A person with a password and an authenticator app (HtmlClient.SignInAsync enters the codes), holding one role:
    /// for an agency, for a partnership, or (with neither) platform-wide.
    /// </summary>
    public async Task<Person> CreatePersonAsync(Role role, int? agencyId = null, int? partnershipId = null, string name = "Test Person")
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{Guid.NewGuid():N}@agency.example";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);

        var db = scope.ServiceProvider.GetRequiredService<Section11DbContext>();
        db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = role, AgencyId = agencyId, PartnershipId = partnershipId });
        await db.SaveChangesAsync();
        return new(email, user.Id);
    }

    private sealed class SeedingNode(TestDatabase database) : Section11Factory(database, ownsDatabase: false);
}
