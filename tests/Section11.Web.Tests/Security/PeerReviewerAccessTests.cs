using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Review;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Security;

/// <summary>
/// What a peer-agency reviewer reaches (docs/review.md, "Peer-agency reviewers"): the lead of agency B, peer reviewer
/// of round one, assigned to agency A's receipt in it (and, to prove the round scoping, to A's receipt in round two,
/// where they are no peer reviewer). Everything else of the partnership is 404; writes on the return are refused;
/// their own agency's return cannot be assigned to them; removal and the round's closing end it.
/// </summary>
[Trait("Category", "Review")]
[Trait("Category", "Security")]
public sealed class PeerReviewerAccessTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private sealed record World(int PartnershipId, int RoundOne, int RoundTwo, int ReceiptA1, int ReceiptB1, int ReceiptC1, int ReceiptA2,
        int ReturnA1, int ReturnC1, int ReturnA2, int PeerId, Section11Factory.Person Peer, Section11Factory.Person Admin, Section11Factory.Person LeadC);

    private async Task<World> SetUpAsync()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Reviewed agency", "Peer agency", "Other agency");
        var (a, b, c) = (p.AgencyIds[0], p.AgencyIds[1], p.AgencyIds[2]);
        var catalog = new FrameworkCatalog();
        var one = await LaunchAsync(db, catalog, p.PartnershipId, "primary-care-2014", [a, b, c]);
        var two = await LaunchAsync(db, catalog, p.PartnershipId, "masa-2018", [a]);
        var receipts = await db.Receipts.Where(x => x.RoundId == one || x.RoundId == two).Select(x => new { x.Id, x.RoundId, x.AgencyId, x.ReturnId }).ToListAsync();
        var (a1, b1, c1, a2) = (receipts.Single(x => x.RoundId == one && x.AgencyId == a), receipts.Single(x => x.RoundId == one && x.AgencyId == b),
            receipts.Single(x => x.RoundId == one && x.AgencyId == c), receipts.Single(x => x.RoundId == two));
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: p.PartnershipId, name: "Ada Admin");
        var peer = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: b, name: "Pat Peer");
        var leadC = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: c, name: "Cal Lead");
        var place = new PeerReviewer { RoundId = one, UserId = peer.UserId, AgencyId = b, InvitedById = admin.UserId, InvitedAt = DateTime.UtcNow, AcceptedAt = DateTime.UtcNow };
        db.PeerReviewers.Add(place);
        db.ReviewAssignments.AddRange(
            new ReviewAssignment { ReceiptId = a1.Id, UserId = peer.UserId, AssignedById = admin.UserId, AssignedAt = DateTime.UtcNow },
            new ReviewAssignment { ReceiptId = a2.Id, UserId = peer.UserId, AssignedById = admin.UserId, AssignedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return new(p.PartnershipId, one, two, a1.Id, b1.Id, c1.Id, a2.Id, a1.ReturnId!.Value, c1.ReturnId!.Value, a2.ReturnId!.Value, place.Id, peer, admin, leadC);
    }

    private static async Task<int> LaunchAsync(Section11.Core.Data.Section11DbContext db, FrameworkCatalog catalog, int partnershipId, string framework, int[] agencies)
    {
        var version = await db.FrameworkVersions.Where(f => f.FrameworkKey == framework).OrderByDescending(f => f.Id).FirstAsync();
        var round = new Round
        {
            PartnershipId = partnershipId, FrameworkVersionId = version.Id, Title = $"Peer round {framework}",
            OpensOn = new DateOnly(2026, 1, 1), DueOn = new DateOnly(2030, 1, 1), CreatedAt = DateTime.UtcNow,
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        Assert.Empty(await new RoundService(db, catalog, TimeProvider.System).LaunchAsync(round.Id, agencies, "peer-test"));
        return round.Id;
    }

    /// <summary>The matrix: each page the peer reviewer might try, and what they get.</summary>
    private static IEnumerable<(string Url, HttpStatusCode Expected)> Matrix(World w)
    {
        var (p, one, two) = (w.PartnershipId, w.RoundOne, w.RoundTwo);
        return
        [
            (Links.Review(p, one, w.ReceiptA1), HttpStatusCode.OK),
            (Links.ReviewStandard(p, one, w.ReceiptA1, 1), HttpStatusCode.OK),
            (Links.ViewReturn(w.ReturnA1), HttpStatusCode.OK),
            // Not assigned: another agency's receipt, and their own agency's.
            (Links.Review(p, one, w.ReceiptC1), HttpStatusCode.NotFound),
            (Links.Review(p, one, w.ReceiptB1), HttpStatusCode.NotFound),
            (Links.ViewReturn(w.ReturnC1), HttpStatusCode.NotFound),
            // Another round, even with an assignment there: they are a peer reviewer of round one only.
            (Links.Review(p, two, w.ReceiptA2), HttpStatusCode.NotFound),
            (Links.ReviewStandard(p, two, w.ReceiptA2, 1), HttpStatusCode.NotFound),
            (Links.ViewReturn(w.ReturnA2), HttpStatusCode.NotFound),
            (Links.Round(p, two), HttpStatusCode.NotFound),
            // The receipt under another round's address.
            (Links.Review(p, two, w.ReceiptA1), HttpStatusCode.NotFound),
            // Nothing else of the partnership: the tracker, dashboard, the partnership, choosing reviewers, peer reviewers.
            (Links.Round(p, one), HttpStatusCode.NotFound),
            (Links.RoundDashboard(p, one), HttpStatusCode.NotFound),
            (Links.Partnership(p), HttpStatusCode.NotFound),
            (Links.ReviewReviewers(p, one, w.ReceiptA1), HttpStatusCode.NotFound),
            (Links.PeerReviewers(p, one), HttpStatusCode.NotFound),
            // Nothing else of the return: its overview, a standard's form, the history, the report.
            (Links.Return(w.ReturnA1), HttpStatusCode.NotFound),
            (Links.Standard(w.ReturnA1, 1), HttpStatusCode.NotFound),
            (Links.ReturnHistory(w.ReturnA1), HttpStatusCode.NotFound),
            (Links.ReturnReport(w.ReturnA1), HttpStatusCode.NotFound),
        ];
    }

    private async Task<HtmlClient> SignedInAsync(Section11Factory.Person person)
    {
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(person.Email);
        return client;
    }

    private static async Task<string> TokenAsync(HtmlClient client) =>
        (await client.GetAsync("/account")).Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

    [Fact]
    public async Task A_peer_reviewer_reaches_the_reviews_assigned_to_them_in_their_round_and_nothing_else()
    {
        var w = await SetUpAsync();
        using var peer = await SignedInAsync(w.Peer);

        var failures = new List<string>();
        foreach (var (url, expected) in Matrix(w))
        {
            var got = (await peer.GetAsync(url)).Status;
            if (got != expected)
            {
                failures.Add($"GET {url}: expected {expected}, got {got}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Writes on the return are refused, though they can read it.
        var token = await TokenAsync(peer);
        Assert.Equal(HttpStatusCode.Forbidden, (await peer.PostAsync($"{Links.ViewReturn(w.ReturnA1)}?handler=Withdraw", [new("__RequestVerificationToken", token)])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await peer.PostAsync(Links.Standard(w.ReturnA1, 1), [new("__RequestVerificationToken", token)])).Status);
        // Reopening is an administrator's.
        Assert.Equal(HttpStatusCode.Forbidden, (await peer.PostAsync(Links.ReviewHandler(w.PartnershipId, w.RoundOne, w.ReceiptA1, "Reopen"), [new("__RequestVerificationToken", token)])).Status);

        // Their home page: "Returns to review" for round one, the assigned review only.
        var home = await peer.GetAsync("/");
        Assert.Equal("Returns to review", home.Document.QuerySelector($"#peer-round-{w.RoundOne}-title")!.ChildNodes.Last().TextContent.Trim());
        Assert.Equal([Links.Review(w.PartnershipId, w.RoundOne, w.ReceiptA1)],
            home.Document.QuerySelectorAll($"#peer-round-{w.RoundOne} .app-home-reviews a").Select(a => a.GetAttribute("href")));
        Assert.Null(home.Document.QuerySelector($"#peer-round-{w.RoundTwo}"));
        // The review page takes them back home, never to the tracker they cannot open.
        var review = await peer.GetAsync(Links.Review(w.PartnershipId, w.RoundOne, w.ReceiptA1));
        Assert.Equal("/", review.Document.QuerySelector(".govuk-back-link")!.GetAttribute("href"));
        Assert.Null(review.Document.QuerySelector("#change-reviewers"));
    }

    [Fact]
    public async Task An_agency_lead_never_sees_another_agencys_review_and_a_peer_reviewer_is_refused_their_own_agencys_return()
    {
        var w = await SetUpAsync();
        using var leadC = await SignedInAsync(w.LeadC);
        Assert.Equal(HttpStatusCode.NotFound, (await leadC.GetAsync(Links.Review(w.PartnershipId, w.RoundOne, w.ReceiptA1))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await leadC.GetAsync(Links.Review(w.PartnershipId, w.RoundOne, w.ReceiptC1))).Status);

        using var admin = await SignedInAsync(w.Admin);
        var page = await admin.GetAsync(Links.ReviewReviewers(w.PartnershipId, w.RoundOne, w.ReceiptB1));
        Assert.Contains(page.Document.QuerySelectorAll(".govuk-checkboxes__label"), l => l.TextContent.Contains("Pat Peer", StringComparison.Ordinal)
            && l.TextContent.Contains("peer reviewer from Peer agency", StringComparison.Ordinal));
        var refused = await admin.SubmitAsync(page, new Dictionary<string, string?> { ["UserIds"] = w.Peer.UserId });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Pat Peer is of Peer agency", refused.Text(".govuk-error-summary"), StringComparison.Ordinal);
        Assert.Contains("so cannot review", refused.Text(".govuk-error-summary"), StringComparison.Ordinal);
        await using var db = factory.Database.CreateContext();
        Assert.False(await db.ReviewAssignments.AnyAsync(a => a.ReceiptId == w.ReceiptB1));
    }

    [Fact]
    public async Task Closing_the_round_or_removing_the_peer_reviewer_ends_their_access()
    {
        var w = await SetUpAsync();
        using var peer = await SignedInAsync(w.Peer);
        var review = Links.Review(w.PartnershipId, w.RoundOne, w.ReceiptA1);
        Assert.Equal(HttpStatusCode.OK, (await peer.GetAsync(review)).Status);

        await using (var db = factory.Database.CreateContext())
        {
            await db.Rounds.Where(r => r.Id == w.RoundOne).ExecuteUpdateAsync(x => x.SetProperty(r => r.ClosedAt, DateTime.UtcNow));
            Assert.Equal(HttpStatusCode.NotFound, (await peer.GetAsync(review)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await peer.GetAsync(Links.ViewReturn(w.ReturnA1))).Status);
            // Opened again for the rest of the test (a round does not reopen in the service).
            await db.Rounds.Where(r => r.Id == w.RoundOne).ExecuteUpdateAsync(x => x.SetProperty(r => r.ClosedAt, (DateTime?)null));
        }

        Assert.Equal(HttpStatusCode.OK, (await peer.GetAsync(review)).Status);
        using var admin = await SignedInAsync(w.Admin);
        var confirm = await admin.GetAsync(Links.RemovePeerReviewer(w.PartnershipId, w.RoundOne, w.PeerId));
        var removed = await admin.FollowAsync(await admin.SubmitAsync(confirm, new Dictionary<string, string?>()));
        Assert.Equal("The peer reviewer has been removed", removed.Text("#confirmation"));

        Assert.Equal(HttpStatusCode.NotFound, (await peer.GetAsync(review)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await peer.GetAsync(Links.ViewReturn(w.ReturnA1))).Status);
        Assert.Null((await peer.GetAsync("/")).Document.QuerySelector($"#peer-round-{w.RoundOne}"));
    }
}
