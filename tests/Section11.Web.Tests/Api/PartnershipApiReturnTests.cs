using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Review;
using Section11.Core.Tests.Support;

namespace Section11.Web.Tests.Api;

/// <summary>
/// The API's whole return, paging and filters, an agency's action plan, and the call log, on the fixed reporting data
/// set (today 1 May 2026), so every value below is exact.
/// </summary>
[Trait("Category", "AnnualReport")]
public sealed class PartnershipApiReturnTests(PartnershipApiTests.Fixture fixture) : IClassFixture<PartnershipApiTests.Fixture>
{
    private string Round(string what) => $"/api/v1/partnerships/{fixture.Data.PartnershipId}/rounds/{fixture.Data.RoundId}/{what}";

    private async Task<(HttpResponseMessage Response, JsonNode? Json)> GetAsync(string url, string? token = null)
    {
        using var client = fixture.Client(token ?? fixture.Token);
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        return (response, response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(body) : null);
    }

    [Fact]
    public async Task A_return_carries_every_answer_evaluation_sign_off_and_the_partnerships_moderated_grades()
    {
        var birch = fixture.Data.ReturnIds["Birch Police"];
        await using (var db = fixture.Database.CreateContext())
        {
            var receipt = await db.Receipts.SingleAsync(x => x.ReturnId == birch && x.RoundId == fixture.Data.RoundId);
            var item42 = await db.Answers.Where(a => a.ReturnId == birch && a.Item.Number == "4.2").Select(a => new { a.ItemId, a.Item.StandardId }).SingleAsync();
            db.ModeratedRatings.Add(new ModeratedRating
            {
                ReceiptId = receipt.Id, StandardId = item42.StandardId, ItemId = item42.ItemId, Rating = "requires-improvement",
                Reason = "The audit found most files complete", UpdatedAt = ReportingTestData.Now.UtcDateTime, UpdatedById = "api-test",
            });
            await db.SaveChangesAsync();
        }

        var (response, json) = await GetAsync(Round($"returns/{birch}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((birch, "Submitted", "Submitted", "NotStarted", 1), (json!["returnId"]!.GetValue<int>(), json["status"]!.GetValue<string>(),
            json["trackerStatus"]!.GetValue<string>(), json["reviewState"]!.GetValue<string>(), json["revision"]!.GetValue<int>()));
        Assert.Equal("Pat Signatory", json["signOff"]!["signatoryName"]!.GetValue<string>());
        var standards = json["standards"]!.AsArray();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], standards.Select(s => s!["number"]!.GetValue<int>()));
        Assert.Equal(27, standards.Sum(s => s!["items"]!.AsArray().Count));

        var standard4 = standards.Single(s => s!["number"]!.GetValue<int>() == 4)!;
        Assert.Equal(("requires-improvement", "Requires improvement", "Statement for standard 4"),
            (standard4["evaluation"]!["key"]!.GetValue<string>(), standard4["evaluation"]!["label"]!.GetValue<string>(), standard4["statement"]!.GetValue<string>()));
        Assert.Null(standard4["moderatedEvaluation"]);
        var item42Json = standard4["items"]!.AsArray().Single(i => i!["number"]!.GetValue<string>() == "4.2")!;
        Assert.Equal(("inadequate", 1m, false, "Evidence for 4.2", "Action for 4.2", "2026-12-31"),
            (item42Json["rating"]!["key"]!.GetValue<string>(), item42Json["rating"]!["value"]!.GetValue<decimal>(), item42Json["rating"]!["meets"]!.GetValue<bool>(),
                item42Json["evidence"]!.GetValue<string>(), item42Json["actionRequired"]!.GetValue<string>(), item42Json["timescale"]!.GetValue<string>()));
        // Beside the self rating, never over it.
        Assert.Equal("""{"key":"requires-improvement","label":"Requires improvement","value":2,"meets":false,"reason":"The audit found most files complete"}""",
            item42Json["moderated"]!.ToJsonString());
        var item41 = standard4["items"]!.AsArray().Single(i => i!["number"]!.GetValue<string>() == "4.1")!;
        Assert.Null(item41["moderated"]);
        Assert.Null(item41["actionRequired"]);

        // The ratings list carries the same moderated grade beside the self one.
        var (_, ratings) = await GetAsync(Round("ratings"));
        var rated = ratings!["items"]!.AsArray().Single(i => i!["returnId"]!.GetValue<int>() == birch && i!["itemNumber"]!.GetValue<string>() == "4.2")!;
        Assert.Equal(("inadequate", "requires-improvement", "Requires improvement"),
            (rated["rating"]!.GetValue<string>(), rated["moderatedRating"]!.GetValue<string>(), rated["moderatedLabel"]!.GetValue<string>()));
        Assert.Single(ratings["items"]!.AsArray(), i => i!["moderatedRating"] is not null);
    }

    [Fact]
    public async Task A_return_of_another_round_or_partnership_is_404()
    {
        var previous = fixture.Data.PreviousReturnIds["Birch Police"];
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(Round($"returns/{previous}"))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(Round($"returns/{fixture.Other.ReturnIds["Birch Police"]}"))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(Round($"returns/{fixture.Data.ReturnIds["Birch Police"]}"), fixture.OtherToken)).Response.StatusCode);
        var otherRound = $"/api/v1/partnerships/{fixture.Data.PartnershipId}/rounds/{fixture.Other.RoundId}/returns/{fixture.Other.ReturnIds["Birch Police"]}";
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(otherRound)).Response.StatusCode);
    }

    [Fact]
    public async Task Returns_are_filtered_by_tracker_status_and_paged_with_the_total_and_links()
    {
        var (response, json) = await GetAsync(Round("returns?status=Submitted&page=2&pageSize=3"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Damson Young Carers"], json!.AsArray().Select(r => r!["agency"]!["name"]!.GetValue<string>().Replace($" {fixture.Data.Suffix}", "", StringComparison.Ordinal)));
        Assert.Equal("4", response.Headers.GetValues("X-Total-Count").Single());
        var path = Round("returns");
        Assert.Equal($"<{path}?status=Submitted&page=1&pageSize=3>; rel=\"first\", <{path}?status=Submitted&page=1&pageSize=3>; rel=\"prev\", "
            + $"<{path}?status=Submitted&page=2&pageSize=3>; rel=\"last\"", response.Headers.GetValues("Link").Single());

        var (overdue, overdueJson) = await GetAsync(Round("returns?status=Overdue"));
        Assert.Equal("1", overdue.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(fixture.Data.ReturnIds["Elm Surgery"], overdueJson!.AsArray().Single()!["returnId"]!.GetValue<int>());

        var (all, allJson) = await GetAsync(Round("returns"));
        Assert.Equal((5, "5"), (allJson!.AsArray().Count, all.Headers.GetValues("X-Total-Count").Single()));
    }

    [Theory]
    [InlineData("status=submitted")]
    [InlineData("status=7")]
    [InlineData("page=0")]
    [InlineData("pageSize=501")]
    [InlineData("pageSize=0")]
    [InlineData("page=abc")]
    public async Task A_query_the_api_does_not_offer_is_400_with_no_body(string query)
    {
        using var client = fixture.Client(fixture.Token);
        using var response = await client.GetAsync(Round($"returns?{query}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_agencys_action_plan_has_its_areas_actions_and_monitoring_numbered()
    {
        await using (var db = fixture.Database.CreateContext())
        {
            var action = await db.PlanActions.SingleAsync(a => a.SpecificAction == "Audit every personnel file"
                && db.ImprovementAreas.Any(x => x.Id == a.ImprovementAreaId && x.AgencyId == fixture.Data.AgencyIds.Alder));
            if (!await db.MonitoringEntries.AnyAsync(m => m.PlanActionId == action.Id))
            {
                db.MonitoringEntries.Add(new MonitoringEntry
                {
                    PlanActionId = action.Id, EntryDate = new DateOnly(2026, 4, 20), Kind = MonitoringKind.Progress, Text = "Half the files audited",
                    RecordedAt = new DateTime(2026, 4, 20, 9, 0, 0, DateTimeKind.Utc), AuthorId = "api-test",
                });
                await db.SaveChangesAsync();
            }
        }

        var (response, json) = await GetAsync(Round($"action-plans/{fixture.Data.AgencyIds.Alder}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var area = json!["areas"]!.AsArray().Single()!;
        Assert.Equal(("1", "Every safer-recruitment file is complete"), (area["number"]!.GetValue<string>(), area["outcome"]!.GetValue<string>()));
        var actions = area["actions"]!.AsArray();
        Assert.Equal(["1.1 Amber true", "1.2 Red false", "1.3 Green false"],
            actions.Select(a => $"{a!["number"]} {a["rag"]} {a["overdue"]}"));
        Assert.Equal("Policy published on the intranet", actions[2]!["impactAndEvidence"]!.GetValue<string>());
        Assert.Equal("""[{"entryDate":"2026-04-20","kind":"Progress","text":"Half the files audited","recordedAt":"2026-04-20T09:00:00Z"}]""",
            actions[0]!["monitoring"]!.ToJsonString());

        Assert.Empty((await GetAsync(Round($"action-plans/{fixture.Data.AgencyIds.Birch}"))).Json!["areas"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(Round($"action-plans/{fixture.Other.AgencyIds.Alder}"))).Response.StatusCode);
    }

    [Fact]
    public async Task Every_call_is_logged_against_its_token_with_what_was_asked_and_the_status()
    {
        var marker = $"returns?page=1&pageSize={Random.Shared.Next(200, 500)}";
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Round(marker))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(Round($"returns/{int.MaxValue}"))).Response.StatusCode);
        // Another partnership's data asked for with this token: refused, and logged against it.
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/partnerships/{fixture.Other.PartnershipId}/rounds")).Response.StatusCode);

        await using var db = fixture.Database.CreateContext();
        var tokenId = await db.ApiTokens.Where(t => t.PartnershipId == fixture.Data.PartnershipId && t.Name == "Dashboard").Select(t => t.Id).SingleAsync();
        var calls = await db.ApiCalls.Where(c => c.ApiTokenId == tokenId).ToListAsync();
        Assert.Contains(calls, c => c.Method == "GET" && c.Path == Round(marker) && c.Status == 200);
        Assert.Contains(calls, c => c.Path == Round($"returns/{int.MaxValue}") && c.Status == 404);
        Assert.Contains(calls, c => c.Path == $"/api/v1/partnerships/{fixture.Other.PartnershipId}/rounds" && c.Status == 404);
        Assert.All(calls, c => Assert.DoesNotContain("s11_", c.Path, StringComparison.Ordinal));
    }
}
