using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Review;

/// <summary>A reviewer, or a candidate to be one; a peer reviewer names the agency they come from.</summary>
public sealed record Reviewer(string UserId, string Name, string Email, int? PeerAgencyId = null, string? PeerAgency = null)
{
    public bool IsPeer => PeerAgencyId is not null;
}

/// <summary>One receipt's review as its review page shows it.</summary>
public sealed record ReceiptReview(
    int ReceiptId, int RoundId, string RoundTitle, int PartnershipId, int AgencyId, string AgencyName, int? ReturnId, ReturnStatus? ReturnStatus,
    ReviewState State, IReadOnlyList<Reviewer> Reviewers)
{
    public bool IsSubmitted => ReturnStatus == ReturnLifecycle.CountingStatus;

    public bool Allows(ReviewAction action) => ReviewLifecycle.Allows(State, ReturnStatus, action);

    public bool IsAssigned(string userId) => Reviewers.Any(r => r.UserId == userId);

    /// <summary>For the page's buttons; the same rule as <see cref="ReviewService.MayModerateAsync"/>, which the access filter asks.</summary>
    public bool MayModerate(string userId, bool administers) => administers || IsAssigned(userId);
}

/// <summary>A standard on the review page: how many of its items (and its evaluation) have a moderated rating.</summary>
public sealed record ReviewStandard(int Number, string Title, int Items, int Moderated, bool EvaluationModerated);

/// <summary>The review page: the review and the return's standards, each a page to moderate.</summary>
public sealed record ReviewPage(ReceiptReview Review, IReadOnlyList<ReviewStandard> Standards);

/// <summary>The reviewers page: the receipt's review and the people who could review it.</summary>
public sealed record ReviewerChoice(ReceiptReview Review, IReadOnlyList<Reviewer> Candidates);

