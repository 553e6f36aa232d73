using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Section11.Bench;
using Section11.Bench.Data;

// Section11 load driver, and `generate national …` for its data set: see bench/README.md.
if (args is ["generate", .. var generateArgs])
{
    return await GenerateCommand.RunAsync(generateArgs, Console.Out);
}

if (args is ["full-export", .. var exportArgs])
{
    return await ExportBench.RunAsync(exportArgs, Console.Out);
}

var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(Options.Usage);
    return 1;
}

var connection = new NpgsqlConnectionStringBuilder(options.Connection) { MaxPoolSize = Math.Max(100, options.Concurrency + 10), Options = "-c synchronous_commit=on" };
await using var data = NpgsqlDataSource.Create(connection.ConnectionString);
await using var ceilings = new RawCeilings(data);
var baseAddress = new Uri(options.Url);

// The survey's staff answer anonymously: a run of only its workloads signs nobody in.
string[] surveyWorkloads = ["raw-survey", "survey"];
List<BenchUser> leads = [], admins = [];
if (options.Workloads.Any(w => !surveyWorkloads.Contains(w)))
{
    Console.Error.WriteLine($"Signing in {options.Users} agency leads and {options.Admins} administrators…");
    leads = await Setup.LeadsAsync(data, baseAddress, options.Users);
    admins = await Setup.AdminsAsync(data, baseAddress, options.Admins, options.ReviewPages);
    var signIn = Stopwatch.StartNew();
    await Parallel.ForEachAsync(leads.Concat(admins), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (u, _) => await u.SignInAsync(NationalOptions.BenchPassword));
    Console.Error.WriteLine($"Signed in {leads.Count + admins.Count} people in {signIn.Elapsed.TotalSeconds:F0} s.");

    // The real standard page's size, so the raw-read ceiling renders as much HTML.
    var realPage = await leads[0].Http.GetStringAsync(leads[0].StandardUrl);
    await ceilings.StartAsync(realPage.Length);
    Console.Error.WriteLine($"Standard page: {realPage.Length:N0} characters; raw-read endpoint on {ceilings.ReadBase}.");
}

var survey = new SurveyBench(data, options.Connection);
List<BenchUser> responders = [];
if (options.Workloads.Any(surveyWorkloads.Contains))
{
    await survey.SetUpAsync();
    responders = SurveyBench.Responders(baseAddress, options.Users);
    Console.Error.WriteLine($"Survey {survey.SurveyId}: {survey.Questions.Count} questions, {survey.Links.Count} agency links, {await survey.CountAsync():N0} answers so far.");
}

var workloads = new Dictionary<string, Workload>
{
    ["ping"] = new("ping", leads, null, async (u, rec, t0) => await Steps.GetAsync(u.Http, "/ping", "ping", rec, t0)),
    ["raw-read"] = new("raw-read", leads, null, async (u, rec, t0) =>
    {
        await Steps.GetAsync(u.Http, new Uri(ceilings.ReadBase!, $"/raw/standard/{u.ReturnId}/{u.Standard}").ToString(), "raw standard read", rec, t0);
        u.Standard = (u.Standard % u.StandardCount) + 1;
    }),
    ["raw-write"] = new("raw-write", leads, Setup.RawWriteAsync, async (u, rec, t0) =>
    {
        try
        {
            await ceilings.WriteStandardAsync(u, ++u.EvaluationVersion);
            rec.Ok("raw standard save", Steps.Ms(t0));
        }
        catch (NpgsqlException e)
        {
            rec.Error("raw standard save", Steps.Ms(t0), e.Message);
        }
    }),
    ["read"] = new("read", leads, null, async (u, rec, t0) =>
    {
        await Steps.GetAsync(u.Http, u.StandardUrl, "standard GET", rec, t0);
        u.Standard = (u.Standard % u.StandardCount) + 1;
    }),
    ["save"] = new("save", leads, Setup.SaveFormAsync, Steps.SaveAsync),
    ["journey"] = new("journey", leads, null, Steps.JourneyAsync),
    ["raw-survey"] = new("raw-survey", responders, null, async (_, rec, t0) => await survey.RawSaveAsync(rec, t0)),
    ["survey"] = new("survey", responders, null, survey.SaveAsync),
    ["review"] = new("review", admins, null, async (u, rec, t0) =>
    {
        var (page, url) = u.Reading[u.Next++ % u.Reading.Count];
        await Steps.GetAsync(u.Http, url, page, rec, t0);
    }),
};

var results = new List<Result>();
foreach (var mode in options.Modes)
{
    foreach (var name in options.Workloads)
    {
        var workload = workloads[name];
        if (workload.Users.Count == 0)
        {
            continue;
        }

        if (workload.Prepare is { } prepare)
        {
            await Parallel.ForEachAsync(workload.Users, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (u, _) => await prepare(u, data));
        }

        Console.Error.WriteLine($"{mode} {name}: {(mode == "closed" ? $"{Math.Min(options.Concurrency, workload.Users.Count)} users at saturation" : $"{options.Rate} req/s")} for {options.Seconds} s (+{options.Warmup} s warm-up)…");
        var warm = new Recorder();
        var recorder = new Recorder();
        var seconds = mode == "closed"
            ? await Runner.ClosedAsync(workload, options.Concurrency, options.Warmup, options.Seconds, warm, recorder)
            : await Runner.OpenAsync(workload, options.Rate, options.Warmup, options.Seconds, warm, recorder);
        results.AddRange(recorder.Results(name, mode, seconds));
    }
}

// Each page against its ceiling, in the same mode: share of the ceiling's throughput at saturation, p95 latency as a
// multiple of the ceiling's in the open loop. Standard pages against the raw database ceilings, reviewer pages against ping.
var ceilingOf = new Dictionary<string, string> { ["standard GET"] = "raw standard read", ["standard POST"] = "raw standard save", ["survey POST"] = "raw survey save" };
foreach (var r in results.Where(r => r.Requests > r.NotFound && (ceilingOf.ContainsKey(r.Page) || r.Workload == "review")))
{
    var name = ceilingOf.GetValueOrDefault(r.Page, "ping");
    if (results.FirstOrDefault(c => c.Page == name && c.Mode == r.Mode) is not { } ceiling)
    {
        continue;
    }

    r.Ratio = r.Mode == "closed" ? r.PerSecond / ceiling.PerSecond : r.P95 / ceiling.P95;
    r.Ceiling = name;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Section11 bench against {options.Url}: {options.Concurrency} users at saturation, {options.Rate} req/s open loop, {options.Seconds} s each, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
Console.WriteLine();
Console.WriteLine(Result.Header);
foreach (var r in results)
{
    Console.WriteLine(r.Row());
}

foreach (var r in results.Where(r => r.FirstError is not null))
{
    Console.WriteLine($"\n{r.Workload} {r.Mode} {r.Page}: first error: {r.FirstError}");
}

if (options.Json is { } json)
{
    await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
}

if (responders.Count > 0)
{
    Console.WriteLine($"\nSurvey {survey.SurveyId} holds {await survey.CountAsync():N0} answers.");
}

foreach (var u in leads.Concat(admins).Concat(responders))
{
    u.Dispose();
}

return 0;
