using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Section11.Core.Data;
using Section11.Core.Tests.Support;

namespace Section11.Web.Tests.Commands;

/// <summary>`migrate` and start-up preparation, on an empty database of the provider under test.</summary>
public sealed class MigrateCommandTests : IAsyncLifetime
{
    private readonly string _name = $"s11_migrate_{Guid.NewGuid():N}";
    private readonly string _folder = Directory.CreateTempSubdirectory("section11-migrate-").FullName;

    private string[] Args() => TestDatabase.Provider == DatabaseProvider.Sqlite
        ? ["--Database:Provider=Sqlite", $"--ConnectionStrings:Section11=Data Source={Path.Combine(_folder, "fresh.db")}", $"--Frameworks:Path={RepoPaths.Frameworks}", PublicBaseUrl]
        : ["--Database:Provider=Postgres", $"--ConnectionStrings:Section11={Postgres(_name)}", $"--Frameworks:Path={RepoPaths.Frameworks}", PublicBaseUrl];

    private const string PublicBaseUrl = "--Accounts:PublicBaseUrl=https://section11.example.org";

    private static string Postgres(string database) =>
        new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("SECTION11_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres") { Database = database }.ConnectionString;

    [Fact]
    public async Task Migrate_creates_the_whole_schema_on_an_empty_database()
    {
        await using var app = Startup.Build(Args());
        await Startup.MigrateAsync(app.Services);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Section11DbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Returns.CountAsync());
        Assert.Equal(0, await db.FrameworkVersions.CountAsync());
    }

    [Fact]
    public async Task Start_up_loads_the_frameworks_and_seeds_the_demo_only_on_the_embedded_default_unless_asked()
    {
        await using var app = Startup.Build([.. Args(), "--Database:MigrateOnStart=true", "--environment=Development"]);
        await Startup.PrepareDatabaseAsync(app.Services, app.Configuration, app.Environment.ContentRootPath);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Section11DbContext>();
        Assert.Equal(["masa-2018", "primary-care-2014"], await db.FrameworkVersions.OrderBy(f => f.FrameworkKey).Select(f => f.FrameworkKey).ToListAsync());
        var demo = await db.Partnerships.AnyAsync(p => p.Name == DemoData.PartnershipName);
        Assert.Equal(TestDatabase.Provider == DatabaseProvider.Sqlite, demo);
    }

    [Theory]
    [Trait("Category", "Security")]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task Outside_development_the_demo_with_its_published_password_is_seeded_only_when_asked(string? demoEnabled, bool seeded)
    {
        string[] args = [.. Args(), "--Database:MigrateOnStart=true", "--environment=Production", .. demoEnabled is null ? Array.Empty<string>() : [$"--Demo:Enabled={demoEnabled}"]];
        await using var app = Startup.Build(args);
        await Startup.PrepareDatabaseAsync(app.Services, app.Configuration, app.Environment.ContentRootPath);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Section11DbContext>();
        Assert.Equal(seeded, await db.Partnerships.AnyAsync(p => p.Name == DemoData.PartnershipName));
        var demoEmails = DemoData.Users.Select(u => u.Email).ToList();
        Assert.Equal(seeded ? demoEmails.Count : 0, await db.Users.CountAsync(u => demoEmails.Contains(u.Email!)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (TestDatabase.Provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Postgres("postgres"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
