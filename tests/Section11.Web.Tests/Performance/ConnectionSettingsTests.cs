using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Performance;

/// <summary>
/// The running service's PostgreSQL connections prepare the statements a page repeats and are not reset (DISCARD ALL)
/// when a request hands them back to the pool (issue 22: both settings were once silently never applied). PostgreSQL
/// only: SQLite has neither setting, and these tests return at once on it, as the suite's other PostgreSQL-only tests do.
/// </summary>
[Trait("Category", "Performance")]
public sealed class ConnectionSettingsTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public void The_services_connections_are_configured_to_auto_prepare_and_not_reset()
    {
        if (TestDatabase.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Section11DbContext>();
        var effective = new NpgsqlConnectionStringBuilder(db.Database.GetDbConnection().ConnectionString);
        Assert.Equal(100, effective.MaxAutoPrepare);
        Assert.Equal(2, effective.AutoPrepareMinUsages);
        Assert.True(effective.NoResetOnClose);
    }

    [Fact]
    public async Task A_page_opened_twice_leaves_its_statements_prepared_on_the_pooled_connection()
    {
        if (TestDatabase.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var person = await factory.CreatePersonAsync(Role.PlatformAdministrator, name: "Prepared Person");
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(person.Email);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Section11DbContext>();
        // Start from an empty pool, so the requests below are the only ones its connections have served.
        NpgsqlConnection.ClearPool((NpgsqlConnection)db.Database.GetDbConnection());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).Status);
        }

        // Every idle connection of the service's pool, each taken through a context of its own and held, so the pool
        // hands out each one: those the page ran on hold its statements prepared (PostgreSQL keeps them per session).
        var prepared = 0L;
        var held = new List<IServiceScope>();
        try
        {
            var first = await OpenAsync(held);
            var total = await ScalarAsync<long>(first, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()");
            prepared += await ScalarAsync<long>(first, "SELECT count(*) FROM pg_prepared_statements");
            while (held.Count < total)
            {
                prepared += await ScalarAsync<long>(await OpenAsync(held), "SELECT count(*) FROM pg_prepared_statements");
            }
        }
        finally
        {
            foreach (var each in held)
            {
                await each.ServiceProvider.GetRequiredService<Section11DbContext>().Database.CloseConnectionAsync();
                each.Dispose();
            }
        }

        Assert.True(prepared > 0, "no statement of the page was prepared: Max Auto Prepare is not in force");
    }

    [Fact]
    public async Task A_connection_handed_back_to_the_pool_keeps_its_session_and_prepared_statements()
    {
        if (TestDatabase.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Section11DbContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // One physical connection in the pool: each open below is the same session, as a pid check confirms.
        NpgsqlConnection.ClearPool(connection);

        // The same query, opened and closed each time as a request does.
        for (var i = 0; i < 3; i++)
        {
            _ = await db.Agencies.AsNoTracking().Where(a => a.Id > i).CountAsync();
        }

        await db.Database.OpenConnectionAsync();
        var pid = await ScalarAsync<int>(connection, "SELECT pg_backend_pid()");
        Assert.True(await ScalarAsync<long>(connection, "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%\"Agencies\"%'") > 0,
            "the repeated query was not prepared on the pooled connection");
        // A session setting survives only if nothing resets the session when the connection goes back to the pool.
        await ScalarAsync<string>(connection, "SELECT set_config('section11.probe', 'kept', false)");
        await db.Database.CloseConnectionAsync();

        await db.Database.OpenConnectionAsync();
        try
        {
            Assert.Equal(pid, await ScalarAsync<int>(connection, "SELECT pg_backend_pid()"));
            Assert.Equal("kept", await ScalarAsync<string>(connection, "SELECT current_setting('section11.probe', true)"));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(List<IServiceScope> held)
    {
        var scope = factory.Services.CreateScope();
        held.Add(scope);
        var db = scope.ServiceProvider.GetRequiredService<Section11DbContext>();
        await db.Database.OpenConnectionAsync();
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
