using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;
using Xunit.Abstractions;

namespace Section11.Web.Tests.Security;

/// <summary>
/// Every endpoint of the running application against anonymous and every role, for the person's own agency, another
/// agency in the same partnership, and another partnership. A new endpoint without an entry here fails the test.
/// </summary>
public sealed partial class AuthorizationMatrixTests(AuthorizationMatrixTests.Scenario scenario, ITestOutputHelper output) : IClassFixture<AuthorizationMatrixTests.Scenario>
{
    public enum Actor
    {
        Anonymous,
        LeadOwnAgency,
        ContributorOwnAgency,
        SignatoryOwnAgency,
        LeadOtherAgencySamePartnership,
        LeadOtherPartnership,
        AdministratorSamePartnership,
        ReviewerSamePartnership,
        AdministratorOtherPartnership,

        /// <summary>An administrator of another partnership that the agency agreed to join: it sees its own rounds only.</summary>
        AdministratorSharingPartnership,
        PlatformAdministrator,
        PeerReviewer, // A contributor of the neighbour agency, peer reviewer of the round, assigned to the own agency's receipt.
    }

    public enum Outcome
    {
        /// <summary>The page is shown, or it sends the person somewhere that is not sign-in.</summary>
        Allowed,
        SignIn,
        Forbidden,
        NotFound,

        /// <summary>401: the JSON API, which takes only its bearer tokens, never the session cookie.</summary>
        Unauthorized,
    }

    private static readonly Actor[] OwnAgency = [Actor.LeadOwnAgency, Actor.ContributorOwnAgency, Actor.SignatoryOwnAgency];
    private static readonly Actor[] Partnership = [Actor.AdministratorSamePartnership, Actor.ReviewerSamePartnership];

    /// <summary>Pages anyone may open, signed in or not.</summary>
    private static Outcome Public(Actor a) => Outcome.Allowed;

    private static Outcome SignedIn(Actor a) => a == Actor.Anonymous ? Outcome.SignIn : Outcome.Allowed;

    private static Outcome PlatformOnly(Actor a) => a switch
    {
        Actor.Anonymous => Outcome.SignIn,
        Actor.PlatformAdministrator => Outcome.Allowed,
        _ => Outcome.NotFound,
    };

    private static Outcome PartnershipRead(Actor a) => a switch
    {
        Actor.Anonymous => Outcome.SignIn,
        Actor.AdministratorSamePartnership or Actor.ReviewerSamePartnership or Actor.PlatformAdministrator => Outcome.Allowed,
        _ => Outcome.NotFound,
    };

    private static Outcome PartnershipAdmin(Actor a) => a switch
    {
        Actor.Anonymous => Outcome.SignIn,
        Actor.AdministratorSamePartnership or Actor.PlatformAdministrator => Outcome.Allowed,
        Actor.ReviewerSamePartnership => Outcome.Forbidden,
        _ => Outcome.NotFound,
    };

    /// <summary>A return page: who can see the return at all, then who among them may do this.</summary>
    private static Func<Actor, Outcome> ReturnPage(params Actor[] allowed) => a => a switch
    {
        Actor.Anonymous => Outcome.SignIn,
        _ when allowed.Contains(a) => Outcome.Allowed,
        _ when OwnAgency.Contains(a) || Partnership.Contains(a) => Outcome.Forbidden,
        _ => Outcome.NotFound,
    };

    private static readonly Actor[] CanView = [.. OwnAgency, .. Partnership];

    /// <summary>The agency's action plan as a whole: a sharing partnership may open it (and sees only its own rounds' areas).</summary>
    private static readonly Actor[] CanViewPlan = [.. CanView, Actor.AdministratorSharingPartnership];

    /// <summary>
    /// An agency page (the action plan): the agency's people and its partnerships' administrators and reviewers,
    /// a sharing partnership's too (it has a role for the agency, so a page it may not use is 403).
    /// </summary>
    private static Func<Actor, Outcome> AgencyPage(params Actor[] allowed) => a => a == Actor.AdministratorSharingPartnership
        ? (allowed.Contains(a) ? Outcome.Allowed : Outcome.Forbidden)
        : ReturnPage(allowed)(a);

    /// <summary>A page about an area, action or return of partnership one's round: the sharing partnership cannot see it at all.</summary>
    private static Func<Actor, Outcome> OwnRound(Func<Actor, Outcome> page) => a => a == Actor.AdministratorSharingPartnership ? Outcome.NotFound : page(a);

