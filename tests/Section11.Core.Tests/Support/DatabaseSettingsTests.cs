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
