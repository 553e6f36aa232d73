using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Rounds;

namespace Section11.Core.Returns;

/// <summary>A partnership's round asking an agency for its return, while the agency chooses what to send.</summary>
public sealed record ReturnRequest(int ReceiptId, int AgencyId, string AgencyName, string PartnershipName, string RoundTitle, DateOnly DueOn,
    string FrameworkTitle, IReadOnlyList<ShareableReturn> Returns);

/// <summary>A return the agency already has on the same framework, and the partnerships it goes to.</summary>
public sealed record ShareableReturn(int ReturnId, ReturnStatus Status, IReadOnlyList<string> Partnerships);

/// <summary>
/// Complete once, share: an agency in several partnerships sends one return to every round on the same framework
/// version that it chooses. The agency's lead decides (consent); a partnership only ever asks.
/// </summary>
public sealed class SharingService(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time)
{
    /// <summary>The agencies among <paramref name="agencyIds"/> with a return on the round's framework for another partnership.</summary>
    public static IQueryable<int> AgenciesWithShareableReturns(Section11DbContext db, Round round, IReadOnlyCollection<int> agencyIds) =>
        Shareable(db, round.FrameworkVersionId, round.PartnershipId, round.OpensOn).Where(r => agencyIds.Contains(r.AgencyId)).Select(r => r.AgencyId).Distinct();

    /// <summary>
    /// The one rule of what may be shared with a partnership's round: a return on the round's framework version that
    /// does not already go to that partnership, and that is this cycle's (it goes to a round still due when the asking
    /// round opened, and not closed since: an earlier cycle's return is history, not something to send again). The launch, the requests and
    /// the choice all read it here.
    /// </summary>
    private static IQueryable<Return> Shareable(Section11DbContext db, int frameworkVersionId, int partnershipId, DateOnly opensOn) =>
        db.Returns.Where(r => r.FrameworkVersionId == frameworkVersionId && !r.Receipts.Any(x => x.Round.PartnershipId == partnershipId)
            && r.Receipts.Any(x => x.Round.DueOn >= opensOn && x.Round.ClosedAt == null));

    /// <summary>The requests waiting for a choice from the agencies <paramref name="userId"/> leads.</summary>
    public async Task<IReadOnlyList<ReturnRequest>> GetRequestsAsync(string userId, CancellationToken ct = default)
    {
        var led = db.RoleAssignments.Where(r => r.UserId == userId && r.Role == Role.AgencyLead && r.AgencyId != null).Select(r => r.AgencyId!.Value);
        // A closed round asks for nothing more.
        return await RequestsAsync(db.Receipts.Where(x => x.ReturnId == null && x.Round.ClosedAt == null && led.Contains(x.AgencyId)), ct);
    }

    public async Task<ReturnRequest?> GetRequestAsync(int agencyId, int receiptId, CancellationToken ct = default) =>
        (await RequestsAsync(db.Receipts.Where(x => x.Id == receiptId && x.AgencyId == agencyId && x.ReturnId == null), ct)).SingleOrDefault();

    private async Task<IReadOnlyList<ReturnRequest>> RequestsAsync(IQueryable<Receipt> receipts, CancellationToken ct)
    {
        var rows = await receipts.AsNoTracking().OrderBy(x => x.DueOn)
            .Select(x => new
            {
                x.Id, x.AgencyId, Agency = x.Agency.Name, x.Round.PartnershipId, Partnership = x.Round.Partnership.Name, Round = x.Round.Title, x.DueOn,
                x.Round.FrameworkVersionId, x.Round.OpensOn, Framework = x.Round.FrameworkVersion.Title,
            })
            .ToListAsync(ct);
        // What may be shared is what Shareable says, and nowhere else: one query per waiting request (a lead has few).
        var requests = new List<ReturnRequest>(rows.Count);
        foreach (var x in rows)
        {
            var returns = await Shareable(db, x.FrameworkVersionId, x.PartnershipId, x.OpensOn).AsNoTracking()
                .Where(r => r.AgencyId == x.AgencyId)
                .OrderByDescending(r => r.Id)
                .Select(r => new { r.Id, r.Status, Partnerships = r.Receipts.Select(y => y.Round.Partnership.Name).ToList() })
                .ToListAsync(ct);
            requests.Add(new ReturnRequest(x.Id, x.AgencyId, x.Agency, x.Partnership, x.Round, x.DueOn, x.Framework,
                [.. returns.Select(r => new ShareableReturn(r.Id, r.Status, [.. r.Partnerships.Distinct()]))]));
        }

        return requests;
    }

    /// <summary>
    /// The lead's answer to a request: share the return <paramref name="returnId"/>, or (null) start a separate one.
    /// Sharing a submitted return delivers it at once, unless the round has a local section it lacks: then the return
    /// reopens for that section to be answered and signed off again.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> ChooseAsync(int agencyId, int receiptId, int? returnId, string userId, CancellationToken ct = default)
    {
        var receipt = await db.Receipts.Include(x => x.Round).SingleOrDefaultAsync(x => x.Id == receiptId && x.AgencyId == agencyId, ct);
        if (receipt is null || receipt.ReturnId is not null)
        {
            return [new("", "This request has already been answered.")];
        }

        if (receipt.Round.IsClosed)
        {
            return [new("", $"{receipt.Round.Title} has closed: its return can no longer be sent.")];
        }

        var framework = await catalog.GetForRoundAsync(db, receipt.RoundId, ct);
        var actor = new Actor(userId, time.GetUtcNow().UtcDateTime);
        var log = new List<ChangeLogEntry>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Return chosen;
        if (returnId is null)
        {
            chosen = Return.Start(receipt, framework, actor.At);
            db.Returns.Add(chosen);
            await db.SaveChangesAsync(ct);
            log.Add(chosen.Change(actor, "Return", chosen.Id, "Status", null, chosen.Status.ToString()));
            log.Add(chosen.Change(actor, "Receipt", receipt.Id, "ReturnId", null, chosen.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        else
        {
            var existing = await Shareable(db, receipt.Round.FrameworkVersionId, receipt.Round.PartnershipId, receipt.Round.OpensOn)
                .Include(r => r.Answers).Include(r => r.Evaluations).Include(r => r.Receipts).ThenInclude(x => x.Round).AsSplitQuery()
                .SingleOrDefaultAsync(r => r.Id == returnId && r.AgencyId == agencyId, ct);
            if (existing is null)
            {
                return [new("ReturnId", "Select a return to share, or start a separate one")];
            }

            var problems = existing.ShareWith(receipt, framework, actor, log);
            if (problems.Count > 0)
            {
                return [.. problems.Select(p => new FieldError("ReturnId", p))];
            }

            chosen = existing;
        }

        db.ChangeLog.AddRange(log);
        var errors = await db.SaveStateChangeAsync(chosen.Id, ct);
        if (errors.Count == 0)
        {
            await transaction.CommitAsync(ct);
        }

        return errors;
    }

    /// <summary>The return a receipt now points to, once the agency has chosen.</summary>
    public async Task<int?> ReturnOfAsync(int receiptId, CancellationToken ct = default) =>
        await db.Receipts.Where(x => x.Id == receiptId).Select(x => x.ReturnId).SingleOrDefaultAsync(ct);
}