/// <summary>A partnership's review of the returns it received: who reviews each, and the review's state.</summary>
public sealed class ReviewService(Section11DbContext db, Frameworks.FrameworkCatalog catalog, TimeProvider time)
{
    /// <summary>The roles whose holders in a partnership can be asked to review its receipts.</summary>
    public static readonly IReadOnlyList<Role> ReviewerRoles = [Role.PartnershipReviewer, Role.PartnershipAdministrator];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<ReceiptReview?> GetAsync(int receiptId, CancellationToken ct = default)
    {
        var receipt = await db.Receipts.AsNoTracking().Where(x => x.Id == receiptId)
            .Select(x => new
            {
                x.Id, x.RoundId, x.Round.Title, x.Round.PartnershipId, x.AgencyId, AgencyName = x.Agency.Name, x.ReturnId,
                Status = x.Return == null ? (ReturnStatus?)null : x.Return.Status, x.ReviewState,
            })
            .SingleOrDefaultAsync(ct);
        if (receipt is null)
        {
            return null;
        }

        var reviewers = await (from a in db.ReviewAssignments
                               join u in db.Users on a.UserId equals u.Id
                               where a.ReceiptId == receiptId
                               orderby u.DisplayName, u.Email
                               select new Reviewer(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(ct);
        return new(receipt.Id, receipt.RoundId, receipt.Title, receipt.PartnershipId, receipt.AgencyId, receipt.AgencyName, receipt.ReturnId, receipt.Status,
            receipt.ReviewState, reviewers);
    }

    /// <summary>The review with the round's standards and what has been moderated in each, in two statements after the review's.</summary>
    public async Task<ReviewPage?> GetPageAsync(int receiptId, CancellationToken ct = default)
    {
        if (await GetAsync(receiptId, ct) is not { } review)
        {
            return null;
        }

        var framework = await catalog.GetForRoundAsync(db, review.RoundId, ct);
        var moderated = await db.ModeratedRatings.AsNoTracking().Where(m => m.ReceiptId == receiptId).Select(m => new { m.StandardId, m.ItemId }).ToListAsync(ct);
        return new(review, [.. framework.Standards.Select(s => new ReviewStandard(s.Number, s.Title, s.Items.Count,
            moderated.Count(m => m.StandardId == s.Id && m.ItemId != null), moderated.Any(m => m.StandardId == s.Id && m.ItemId == null)))]);
    }

    public async Task<ReviewerChoice?> GetReviewerChoiceAsync(int receiptId, CancellationToken ct = default) =>
        await GetAsync(receiptId, ct) is { } review ? new(review, await GetCandidatesAsync(review.PartnershipId, review.RoundId, ct)) : null;

    /// <summary>
    /// The people who can be asked to review the partnership's receipts: its reviewers and administrators, and, for a
    /// round, the peer reviewers who accepted to review in it (docs/review.md, "Peer-agency reviewers").
    /// </summary>
    public async Task<IReadOnlyList<Reviewer>> GetCandidatesAsync(int partnershipId, int? roundId = null, CancellationToken ct = default)
    {
        var own = await (from u in db.Users
                         where db.RoleAssignments.Any(r => r.UserId == u.Id && r.PartnershipId == partnershipId && ReviewerRoles.Contains(r.Role))
                         orderby u.DisplayName, u.Email
                         select new Reviewer(u.Id, u.DisplayName, u.Email ?? "", null, null)).ToListAsync(ct);
        var peers = roundId is null ? [] : await (from p in db.PeerReviewers
                                                  join u in db.Users on p.UserId equals u.Id
                                                  where p.RoundId == roundId && p.AcceptedAt != null
                                                  orderby u.DisplayName, u.Email
                                                  select new Reviewer(u.Id, u.DisplayName, u.Email ?? "", p.AgencyId, p.Agency.Name)).ToListAsync(ct);
        return [.. own, .. peers.Where(p => own.All(o => o.UserId != p.UserId))];
    }

    /// <summary>
    /// Whether the person may moderate the receipt: an administrator of its partnership (or a platform administrator),
    /// or a reviewer assigned to it. A reviewer of the partnership who is not assigned can read the review, not change it.
    /// </summary>
    public Task<bool> MayModerateAsync(int receiptId, string userId, CancellationToken ct = default) =>
        db.Receipts.AnyAsync(x => x.Id == receiptId
            && (db.ReviewAssignments.Any(a => a.ReceiptId == x.Id && a.UserId == userId)
                || db.RoleAssignments.Any(r => r.UserId == userId && (r.Role == Role.PlatformAdministrator
                    || (r.Role == Role.PartnershipAdministrator && r.PartnershipId == x.Round.PartnershipId)))), ct);

    /// <summary>Whether a peer-agency reviewer may open this receipt's review: <see cref="PeerReviewerRules.Reachable"/>.</summary>
    public Task<bool> MayPeerReviewAsync(int receiptId, string userId, CancellationToken ct = default) =>
        PeerReviewerRules.Reachable(db, userId).AnyAsync(x => x.Id == receiptId, ct);

    /// <summary>The partnerships for which this person reviews the return as a peer reviewer (none: they may not read it).</summary>
    public async Task<IReadOnlyList<int>> PeerReviewedPartnershipsAsync(int returnId, string userId, CancellationToken ct = default) =>
        await PeerReviewerRules.Reachable(db, userId).Where(x => x.ReturnId == returnId).Select(x => x.Round.PartnershipId).Distinct().ToListAsync(ct);

    /// <summary>
    /// Makes the receipt's reviewers exactly <paramref name="userIds"/> (assigning the new, unassigning the rest), each
    /// change in the change log. Everyone chosen must be a reviewer or administrator of the receipt's partnership.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> AssignAsync(int receiptId, IReadOnlyCollection<string> userIds, string userId, CancellationToken ct = default)
    {
        var receipt = await db.Receipts.Include(x => x.Round).Include(x => x.Reviewers).SingleAsync(x => x.Id == receiptId, ct);
        var chosen = userIds.Distinct().ToList();
        var candidates = (await GetCandidatesAsync(receipt.Round.PartnershipId, receipt.RoundId, ct)).ToDictionary(c => c.UserId);
        if (chosen.Any(id => !candidates.ContainsKey(id)))
        {
            return [new("UserIds", "Select reviewers from the people who review for this partnership")];
        }

        // A peer reviewer never reviews their own agency's return: the agency they review for, or any they hold a role in.
        var peers = chosen.Where(id => candidates[id].IsPeer).ToList();
        var inAgency = peers.Count == 0 ? [] : await db.RoleAssignments.Where(r => peers.Contains(r.UserId) && r.AgencyId == receipt.AgencyId)
            .Select(r => r.UserId).ToListAsync(ct);
        var agencyName = peers.Count == 0 ? "" : await db.Agencies.Where(a => a.Id == receipt.AgencyId).Select(a => a.Name).SingleAsync(ct);
        var own = peers.Select(id => PeerReviewerRules.RefuseOwnAgency(candidates[id].Name, agencyName,
            candidates[id].PeerAgencyId == receipt.AgencyId || inAgency.Contains(id))).OfType<string>().ToList();
        if (own.Count > 0)
        {
            return [.. own.Select(m => new FieldError("UserIds", m))];
        }

        var actor = new Actor(userId, Now);
        foreach (var gone in receipt.Reviewers.Where(a => !chosen.Contains(a.UserId)).ToList())
        {
            receipt.Reviewers.Remove(gone);
            db.ReviewAssignments.Remove(gone);
            db.ChangeLog.Add(receipt.ReviewChange(actor, "Reviewer", gone.UserId, null));
        }

        foreach (var added in chosen.Where(id => receipt.Reviewers.All(a => a.UserId != id)))
        {
            receipt.Reviewers.Add(new ReviewAssignment { UserId = added, AssignedAt = actor.At, AssignedById = userId });
            db.ChangeLog.Add(receipt.ReviewChange(actor, "Reviewer", null, added));
        }

        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Moves the receipt's review on (start, finish, reopen …); refused unless the lifecycle allows it.</summary>
    public async Task<IReadOnlyList<FieldError>> ActAsync(int receiptId, ReviewAction action, string userId, CancellationToken ct = default)
    {
        if (action is ReviewAction.SendToAgency or ReviewAction.AgencyAnswered)
        {
            // These carry the notes and their emails with them: ReviewNoteService performs them.
            throw new ArgumentOutOfRangeException(nameof(action), action, "Sent through ReviewNoteService.");
        }

        var receipt = await db.Receipts.Include(x => x.Return).SingleAsync(x => x.Id == receiptId, ct);
        var log = new List<ChangeLogEntry>();
        if (receipt.Review(action, new Actor(userId, Now), log) is { } refused)
        {
            return [new("", refused)];
        }

        db.ChangeLog.AddRange(log);
        if (action == ReviewAction.Finish)
        {
            await Notifications.NotificationOutbox.ModerationFinishedAsync(db, receipt, Now, ct);
        }

        await db.SaveChangesAsync(ct);
        return [];
    }
}
