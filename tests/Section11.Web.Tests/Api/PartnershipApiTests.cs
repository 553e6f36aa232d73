using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Api;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Api;

/// <summary>
/// The read-only JSON API on the fixed reporting data set, looked at on its fixed today (1 May 2026), so every figure
/// below is exact. Tokens are issued through the service; the pages that issue them are tested on their own.
/// </summary>
public sealed class PartnershipApiTests(PartnershipApiTests.Fixture fixture) : IClassFixture<PartnershipApiTests.Fixture>
{
    /// <summary>The application with its clock at the data set's today, the reporting data set, and a token for it.</summary>
    public sealed class Fixture : Section11Factory
    {
        public ReportingTestData.Created Data { get; private set; } = null!;
        public ReportingTestData.Created Other { get; private set; } = null!;
        public string Token { get; private set; } = "";
        public string OtherToken { get; private set; } = "";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedTime(ReportingTestData.Now)));
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = Database.CreateContext();
            Data = await ReportingTestData.CreateAsync(db);
            Other = await ReportingTestData.CreateAsync(db);
            var tokens = new ApiTokenService(db, new FixedTime(ReportingTestData.Now));
            Token = (await tokens.IssueAsync(Data.PartnershipId, "Dashboard", "api-test")).Issued!.Secret;
            OtherToken = (await tokens.IssueAsync(Other.PartnershipId, "Dashboard", "api-test")).Issued!.Secret;
        }

        public HttpClient Client(string? token)
        {
            var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
            if (token is not null)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return client;
        }
    }

    private string Url(string path) => $"/api/v1/partnerships/{fixture.Data.PartnershipId}/{path}";

    private string Round(string what) => Url($"rounds/{fixture.Data.RoundId}/{what}");

    private async Task<JsonNode> GetJsonAsync(string url)
    {
        using var client = fixture.Client(fixture.Token);
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private string Name(JsonNode? name) => name!.GetValue<string>().Replace($" {fixture.Data.Suffix}", "", StringComparison.Ordinal);

    [Fact]
    public async Task Rounds_list_each_round_with_its_framework_dates_and_returns_by_tracker_status()
    {
        var rounds = (await GetJsonAsync(Url("rounds"))).AsArray();

        Assert.Equal(2, rounds.Count);
        var current = rounds[0]!;
        Assert.Equal(fixture.Data.RoundId, current["id"]!.GetValue<int>());
        Assert.Equal("Section 11 audit 2026", current["title"]!.GetValue<string>());
        Assert.Equal("masa-2018", current["framework"]!["key"]!.GetValue<string>());
        Assert.Equal("2018", current["framework"]!["version"]!.GetValue<string>());
        Assert.Equal("Multi-Agency Safeguarding Arrangements (MASA) Section 11 audit", current["framework"]!["title"]!.GetValue<string>());
        Assert.Equal("2025-12-31", current["opensOn"]!.GetValue<string>());
        Assert.Equal("2026-03-31", current["dueOn"]!.GetValue<string>());
        Assert.Equal("2026-01-02T09:00:00Z", current["launchedAt"]!.GetValue<string>());
        Assert.Null(current["closedAt"]);
        Assert.Equal(5, current["returns"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"notStarted":0,"inProgress":0,"awaitingSignOff":0,"submitted":4,"returnedForChanges":0,"overdue":1,"beingRevised":0,"notReceived":0}"""),
            current["returnsByTrackerStatus"]));

        var previous = rounds[1]!;
        Assert.Equal((fixture.Data.PreviousRoundId, "Section 11 audit 2024", 3, 3),
            (previous["id"]!.GetValue<int>(), previous["title"]!.GetValue<string>(), previous["returns"]!.GetValue<int>(),
                previous["returnsByTrackerStatus"]!["submitted"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Returns_list_each_agency_with_status_date_and_sign_off()
    {
        var returns = (await GetJsonAsync(Round("returns"))).AsArray();

        Assert.Equal(["Alder Hospital Trust", "Birch Police", "Cedar Council", "Damson Young Carers", "Elm Surgery"],
            returns.Select(r => Name(r!["agency"]!["name"])));
        Assert.Equal(["Health", "Police", "LocalAuthority", "VoluntaryAndCommunity", "Health"], returns.Select(r => r!["agency"]!["sector"]!.GetValue<string>()));
        Assert.Equal(["Submitted", "Submitted", "Submitted", "Submitted", "Draft"], returns.Select(r => r!["status"]!.GetValue<string>()));
        Assert.Equal(["Submitted", "Submitted", "Submitted", "Submitted", "Overdue"], returns.Select(r => r!["trackerStatus"]!.GetValue<string>()));
        Assert.All(returns, r => Assert.Equal("2026-03-31", r!["dueOn"]!.GetValue<string>()));

        var alder = returns[0]!;
        Assert.Equal(fixture.Data.ReturnIds["Alder Hospital Trust"], alder["returnId"]!.GetValue<int>());
        Assert.Equal(fixture.Data.AgencyIds.Alder, alder["agency"]!["id"]!.GetValue<int>());
        Assert.Equal("2026-03-20T10:00:00Z", alder["submittedAt"]!.GetValue<string>());
        Assert.Equal(("Pat Signatory", "Director", "2026-03-20"),
            (alder["signOff"]!["signatoryName"]!.GetValue<string>(), alder["signOff"]!["postHeld"]!.GetValue<string>(), alder["signOff"]!["signedOn"]!.GetValue<string>()));

        var elm = returns[4]!;
        Assert.Null(elm["submittedAt"]);
        Assert.Null(elm["signOff"]);
    }

    [Fact]
    public async Task Ratings_give_every_item_and_standard_of_the_submitted_returns_with_label_value_and_meets()
    {
        var ratings = await GetJsonAsync(Round("ratings"));
        var items = ratings["items"]!.AsArray();
        var evaluations = ratings["evaluations"]!.AsArray();

        Assert.Equal(["inadequate", "requires-improvement", "good", "outstanding"], ratings["scale"]!.AsArray().Select(l => l!["key"]!.GetValue<string>()));
        // Values as plain numbers, the same on either database.
        Assert.Equal("""{"key":"good","label":"Good","value":3,"meets":true}""", ratings["scale"]![2]!.ToJsonString());
        // 4 submitted returns × 27 items; Elm's draft is not there.
        Assert.Equal(108, items.Count);
        Assert.Equal(4 * 7, evaluations.Count);
        Assert.DoesNotContain(items, i => Name(i!["agencyName"]) == "Elm Surgery");

        JsonNode Item(string agency, string number) => items.Single(i => Name(i!["agencyName"]) == agency && i!["itemNumber"]!.GetValue<string>() == number)!;
        var birch42 = Item("Birch Police", "4.2");
        Assert.Equal((4, "inadequate", "Inadequate", 1m, false),
            (birch42["standardNumber"]!.GetValue<int>(), birch42["rating"]!.GetValue<string>(), birch42["label"]!.GetValue<string>(),
                birch42["value"]!.GetValue<decimal>(), birch42["meets"]!.GetValue<bool>()));
        Assert.Equal(fixture.Data.ReturnIds["Birch Police"], birch42["returnId"]!.GetValue<int>());
        Assert.Equal(fixture.Data.AgencyIds.Birch, birch42["agencyId"]!.GetValue<int>());
        Assert.Equal(("outstanding", 4m, true),
            (Item("Alder Hospital Trust", "1.1")["rating"]!.GetValue<string>(), Item("Alder Hospital Trust", "1.1")["value"]!.GetValue<decimal>(),
                Item("Alder Hospital Trust", "1.1")["meets"]!.GetValue<bool>()));
        // Ratings that do not meet the standard, across the four returns: Alder 1 (4.2), Birch 3 (2.1, 4.2, 5.3), Cedar 3 (3.1, 3.2, 4.2), Damson 1 (6.1).
        Assert.Equal(8, items.Count(i => i!["meets"]!.GetValue<bool>() == false));

        var cedar3 = evaluations.Single(e => Name(e!["agencyName"]) == "Cedar Council" && e!["standardNumber"]!.GetValue<int>() == 3)!;
        Assert.Equal(("requires-improvement", 2m, false),
            (cedar3["rating"]!.GetValue<string>(), cedar3["value"]!.GetValue<decimal>(), cedar3["meets"]!.GetValue<bool>()));
        Assert.Equal(4, evaluations.Count(e => e!["meets"]!.GetValue<bool>() == false));
    }

    [Fact]
    public async Task Action_plans_count_each_agencys_actions_by_rag_and_overdue()
    {
        var plans = (await GetJsonAsync(Round("action-plans"))).AsArray();

        Assert.Equal(
            ["Alder Hospital Trust 1 1 1 0 1", "Birch Police 0 0 0 0 0", "Cedar Council 0 0 0 1 1", "Damson Young Carers 0 0 0 0 0", "Elm Surgery 0 0 0 0 0"],
            plans.Select(p => string.Join(" ", Name(p!["agencyName"]), p!["red"], p!["amber"], p!["green"], p!["notRated"], p!["overdue"])));
        Assert.Equal(fixture.Data.AgencyIds.Alder, plans[0]!["agencyId"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(null, "Bearer")]
    [InlineData("s11_not-a-real-token", "Bearer error=\"invalid_token\"")]
    public async Task No_token_or_an_unknown_one_is_401_with_a_bearer_challenge(string? token, string challenge)
    {
        using var client = fixture.Client(token);
        foreach (var path in new[] { Url("rounds"), Round("returns"), Round("ratings"), Round("action-plans") })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(challenge, response.Headers.WwwAuthenticate.ToString());
            // A bare status, not the people's HTML error page.
            Assert.Equal("", await response.Content.ReadAsStringAsync());
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task A_revoked_token_is_401_from_the_next_request()
    {
        await using var db = fixture.Database.CreateContext();
        var tokens = new ApiTokenService(db, TimeProvider.System);
        var issued = (await tokens.IssueAsync(fixture.Data.PartnershipId, "Short-lived", "api-test")).Issued!;
        using var client = fixture.Client(issued.Secret);
        using (var ok = await client.GetAsync(Url("rounds")))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.True(await tokens.RevokeAsync(fixture.Data.PartnershipId, issued.Id, "api-test"));
        using var refused = await client.GetAsync(Url("rounds"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Another_partnerships_token_or_round_is_404()
    {
        using var other = fixture.Client(fixture.OtherToken);
        foreach (var path in new[] { Url("rounds"), Round("returns"), Round("ratings"), Round("action-plans") })
        {
            using var response = await other.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var own = fixture.Client(fixture.Token);
        foreach (var what in new[] { "returns", "ratings", "action-plans" })
        {
            using var otherRound = await own.GetAsync(Url($"rounds/{fixture.Other.RoundId}/{what}"));
            Assert.Equal(HttpStatusCode.NotFound, otherRound.StatusCode);
            using var noRound = await own.GetAsync(Url($"rounds/{int.MaxValue}/{what}"));
            Assert.Equal(HttpStatusCode.NotFound, noRound.StatusCode);
        }

        using var otherPartnership = await own.GetAsync($"/api/v1/partnerships/{fixture.Other.PartnershipId}/rounds");
        Assert.Equal(HttpStatusCode.NotFound, otherPartnership.StatusCode);
    }

    [Fact]
    public async Task The_api_only_reads_and_serves_nothing_else()
    {
        using var client = fixture.Client(fixture.Token);
        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(Url("rounds"), content);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET", string.Join(",", response.Content.Headers.Allow));
        using var unknown = await client.GetAsync(Url("people"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("", await unknown.Content.ReadAsStringAsync());
    }
}
