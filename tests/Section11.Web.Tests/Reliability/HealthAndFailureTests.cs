using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Section11.Core.Data;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Reliability;

/// <summary>Failures someone must notice: a node that cannot write says so, and a start-up that fails ends cleanly.</summary>
[Trait("Category", "Reliability")]
public sealed class HealthAndFailureTests
{
    private static HttpClient Client(Section11Factory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

    [Fact]
    public async Task Readiness_commits_a_write_and_fails_when_the_database_can_no_longer_take_writes()
    {
        var factory = new Section11Factory();
        await factory.InitializeAsync();
        try
        {
            await ReadinessAsync(factory);
        }
        finally
        {
            await ((Xunit.IAsyncLifetime)factory).DisposeAsync();
        }
    }

    private static async Task ReadinessAsync(Section11Factory factory)
    {
        using var client = Client(factory);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        if (TestDatabase.Provider == DatabaseProvider.Sqlite)
        {
            // The data folder deleted under the running service.
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(factory.Database.Settings.ConnectionString).DataSource;
            foreach (var f in Directory.GetFiles(Path.GetDirectoryName(file)!))
            {
                File.Delete(f);
            }
        }
        else
        {
            var database = new NpgsqlConnectionStringBuilder(factory.Database.Settings.ConnectionString).Database!;
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(factory.Database.Settings.ConnectionString) { Database = "postgres" }.ConnectionString);
            await admin.OpenAsync();
            await using var readOnly = new NpgsqlCommand($"ALTER DATABASE \"{database}\" SET default_transaction_read_only = on", admin);
            await readOnly.ExecuteNonQueryAsync();
            NpgsqlConnection.ClearAllPools();
        }

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_start_up_that_fails_exits_with_code_1_and_says_why()
    {
        var web = Path.Combine(RepoPaths.Root, "src", "Section11.Web", "bin", "Release", "net10.0", "Section11.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { web, "--Database:Provider=Sqlite", "--ConnectionStrings:Section11=Data Source=/proc/section11-cannot-exist/section11.db", "--Accounts:PublicBaseUrl=https://section11.example", "--urls=http://127.0.0.1:0" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Section11 cannot start:", await stderr, StringComparison.Ordinal);
    }
}
