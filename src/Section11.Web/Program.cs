using Section11.Web;
using Section11.Web.Commands;
using Section11.Web.Infrastructure;

try
{
    return await RunAsync(args);
}
catch (StartupConfigurationException e)
{
    // A setting to fix, said in one sentence: the stack trace would only hide it.
    Console.Error.WriteLine($"Section11 cannot start: {e.Message}");
    return 1;
}
catch (Exception e) when (e is not Microsoft.Extensions.Hosting.HostAbortedException)
{
    // A start-up that fails (an unreachable or unwritable database) ends with its reason and exit code 1, rather
    // than an unhandled exception and SIGABRT. The test host's own stop signal passes through.
    Console.Error.WriteLine($"Section11 cannot start: {e.Message}");
    return 1;
}

static async Task<int> RunAsync(string[] args)
{
    if (args is ["frameworks", "validate", .. var files])
    {
        return FrameworkCommands.Validate(files, Console.Out, Environment.GetEnvironmentVariable("PWD"));
    }

    if (args is ["admin", .. var adminArgs])
    {
        return await AdminCommands.RunAsync(adminArgs, Console.Out);
    }

    if (args is ["backup", .. var backupArgs])
    {
        return BackupCommands.Run(backupArgs, Console.Out);
    }

    var migrating = args.Contains("migrate");
    var app = Startup.Build(args.Where(a => a != "migrate").ToArray(), serving: !migrating);
    if (migrating)
    {
        await Startup.MigrateAsync(app.Services);
        Console.WriteLine("The database is up to date.");
        return 0;
    }

    await app.RunAsync();
    return 0;
}

/// <summary>Lets WebApplicationFactory find the entry point.</summary>
public partial class Program;
