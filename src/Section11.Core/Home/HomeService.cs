using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Rounds;

namespace Section11.Core.Home;

/// <summary>Everything waiting for one person, by organisation: what their home page shows.</summary>
public sealed record HomeView(IReadOnlyList<HomeAgency> Agencies, IReadOnlyList<HomePartnership> Partnerships, IReadOnlyList<HomeRequest> Requests,
    IReadOnlyList<PeerReviewRound>? PeerRounds = null)
{
    /// <summary>Rounds this person reviews in as a peer-agency reviewer, with the returns assigned to them.</summary>
    public IReadOnlyList<PeerReviewRound> PeerReviews => PeerRounds ?? [];

    public bool IsEmpty => Agencies.Count == 0 && Partnerships.Count == 0 && Requests.Count == 0 && PeerReviews.Count == 0;
}

/// <summary>An agency the person holds a role in, with its returns (soonest due first).</summary>
public sealed record HomeAgency(int Id, string Name, IReadOnlyList<Role> Roles, IReadOnlyList<HomeReturn> Returns)
{
    public bool IsLead => Roles.Contains(Role.AgencyLead);

    /// <summary>Returns sent for sign-off that this person, a senior signatory of the agency, is to sign.</summary>
    public IReadOnlyList<HomeReturn> AwaitingMySignOff => Roles.Contains(Role.SeniorSignatory)
        ? [.. Returns.Where(r => ReturnLifecycle.Allows(r.Status, ReturnAction.Withdraw, r.IsLocked))] // sent for sign-off: the one status it can be withdrawn from
        : [];
}

/// <summary>One of the agency's returns: the rounds it goes to, the soonest return-by date, status and last activity.</summary>
public sealed record HomeReturn(int Id, string RoundTitle, string FrameworkTitle, DateOnly DueOn, ReturnStatus Status, DateTime? LastActivityAt,
    IReadOnlyList<string> Partnerships, bool IsLocked);

/// <summary>A partnership the person administers or reviews: its open rounds and the reviews assigned to this person.</summary>
public sealed record HomePartnership(int Id, string Name, IReadOnlyList<Role> Roles, IReadOnlyList<HomeRound> OpenRounds, IReadOnlyList<HomeReview> Reviews);

/// <summary>A launched round not yet closed, with the figures of its tracker.</summary>
public sealed record HomeRound(int Id, string Title, DateOnly DueOn, int Agencies, int Submitted, int Overdue);

/// <summary>A receipt this person was asked to review, not yet moderated.</summary>
public sealed record HomeReview(int ReceiptId, int RoundId, string RoundTitle, string AgencyName, ReviewState State);

/// <summary>A partnership asking an agency this person leads for a return (share one or start another).</summary>
public sealed record HomeRequest(int ReceiptId, int AgencyId, string AgencyName, string PartnershipName, DateOnly DueOn);

