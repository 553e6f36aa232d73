using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Section11.Core.Api;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Api.Generated;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Api;

/// <summary>
/// The OpenAPI document the service serves: valid, the same as the committed one (docs/api/openapi-v1.json) that the
/// generated client in Api/Generated was made from (scripts/api-client.sh), and that client reads a return. Also the
/// per-token rate limit.
/// </summary>
[Trait("Category", "AnnualReport")]
public sealed class ApiDocumentTests(PartnershipApiTests.Fixture fixture) : IClassFixture<PartnershipApiTests.Fixture>
{
    [Fact]
    public async Task The_served_document_is_valid_openapi_and_the_same_as_the_committed_one()
    {
        using var client = fixture.Client(null);
        using var response = await client.GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = await response.Content.ReadAsStringAsync();

        var read = OpenApiDocument.Parse(served, OpenApiConstants.Json);
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        var document = read.Document!;
        Assert.Empty(document.Validate(Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        Assert.Equal(
            ["/rounds", "/rounds/{roundId}/returns", "/rounds/{roundId}/returns/{returnId}", "/rounds/{roundId}/ratings", "/rounds/{roundId}/action-plans",
                "/rounds/{roundId}/action-plans/{agencyId}", "/rounds/{roundId}/reviews", "/rounds/{roundId}/survey-results"],
            document.Paths!.Keys.Select(k => k.Replace("/api/v1/partnerships/{partnershipId}", "", StringComparison.Ordinal)));
        Assert.Contains("bearer", document.Components!.SecuritySchemes!.Keys);

        var committed = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "api", "openapi-v1.json"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(committed), JsonNode.Parse(served)),
            "The API changed: copy GET /api/v1/openapi.json over docs/api/openapi-v1.json and run scripts/api-client.sh");
    }

    [Fact]
    public async Task A_client_generated_from_the_document_reads_a_return()
    {
        using var http = fixture.Client(fixture.Token);
        var client = new Section11ApiClient(http);
        var birch = fixture.Data.ReturnIds["Birch Police"];

        var detail = await client.GetReturnAsync(fixture.Data.PartnershipId, fixture.Data.RoundId, birch);

        Assert.Equal(birch, detail.ReturnId);
        Assert.Equal(ReturnStatus.Submitted, detail.Status);
        var item = detail.Standards.Single(s => s.Number == 4).Items.Single(i => i.Number == "4.2");
        Assert.Equal(("inadequate", "Evidence for 4.2"), (item.Rating.Key, item.Evidence));
        var rounds = await client.GetRoundsAsync(fixture.Data.PartnershipId);
        Assert.Equal(2, rounds.Count);
        var page = await client.GetReturnsAsync(fixture.Data.PartnershipId, fixture.Data.RoundId, Status.Submitted, 1, 2);
        Assert.Equal(2, page.Count);
        var missing = await Assert.ThrowsAsync<ApiException>(() => client.GetReturnAsync(fixture.Data.PartnershipId, fixture.Data.RoundId, int.MaxValue));
        Assert.Equal(404, missing.StatusCode);
    }

    [Fact]
    public async Task Calls_past_the_tokens_limit_a_minute_are_429_with_retry_after()
    {
        var node = await ConfiguredFactory.StartAsync("Testing", new Dictionary<string, string?> { ["Api:RequestsPerMinute"] = "3" });
        try
        {
            await using var db = node.Database.CreateContext();
            var data = await ReportingTestData.CreateAsync(db);
            var tokens = new ApiTokenService(db, TimeProvider.System);
            var first = (await tokens.IssueAsync(data.PartnershipId, "First", "api-test")).Issued!.Secret;
            var second = (await tokens.IssueAsync(data.PartnershipId, "Second", "api-test")).Issued!.Secret;
            var url = $"/api/v1/partnerships/{data.PartnershipId}/rounds";
            using var client = node.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
            async Task<HttpResponseMessage> CallAsync(string token)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return await client.SendAsync(request);
            }

            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await CallAsync(first)).StatusCode);
            }

            var refused = await CallAsync(first);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
            // The limit is per token: another token of the same partnership still reads.
            Assert.Equal(HttpStatusCode.OK, (await CallAsync(second)).StatusCode);
        }
        finally
        {
            await node.StopAsync();
        }
    }
}
