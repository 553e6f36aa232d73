using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Section11.Web.Tests.Support;
using Xunit.Abstractions;

namespace Section11.Web.Tests.Security;

/// <summary>
/// Two partnerships share an agency. Partnership B's administrator, its reviewer and a person B invited walk every
/// route of the application with partnership A's ids (A's partnership, rounds, returns, reports, exports, action plan
/// areas, actions, tokens and API) and get 404, on GET and on POST; the agency's plan shows them B's areas only.
/// </summary>
[Trait("Category", "Security")]
public sealed class CrossTenantTests(Section11Factory factory, ITestOutputHelper output) : IClassFixture<Section11Factory>
{
    private static string I(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every route about a tenant: partnerships, returns, agencies, the API.</summary>
    private IReadOnlyList<string> TenantRoutes() =>
    [
        .. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(r => r.StartsWith("/partnerships/{partnershipId", StringComparison.Ordinal) || r.StartsWith("/returns/", StringComparison.Ordinal)
                || r.StartsWith("/agencies/", StringComparison.Ordinal) || r.StartsWith("/api/v1/partnerships/", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal),
    ];

    private static string Fill(string route, SharedAgency s, int partnershipId, int roundId) => route
        .Replace("/partnerships/{partnershipId:int}/people/{roleId:int}", $"/partnerships/{{partnershipId:int}}/people/{I(s.AdminARoleId)}", StringComparison.Ordinal)
        .Replace("{roleId:int}", I(s.LeadRoleId), StringComparison.Ordinal)
        .Replace("{partnershipId:int}", I(partnershipId), StringComparison.Ordinal)
        .Replace("{roundId:int}", I(roundId), StringComparison.Ordinal)
        .Replace("{returnId:int}", I(s.ReturnA), StringComparison.Ordinal)
        .Replace("{agencyId:int}", I(s.AgencyId), StringComparison.Ordinal)
        .Replace("{areaId:int}", I(s.AreaA), StringComparison.Ordinal)
        .Replace("{actionId:int}", I(s.ActionA), StringComparison.Ordinal)
        .Replace("{tokenId:int}", I(s.TokenA), StringComparison.Ordinal)
        .Replace("{requestId:int}", I(s.RequestB), StringComparison.Ordinal)
        .Replace("{number:int}", "1", StringComparison.Ordinal)
        .Replace("{jobId:int}", I(s.JobA), StringComparison.Ordinal)
        .Replace("/annual-report/{format}", "/annual-report/docx", StringComparison.Ordinal)
        .Replace("/reports/{format}", "/reports/pdf", StringComparison.Ordinal)
        .Replace("{format}", "xlsx", StringComparison.Ordinal);

    /// <summary>
    /// The addresses to try for a route: with A's partnership, and (where the address names a round, return or role)
    /// with B's own partnership around A's round (or export), or B's round around A's return.
    /// </summary>
    private static IEnumerable<string> Urls(string route, SharedAgency s)
    {
        yield return Fill(route, s, s.PartnershipA, s.RoundA);
        if (route.StartsWith("/partnerships/", StringComparison.Ordinal) && (route.Contains("{roundId", StringComparison.Ordinal)
            || route.Contains("{returnId", StringComparison.Ordinal) || route.Contains("{roleId", StringComparison.Ordinal) || route.Contains("{jobId", StringComparison.Ordinal)))
        {
            yield return Fill(route, s, s.PartnershipB, s.RoundA);
            if (route.Contains("{returnId", StringComparison.Ordinal))
            {
                yield return Fill(route, s, s.PartnershipB, s.RoundB);
            }
        }
    }

    /// <summary>A page's HTML, or the text of every part of an Office file (a zip), so a download is searched too.</summary>
    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes is not [(byte)'P', (byte)'K', ..])
        {
            return System.Text.Encoding.UTF8.GetString(bytes);
        }

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        var text = new System.Text.StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

    [Fact]
    public async Task Partnership_Bs_people_get_404_on_every_page_of_partnership_As_rounds_returns_reports_exports_action_plans_and_api()
    {
        var s = await factory.CreateSharedAgencyAsync();
        var routes = TenantRoutes();
        var failures = new List<string>();
        var checkedPages = 0;
        foreach (var (who, person, partnershipRole) in new[] { ("B's administrator", s.AdminB, true), ("B's reviewer", s.ReviewerB, true), ("B's invitee", s.InviteeB, false) })
        {
            using var client = factory.CreateHtmlClient();
            Assert.Equal("/", (await client.SignInAsync(person.Email)).Location);
            var token = (await client.GetAsync("/account")).Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
            foreach (var route in routes)
            {
                foreach (var url in Urls(route, s))
                {
                    // The agency's plan as a whole (B's areas only, checked below), and its lead's pages and the new-area
                    // page, which a partnership role for the agency is refused with 403: nothing of A's there.
                    var expected = route.StartsWith("/api/", StringComparison.Ordinal) ? HttpStatusCode.Unauthorized
                        : !partnershipRole ? HttpStatusCode.NotFound
                        // The shared agency's own details (its partnerships are listed to its own people only).
                        : route is "/agencies/{agencyId:int}/action-plan" or "/agencies/{agencyId:int}/action-plan/export/{format}" or "/agencies/{agencyId:int}" ? HttpStatusCode.OK
                        : route == "/agencies/{agencyId:int}/action-plan/areas/new"
                            || route is "/agencies/{agencyId:int}/edit" or "/agencies/{agencyId:int}/surveys/{roundId:int}/results"
                            || route.StartsWith("/agencies/{agencyId:int}/people", StringComparison.Ordinal)
                            || route.StartsWith("/agencies/{agencyId:int}/membership-requests", StringComparison.Ordinal) ? HttpStatusCode.Forbidden
                        : HttpStatusCode.NotFound;
                    var got = await client.GetAsync(url);
                    checkedPages++;
                    if (got.Status != expected)
                    {
                        failures.Add($"GET {url} as {who}: expected {(int)expected}, got {(int)got.Status}");
                    }
                    else if (got.Status == HttpStatusCode.OK)
                    {
                        var body = await TextOfAsync(got.Response);
                        if (body.Contains(s.SecretOutcome, StringComparison.Ordinal) || body.Contains(s.SecretAction, StringComparison.Ordinal))
                        {
                            failures.Add($"GET {url} as {who}: shows partnership A's action plan area");
                        }
                    }

                    if (expected is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
                    {
                        var posted = await client.PostAsync(url, [new("__RequestVerificationToken", token)]);
                        if (posted.Status != expected)
                        {
                            failures.Add($"POST {url} as {who}: expected {(int)expected}, got {(int)posted.Status}");
                        }
                    }
                }
            }
        }

        // The API with B's own token: A's partnership is not found; the API takes no writes at all.
        using var api = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", s.TokenB);
        foreach (var url in routes.Where(r => r.StartsWith("/api/", StringComparison.Ordinal)).SelectMany(r => Urls(r, s)))
        {
            var get = await api.GetAsync(url);
            if (get.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"GET {url} with B's token: expected 404, got {(int)get.StatusCode}");
            }

            using var empty = new StringContent("");
            var post = await api.PostAsync(url, empty);
            if (post.IsSuccessStatusCode)
            {
                failures.Add($"POST {url} with B's token: got {(int)post.StatusCode}");
            }
        }

        foreach (var f in failures)
        {
            output.WriteLine(f);
        }

        Assert.True(checkedPages > 100, $"only {checkedPages} pages checked");
        Assert.True(failures.Count == 0, $"{failures.Count} cross-tenant leaks:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public async Task Partnership_B_sees_its_own_rounds_of_the_shared_agency_and_nothing_of_partnership_As()
    {
        var s = await factory.CreateSharedAgencyAsync();
        using var admin = factory.CreateHtmlClient();
        await admin.SignInAsync(s.AdminB.Email);

        var plan = await admin.GetAsync($"/agencies/{s.AgencyId}/action-plan");
        Assert.Equal(HttpStatusCode.OK, plan.Status);
        Assert.Contains(s.OutcomeB, plan.Text("main"), StringComparison.Ordinal);
        Assert.DoesNotContain(s.SecretOutcome, plan.Text("main"), StringComparison.Ordinal);
        // Numbered within what B sees: B's area is 1, not 2 (which would say A has another).
        Assert.NotNull(plan.Document.QuerySelector("#area-1"));
        Assert.Null(plan.Document.QuerySelector("#area-2"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/agencies/{s.AgencyId}/action-plan/areas/{s.AreaA}/actions/new")).Status);

        var export = await TextOfAsync((await admin.GetAsync($"/agencies/{s.AgencyId}/action-plan/export/xlsx")).Response);
        Assert.Contains(s.OutcomeB, export, StringComparison.Ordinal);
        Assert.DoesNotContain(s.SecretOutcome, export, StringComparison.Ordinal);

        var plans = await admin.GetAsync($"/partnerships/{s.PartnershipB}/rounds/{s.RoundB}/action-plans");
        Assert.Equal(HttpStatusCode.OK, plans.Status);
        Assert.DoesNotContain(s.SecretAction, plans.Text("main"), StringComparison.Ordinal);

        using var api = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", s.TokenB);
        var json = await api.GetStringAsync($"/api/v1/partnerships/{s.PartnershipB}/rounds/{s.RoundB}/action-plans");
        Assert.Contains("\"overdue\":0", json, StringComparison.Ordinal);
        var returns = await api.GetStringAsync($"/api/v1/partnerships/{s.PartnershipB}/rounds/{s.RoundB}/returns");
        Assert.Contains($"\"returnId\":{s.ReturnB}", returns, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"returnId\":{s.ReturnA}", returns, StringComparison.Ordinal);

        // The agency's own lead still sees the whole plan, both partnerships' areas.
        using var lead = factory.CreateHtmlClient();
        await lead.SignInAsync(s.LeadA.Email);
        var whole = await lead.GetAsync($"/agencies/{s.AgencyId}/action-plan");
        Assert.Contains(s.SecretOutcome, whole.Text("main"), StringComparison.Ordinal);
        Assert.Contains(s.OutcomeB, whole.Text("main"), StringComparison.Ordinal);
    }
}