/// <summary>
/// The home page's one load: a fixed number of statements whatever the person holds (roles, returns, requests,
/// open rounds, reviews), so a person in many organisations does not cost a query each.
/// </summary>
public sealed class HomeService(Section11DbContext db, TimeProvider time, PeerReviewerService peers)
{
    public async Task<HomeView> GetHomeAsync(string userId, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == userId && r.Role != Role.PlatformAdministrator)
            .Select(r => new
            {
                r.Role, r.AgencyId, r.PartnershipId,
                Agency = db.Agencies.Where(a => a.Id == r.AgencyId).Select(a => a.Name).FirstOrDefault(),
                Partnership = db.Partnerships.Where(p => p.Id == r.PartnershipId).Select(p => p.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var agencyIds = roles.Where(r => r.AgencyId is not null && RoleAssignment.AgencyRoles.Contains(r.Role)).Select(r => r.AgencyId!.Value).Distinct().ToList();
        var partnershipIds = roles.Where(r => r.PartnershipId is not null).Select(r => r.PartnershipId!.Value).Distinct().ToList();
        var ledIds = roles.Where(r => r.Role == Role.AgencyLead && r.AgencyId is not null).Select(r => r.AgencyId!.Value).ToList();

        var returns = agencyIds.Count == 0 ? [] : await db.Returns.AsNoTracking()
            .Where(r => agencyIds.Contains(r.AgencyId))
            .Select(r => new
            {
                r.Id, r.AgencyId, Framework = r.FrameworkVersion.Title, r.Status, r.LastActivityAt,
                Receipts = r.Receipts.OrderBy(x => x.DueOn).Select(x => new { x.Round.Title, x.DueOn, Partnership = x.Round.Partnership.Name, Closed = x.Round.ClosedAt != null }).ToList(),
            })
            .ToListAsync(ct);

        var requests = ledIds.Count == 0 ? [] : await db.Receipts.AsNoTracking()
            .Where(x => x.ReturnId == null && x.Round.ClosedAt == null && ledIds.Contains(x.AgencyId))
            .OrderBy(x => x.DueOn).ThenBy(x => x.Id)
            .Select(x => new HomeRequest(x.Id, x.AgencyId, x.Agency.Name, x.Round.Partnership.Name, x.DueOn))
            .ToListAsync(ct);

        var rounds = partnershipIds.Count == 0 ? [] : await db.Rounds.AsNoTracking()
            .Where(r => partnershipIds.Contains(r.PartnershipId) && r.LaunchedAt != null && r.ClosedAt == null)
            .OrderBy(r => r.DueOn).ThenBy(r => r.Id)
            .Select(r => new
            {
                r.Id, r.PartnershipId, r.Title, r.DueOn,
                Receipts = db.Receipts.Where(x => x.RoundId == r.Id)
                    .Select(x => new { Status = x.Return == null ? (ReturnStatus?)null : x.Return.Status, x.Return!.LastActivityAt, x.DueOn, Returned = x.ReturnedReason != null })
                    .ToList(),
            })
            .ToListAsync(ct);

        var reviews = partnershipIds.Count == 0 ? [] : await db.ReviewAssignments.AsNoTracking()
            .Where(a => a.UserId == userId && partnershipIds.Contains(a.Receipt.Round.PartnershipId) && a.Receipt.Round.ClosedAt == null
                && a.Receipt.ReviewState != ReviewState.Moderated)
            .OrderBy(a => a.Receipt.Agency.Name).ThenBy(a => a.ReceiptId)
            .Select(a => new { a.Receipt.Round.PartnershipId, Review = new HomeReview(a.ReceiptId, a.Receipt.RoundId, a.Receipt.Round.Title, a.Receipt.Agency.Name, a.Receipt.ReviewState) })
            .ToListAsync(ct);

        var agencies = roles.Where(r => r.AgencyId is not null && agencyIds.Contains(r.AgencyId.Value))
            .GroupBy(r => (Id: r.AgencyId!.Value, Name: r.Agency ?? ""))
            .OrderBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new HomeAgency(g.Key.Id, g.Key.Name, [.. g.Select(r => r.Role).Distinct().Order()],
                [.. returns.Where(r => r.AgencyId == g.Key.Id && r.Receipts.Count > 0)
                    .Select(r => new HomeReturn(r.Id, string.Join(" and ", r.Receipts.Select(x => x.Title).Distinct()), r.Framework, r.Receipts[0].DueOn,
                        r.Status, r.LastActivityAt, [.. r.Receipts.Select(x => x.Partnership).Distinct()], r.Receipts.All(x => x.Closed)))
                    .OrderBy(r => r.IsLocked).ThenBy(r => r.DueOn).ThenBy(r => r.Id)]))
            .ToList();

        var partnerships = roles.Where(r => r.PartnershipId is not null)
            .GroupBy(r => (Id: r.PartnershipId!.Value, Name: r.Partnership ?? ""))
            .OrderBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new HomePartnership(g.Key.Id, g.Key.Name, [.. g.Select(r => r.Role).Distinct().Order()],
                [.. rounds.Where(r => r.PartnershipId == g.Key.Id).Select(r =>
                {
                    var statuses = r.Receipts.Select(x => RoundService.Track(x.Status, x.LastActivityAt, x.DueOn, x.Returned, today)).ToList();
                    return new HomeRound(r.Id, r.Title, r.DueOn, statuses.Count, statuses.Count(s => s == TrackerStatus.Submitted), statuses.Count(s => s == TrackerStatus.Overdue));
                })],
                [.. reviews.Where(r => r.PartnershipId == g.Key.Id).Select(r => r.Review)]))
            .ToList();

        return new HomeView(agencies, partnerships, requests, await peers.GetRoundsAsync(userId, ct));
    }
}
