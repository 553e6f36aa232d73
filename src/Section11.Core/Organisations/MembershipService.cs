using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Email;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Organisations;

public sealed record MembershipRequestView(
    int Id, int PartnershipId, string PartnershipName, int AgencyId, string AgencyName, string RequestedBy, DateTime RequestedAt,
    RequestOutcome Outcome, string? DecidedBy, DateTime? DecidedAt);

/// <summary>
/// Agencies join a further partnership only with their consent: a partnership's request waits for the agency's lead
/// (or, for an agency with no lead, a platform administrator) to accept or decline it.
/// </summary>
public sealed class MembershipService(Section11DbContext db, EmailSender email, TimeProvider time, IOptions<AccountOptions> options)
{
    /// <summary>Asks the agency to join the partnership, and emails its leads and the platform administrators.</summary>
    public async Task RequestAsync(int partnershipId, Agency agency, string userId, string? requestBase, CancellationToken ct = default)
    {
        var actor = new Actor(userId, time.GetUtcNow().UtcDateTime);
        var request = new MembershipRequest
        {
            PartnershipId = partnershipId, AgencyId = agency.Id, RequestedById = userId, RequestedAt = actor.At, Outcome = RequestOutcome.Pending,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.MembershipRequests.Add(request);
            await db.SaveChangesAsync(ct);
            db.Record(actor, nameof(MembershipRequest), request.Id, "Requested", null, $"partnership {partnershipId} asks agency {agency.Id} ({agency.Name}) to join");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        var partnership = await db.Partnerships.Where(p => p.Id == partnershipId).Select(p => p.Name).SingleAsync(ct);
        var requestedBy = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "An administrator";
        var deciders = await db.RoleAssignments.AsNoTracking()
            .Where(r => (r.Role == Role.AgencyLead && r.AgencyId == agency.Id) || r.Role == Role.PlatformAdministrator)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { u.Email, u.DisplayName })
            .Where(u => u.Email != null).Distinct().ToListAsync(ct);
        var link = $"{options.Value.LinkBase(requestBase)}/agencies/{agency.Id}/membership-requests/{request.Id}";
        foreach (var to in deciders)
        {
            await email.SendAsync(TenancyEmails.MembershipRequested(to.Email!, to.DisplayName, agency.Name, partnership, requestedBy, link), ct);
        }
    }

    private IQueryable<MembershipRequestView> Views(IQueryable<MembershipRequest> requests) =>
        requests.AsNoTracking().Select(r => new MembershipRequestView(r.Id, r.PartnershipId,
            db.Partnerships.Where(p => p.Id == r.PartnershipId).Select(p => p.Name).First(),
            r.AgencyId, db.Agencies.Where(a => a.Id == r.AgencyId).Select(a => a.Name).First(),
            db.Users.Where(u => u.Id == r.RequestedById).Select(u => u.DisplayName).FirstOrDefault() ?? "",
            r.RequestedAt, r.Outcome,
            db.Users.Where(u => u.Id == r.DecidedById).Select(u => u.DisplayName).FirstOrDefault(), r.DecidedAt));

    /// <summary>An agency's requests, waiting ones first, then the latest.</summary>
    public async Task<IReadOnlyList<MembershipRequestView>> GetForAgencyAsync(int agencyId, CancellationToken ct = default) =>
        (await Views(db.MembershipRequests.Where(r => r.AgencyId == agencyId)).ToListAsync(ct))
            .OrderBy(r => r.Outcome != RequestOutcome.Pending).ThenByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).ToList();

    /// <summary>A partnership's requests still waiting or declined: on its agencies page it sees their names and no more.</summary>
    public async Task<IReadOnlyList<MembershipRequestView>> GetForPartnershipAsync(int partnershipId, CancellationToken ct = default)
    {
        var members = db.PartnershipMemberships.Where(m => m.PartnershipId == partnershipId).Select(m => m.AgencyId);
        return (await Views(db.MembershipRequests.Where(r => r.PartnershipId == partnershipId && r.Outcome != RequestOutcome.Accepted && !members.Contains(r.AgencyId)))
                .ToListAsync(ct))
            .OrderBy(r => r.AgencyName, StringComparer.Ordinal).ThenByDescending(r => r.Id).DistinctBy(r => r.AgencyId).ToList();
    }

    public Task<MembershipRequestView?> GetAsync(int agencyId, int requestId, CancellationToken ct = default) =>
        Views(db.MembershipRequests.Where(r => r.Id == requestId && r.AgencyId == agencyId)).SingleOrDefaultAsync(ct);

    public Task<bool> IsPendingAsync(int partnershipId, int agencyId, CancellationToken ct = default) =>
        db.MembershipRequests.AnyAsync(r => r.PartnershipId == partnershipId && r.AgencyId == agencyId && r.Outcome == RequestOutcome.Pending, ct);

    /// <summary>Accepts (the agency becomes a member) or declines. Null when the request is not the agency's (404).</summary>
    public async Task<IReadOnlyList<FieldError>?> DecideAsync(int agencyId, int requestId, string? decision, string userId, CancellationToken ct = default)
    {
        var request = await db.MembershipRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.AgencyId == agencyId, ct);
        if (request is null)
        {
            return null;
        }

        if (decision is not ("Accept" or "Decline"))
        {
            return [new("Decision", "Select whether to accept or decline the request")];
        }

        var actor = new Actor(userId, time.GetUtcNow().UtcDateTime);
        var accept = decision == "Accept";
        var problem = request.Decide(accept, userId, actor.At);
        if (problem is not null)
        {
            return [new("Decision", problem)];
        }

        db.Record(actor, nameof(MembershipRequest), request.Id, "Outcome", nameof(RequestOutcome.Pending), request.Outcome.ToString());
        if (accept && !await db.PartnershipMemberships.AnyAsync(m => m.PartnershipId == request.PartnershipId && m.AgencyId == agencyId, ct))
        {
            db.PartnershipMemberships.Add(new PartnershipMembership { PartnershipId = request.PartnershipId, AgencyId = agencyId });
            db.Record(actor, nameof(PartnershipMembership), $"{request.PartnershipId}/{agencyId}", "Created", null, $"by the agency's consent (request {request.Id})");
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return [new("Decision", "Someone else has already answered this request.")];
        }

        var requester = await db.Users.Where(u => u.Id == request.RequestedById).Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (requester?.Email is not null)
        {
            var names = await Views(db.MembershipRequests.Where(r => r.Id == requestId)).SingleAsync(ct);
            await email.SendAsync(TenancyEmails.MembershipDecided(requester.Email, requester.DisplayName, names.AgencyName, names.PartnershipName, accept), ct);
        }

        return [];
    }
}