    /// <summary>The agency's people and membership requests: its lead only (and, for membership, a platform administrator).</summary>
    private static Func<Actor, Outcome> AgencyLead(bool orPlatform) => a => a switch
    {
        Actor.PlatformAdministrator => orPlatform ? Outcome.Allowed : Outcome.NotFound,
        _ => AgencyPage(Actor.LeadOwnAgency)(a),
    };

    /// <summary>A role offered to the own agency's lead: theirs alone.</summary>
    private static Outcome OwnOffer(Actor a) => a switch
    {
        Actor.Anonymous => Outcome.SignIn,
        Actor.LeadOwnAgency => Outcome.Allowed,
        _ => Outcome.NotFound,
    };

    private static readonly Actor[] Editors = [Actor.LeadOwnAgency, Actor.ContributorOwnAgency];

    /// <summary>The API: nobody signed in with a cookie gets in (tests/Section11.Web.Tests/Api checks the tokens).</summary>
    private static Outcome TokenOnly(Actor a) => Outcome.Unauthorized;

    /// <summary>The matrix: every route the application serves, and who gets what.</summary>
    private static readonly Dictionary<string, Func<Actor, Outcome>> Matrix = new()
    {
        ["/"] = Public,
        ["/accessibility"] = Public,
        ["/cookies"] = Public,
        ["/health"] = Public,
        ["/health/ready"] = Public,
        ["/ping"] = Public,
        ["/errors/{code:int}"] = Public,
        ["/errors/https-required"] = Public,
        ["/sign-in"] = Public,
        ["/sign-in/code"] = Public,
        ["/sign-in/recovery-code"] = Public,
        ["/sign-in/external/{handler?}"] = Public,
        ["/sign-out"] = Public,
        // An unknown invitation link is not found for anybody, signed in or not (and never sends anyone to sign in).
        ["/account/accept/{token?}"] = _ => Outcome.NotFound,
        ["/account/forgot-password"] = Public,
        ["/account/forgot-password/sent"] = Public,
        ["/account/reset-password"] = Public,
        ["/account/reset-password/done"] = Public,
        ["/account"] = SignedIn,
        ["/account/change-password"] = SignedIn,
        ["/account/recovery-codes"] = SignedIn,
        ["/account/set-up-mfa"] = SignedIn,
        ["/account/roles/{grantId:int}"] = OwnOffer,
        ["/session/keep-alive"] = SignedIn,
        ["/partnerships"] = SignedIn,
        ["/partnerships/new"] = PlatformOnly,
        ["/accounts"] = PlatformOnly,
        ["/accounts/{userId}"] = PlatformOnly,
        ["/accounts/{userId}/deactivate"] = PlatformOnly,
        ["/accounts/{userId}/reactivate"] = PlatformOnly,
        ["/partnerships/{partnershipId:int}"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/agencies"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/people"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/action-plans"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/overarching-plan"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/overarching-plan/{format}"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/dashboard"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/export"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/export/{format}"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/reports"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/reports/{format}"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/annual-report"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/annual-report/{format}"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/agencies/new"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/people/invite"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/people/{roleId:int}/remove"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/new"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/launch"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/close"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/repeat"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/add-agencies"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/local-items"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/returns/{returnId:int}/extend"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/returns/{returnId:int}/return-for-changes"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/chase"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/chase/preview"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}"] = OpenToPeer(PartnershipRead),
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}/reviewers"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}/standards/{number:int}"] = OpenToPeer(PartnershipRead),
        // Feedback letters: the partnership's reviewers read and download its letter; the agency's people read a sent one.
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}/letter"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}/letter/{format}"] = PartnershipRead,
        ["/returns/{returnId:int}/letters/{receiptId:int}"] = ReturnPage(OwnAgency),
        ["/returns/{returnId:int}/letters/{receiptId:int}/{format}"] = ReturnPage(OwnAgency),
        // Challenge panels: the partnership's reviewers read them and their pre-read packs; administrators schedule and record.
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/panels"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/panels/new"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/panels/{panelId:int}"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/panels/{panelId:int}/pre-read-pack"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/rounds/{roundId:int}/panels/{panelId:int}/agencies/{receiptId:int}"] = PartnershipRead,
        ["/partnerships/{partnershipId:int}/api-tokens"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/data-export"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/data-export/{jobId:int}"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/data-export/{jobId:int}/file"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/api-tokens/new"] = PartnershipAdmin,
        ["/partnerships/{partnershipId:int}/api-tokens/{tokenId:int}/revoke"] = PartnershipAdmin,
        ["/api/v1/partnerships/{partnershipId:int}/rounds"] = TokenOnly,
        ["/api/v1/partnerships/{partnershipId:int}/rounds/{roundId:int}/returns"] = TokenOnly,
        ["/api/v1/partnerships/{partnershipId:int}/rounds/{roundId:int}/ratings"] = TokenOnly,
        ["/api/v1/partnerships/{partnershipId:int}/rounds/{roundId:int}/action-plans"] = TokenOnly,
        ["/api/v1/partnerships/{partnershipId:int}/rounds/{roundId:int}/returns/{returnId:int}"] = TokenOnly,
        ["/api/v1/partnerships/{partnershipId:int}/rounds/{roundId:int}/action-plans/{agencyId:int}"] = TokenOnly,
        ["/api/v1/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews"] = TokenOnly,
        ["/api/v1/partnerships/{partnershipId:int}/rounds/{roundId:int}/survey-results"] = TokenOnly,
        // Describes the API's shapes, never data.
        ["/api/{documentName}/openapi.json"] = Public,
        ["/returns/{returnId:int}"] = ReturnPage(CanView),
        ["/returns/{returnId:int}/view"] = OpenToPeer(ReturnPage(CanView)),
        ["/returns/{returnId:int}/report"] = ReturnPage(CanView),
        ["/returns/{returnId:int}/report/docx"] = ReturnPage(CanView),
        ["/returns/{returnId:int}/report/pdf"] = ReturnPage(CanView),
        ["/returns/{returnId:int}/check-answers"] = ReturnPage(CanView),
        ["/returns/{returnId:int}/confirmation"] = ReturnPage(CanView),
        ["/returns/{returnId:int}/standards/{number:int}"] = ReturnPage(Editors),
        ["/returns/{returnId:int}/sign-off"] = ReturnPage(Actor.SignatoryOwnAgency),
        ["/returns/{returnId:int}/history"] = ReturnPage(Actor.LeadOwnAgency, Actor.AdministratorSamePartnership),
        ["/returns/{returnId:int}/assignments"] = ReturnPage(Actor.LeadOwnAgency),
        // The agency's answers to a partnership's review: its lead only (contributors, the signatory and the partnership's
        // people who can see the return get 403; another agency or partnership 404, as for any return they cannot see).
        ["/returns/{returnId:int}/reviews/{receiptId:int}"] = ReturnPage(Actor.LeadOwnAgency),
        ["/agencies/{agencyId:int}/action-plan"] = AgencyPage(CanViewPlan),
        ["/agencies/{agencyId:int}/action-plan/actions/{actionId:int}"] = OwnRound(AgencyPage(CanView)),
        ["/agencies/{agencyId:int}/action-plan/export/{format}"] = AgencyPage(CanViewPlan),
        ["/agencies/{agencyId:int}/action-plan/from-return/{returnId:int}"] = OwnRound(AgencyPage(Editors)),
        ["/agencies/{agencyId:int}/action-plan/areas/{areaId:int}/actions/new"] = OwnRound(AgencyPage(Editors)),
        ["/agencies/{agencyId:int}/action-plan/actions/{actionId:int}/monitoring/new"] = OwnRound(AgencyPage(Editors)),
        ["/agencies/{agencyId:int}/action-plan/areas/new"] = AgencyPage(Editors),
        ["/agencies/{agencyId:int}/action-plan/areas/{areaId:int}"] = OwnRound(AgencyPage(Editors)),
        ["/agencies/{agencyId:int}/action-plan/areas/{areaId:int}/delete"] = OwnRound(AgencyPage(Editors)),
        ["/agencies/{agencyId:int}/action-plan/actions/{actionId:int}/delete"] = OwnRound(AgencyPage(Editors)),
        ["/agencies/{agencyId:int}"] = AgencyPage(CanViewPlan),
        // The own agency has an active lead, so only the lead may change its details (a partnership may not).
        ["/agencies/{agencyId:int}/edit"] = AgencyPage(Actor.LeadOwnAgency),
        ["/partnerships/{partnershipId:int}/agencies/{agencyId:int}/remove"] = PartnershipAdmin,
        ["/agencies/{agencyId:int}/people"] = AgencyLead(orPlatform: false),
        ["/agencies/{agencyId:int}/people/invite"] = AgencyLead(orPlatform: false),
        ["/agencies/{agencyId:int}/people/{roleId:int}/remove"] = AgencyLead(orPlatform: false),
        ["/agencies/{agencyId:int}/membership-requests"] = AgencyLead(orPlatform: true),
        ["/agencies/{agencyId:int}/membership-requests/{requestId:int}"] = AgencyLead(orPlatform: true),
        ["/agencies/{agencyId:int}/return-requests/{receiptId:int}"] = AgencyLead(orPlatform: false),
    };

    /// <summary>Pages that change something: a person who may not use them is refused the same way when they post.</summary>
    private static readonly HashSet<string> Writes =
    [
        "/partnerships/new", "/accounts/{userId}/deactivate", "/accounts/{userId}/reactivate", "/partnerships/{partnershipId:int}/agencies/new", "/partnerships/{partnershipId:int}/people/invite",
        "/partnerships/{partnershipId:int}/rounds/new", "/partnerships/{partnershipId:int}/rounds/{roundId:int}/launch",
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/close", "/partnerships/{partnershipId:int}/rounds/{roundId:int}/repeat",
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/add-agencies",
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/local-items",
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/returns/{returnId:int}/extend",
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/returns/{returnId:int}/return-for-changes",
        "/partnerships/{partnershipId:int}/api-tokens/new", "/partnerships/{partnershipId:int}/api-tokens/{tokenId:int}/revoke",
        "/returns/{returnId:int}/standards/{number:int}",
        "/returns/{returnId:int}/sign-off", "/returns/{returnId:int}/assignments", "/returns/{returnId:int}/reviews/{receiptId:int}",
        "/agencies/{agencyId:int}/edit", "/partnerships/{partnershipId:int}/agencies/{agencyId:int}/remove",
        "/agencies/{agencyId:int}/action-plan/from-return/{returnId:int}", "/agencies/{agencyId:int}/action-plan/areas/{areaId:int}/actions/new",
        "/agencies/{agencyId:int}/action-plan/actions/{actionId:int}", "/agencies/{agencyId:int}/action-plan/actions/{actionId:int}/monitoring/new",
        "/agencies/{agencyId:int}/action-plan/areas/new", "/agencies/{agencyId:int}/action-plan/areas/{areaId:int}",
        "/agencies/{agencyId:int}/action-plan/areas/{areaId:int}/delete", "/agencies/{agencyId:int}/action-plan/actions/{actionId:int}/delete",
        "/agencies/{agencyId:int}/people/invite", "/agencies/{agencyId:int}/people/{roleId:int}/remove",
        "/agencies/{agencyId:int}/membership-requests/{requestId:int}", "/partnerships/{partnershipId:int}/people/{roleId:int}/remove",
        "/account/roles/{grantId:int}", "/agencies/{agencyId:int}/return-requests/{receiptId:int}",
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/chase", "/partnerships/{partnershipId:int}/rounds/{roundId:int}/chase/preview",
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}/reviewers",
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/reviews/{receiptId:int}/standards/{number:int}",
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/panels/new",
        "/partnerships/{partnershipId:int}/rounds/{roundId:int}/panels/{panelId:int}/agencies/{receiptId:int}",
    ];

    [Fact]
    public void Every_endpoint_of_the_running_application_has_an_entry()
    {
        var routes = scenario.Routes();
        var missing = routes.Where(r => !Matrix.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, $"Endpoints with no entry in the authorization matrix: {string.Join(", ", missing)}");
        var stale = Matrix.Keys.Where(k => !routes.Contains(k)).ToList();
        Assert.True(stale.Count == 0, $"Matrix entries for endpoints that no longer exist: {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task Every_endpoint_answers_every_actor_as_the_matrix_says()
    {
        var failures = new List<string>();
        foreach (var actor in Enum.GetValues<Actor>())
        {
            using var client = await scenario.ClientForAsync(actor);
            var token = actor == Actor.Anonymous ? null : (await client.GetAsync("/account")).Document
                .QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
            foreach (var route in scenario.Routes().Where(Matrix.ContainsKey).Order(StringComparer.Ordinal))
            {
                var url = scenario.Fill(route);
                var expected = Matrix[route](actor);
                var response = await client.GetAsync(url);
                var got = Classify(route, response);
                if (got != expected)
                {
                    failures.Add($"GET {url} as {actor}: expected {expected}, got {got}");
                }

                failures.AddRange(MissingSecurityHeaders(response).Select(h => $"GET {url} as {actor}: {h}"));

                var postExpected = (PostMatrix.TryGetValue(route, out var post) ? post : Matrix[route])(actor);
                if (Writes.Contains(route) && postExpected != Outcome.Allowed)
                {
                    var posted = Classify(route, await client.PostAsync(url, token is null ? [] : [new("__RequestVerificationToken", token)]));
                    if (posted != postExpected)
                    {
                        failures.Add($"POST {url} as {actor}: expected {postExpected}, got {posted}");
                    }
                }
            }
        }

        foreach (var f in failures)
        {
            output.WriteLine(f);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} authorization mismatches:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public void Every_handler_that_needs_more_than_its_page_has_an_entry()
    {
        var guarded = typeof(Section11.Web.Links).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel)))
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes(typeof(Section11.Web.Infrastructure.RequiresAttribute), false).Length > 0
                // A page's own post (OnPostAsync) that needs more is in PostMatrix; a named handler is here.
                || (m.Name != "OnPostAsync" && (m.GetCustomAttributes(typeof(Section11.Web.Infrastructure.ModeratesReceiptAttribute), false).Length > 0
                    || m.GetCustomAttributes(typeof(Section11.Web.Infrastructure.AdministersPartnershipAttribute), false).Length > 0)))
            .Select(m => m.Name.Replace("OnPost", "", StringComparison.Ordinal).Replace("Async", "", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(HandlerMatrix.Keys.Select(k => k.Handler).Order(StringComparer.Ordinal), guarded);
    }

    [Fact]
    public async Task Every_guarded_handler_refuses_whoever_the_matrix_refuses()
    {
        var failures = new List<string>();
        foreach (var actor in Enum.GetValues<Actor>())
        {
            using var client = await scenario.ClientForAsync(actor);
            var token = actor == Actor.Anonymous ? null : (await client.GetAsync("/account")).Document
                .QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
            foreach (var ((route, handler), outcome) in HandlerMatrix)
            {
                var expected = outcome(actor);
                if (expected == Outcome.Allowed)
                {
                    continue;
                }

                var url = $"{scenario.Fill(route)}?handler={handler}";
                var posted = Classify(route, await client.PostAsync(url, token is null ? [] : [new("__RequestVerificationToken", token)]));
                if (posted != expected)
                {
                    failures.Add($"POST {url} as {actor}: expected {expected}, got {posted}");
                }
            }
        }

        foreach (var f in failures)
        {
            output.WriteLine(f);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} authorization mismatches:\n{string.Join("\n", failures)}");
    }

    /// <summary>Every response, whatever its status, carries the security headers.</summary>
    private static IEnumerable<string> MissingSecurityHeaders(HtmlClient.Page page)
    {
        var headers = page.Response.Headers;
        string? One(string name) => headers.TryGetValues(name, out var v) ? string.Join(",", v) : null;
        var csp = One("Content-Security-Policy");
        if (csp is null || csp.Contains("unsafe-inline", StringComparison.Ordinal) || !csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal))
        {
            yield return $"Content-Security-Policy is \"{csp}\"";
        }

        if (One("X-Content-Type-Options") != "nosniff")
        {
            yield return "no X-Content-Type-Options: nosniff";
        }

        if (One("Referrer-Policy") is null)
        {
            yield return "no Referrer-Policy";
        }

        if (One("Strict-Transport-Security") is null)
        {
            yield return "no Strict-Transport-Security";
        }
    }

    private static Outcome Classify(string route, HtmlClient.Page page) => page.Status switch
    {
        HttpStatusCode.Redirect or HttpStatusCode.Found when page.Location?.Contains("/sign-in", StringComparison.Ordinal) == true
            && !route.StartsWith("/sign-in", StringComparison.Ordinal) => Outcome.SignIn,
        HttpStatusCode.Forbidden => Outcome.Forbidden,
        HttpStatusCode.Unauthorized => Outcome.Unauthorized,
        HttpStatusCode.NotFound when route != "/errors/{code:int}" => Outcome.NotFound,
        _ when (int)page.Status >= 500 => throw new InvalidOperationException($"{route} failed with {page.Status}"),
        _ => Outcome.Allowed,
    };
}
