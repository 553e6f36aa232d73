using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Section11.Core.Data;

namespace Section11.Core.Tests.Support;

/// <summary>Durability settings the provider must apply to every connection.</summary>
public sealed class DatabaseSettingsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Every_connection_commits_durably()
    {
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        if (TestDatabase.Provider == DatabaseProvider.Sqlite)
        {
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA synchronous"; // 2 = FULL
            Assert.Equal(2L, await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA foreign_keys";
            Assert.Equal(1L, await command.ExecuteScalarAsync());
        }
        else
        {
            command.CommandText = "SHOW synchronous_commit";
            Assert.Equal("on", await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    [Trait("Category", "Performance")]
    public void Postgres_connections_prepare_statements_and_skip_the_reset_unless_the_string_says_otherwise()
    {
        static Npgsql.NpgsqlConnectionStringBuilder Effective(string connectionString)
        {
            var options = new DbContextOptionsBuilder<Section11DbContext>();
            new DatabaseSettings(DatabaseProvider.Postgres, connectionString).Configure(options);
            using var db = new Section11DbContext(options.Options);
            return new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        }

        var defaults = Effective("Host=db;Database=section11;Username=app");
        Assert.Equal(100, defaults.MaxAutoPrepare);
        Assert.Equal(2, defaults.AutoPrepareMinUsages);
        Assert.True(defaults.NoResetOnClose);

        var own = Effective("Host=db;Database=section11;Username=app;Max Auto Prepare=0;NoResetOnClose=false");
        Assert.Equal(0, own.MaxAutoPrepare);
        Assert.False(own.NoResetOnClose);

        // Either spelling, in any case, is the caller's choice; a value equal to Npgsql's own default counts as set.
        var other = Effective("Host=db;Database=section11;Username=app;maxautoprepare=20;Auto Prepare Min Usages=5;no reset on close=False");
        Assert.Equal(20, other.MaxAutoPrepare);
        Assert.Equal(5, other.AutoPrepareMinUsages);
        Assert.False(other.NoResetOnClose);
    }

    [Fact]
    [Trait("Category", "Performance")]
    public async Task A_statement_run_again_on_a_Postgres_connection_is_prepared()
    {
        if (TestDatabase.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync();
        for (var i = 0; i < 3; i++)
        {
            _ = await db.FrameworkVersions.AsNoTracking().Where(f => f.Id > i).CountAsync();
        }

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FrameworkVersions%'";
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0, "the repeated query was never prepared: Max Auto Prepare is not in force");
    }

    [Fact]
    public void Postgres_needs_a_connection_string_and_the_provider_name_must_be_known()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(Config(("Database:Provider", "Postgres"))));
        Assert.Equal("ConnectionStrings:Section11 is required when Database:Provider is Postgres.", missing.Message);
        var unknown = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(Config(("Database:Provider", "Oracle"))));
        Assert.Equal("Database:Provider is \"Oracle\"; use Sqlite or Postgres.", unknown.Message);
        Assert.Equal(new DatabaseSettings(DatabaseProvider.Sqlite, DatabaseSettings.DefaultSqlite), DatabaseSettings.From(Config()));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
