using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Returns;

namespace Section11.Core.Rounds;

/// <summary>A round and the suggestions for its next cycle, two years on, for the repeat page.</summary>
public sealed record RepeatProposal(RoundSummary Round, string Title, DateOnly OpensOn, DateOnly DueOn, IReadOnlyList<FrameworkChoice> Versions);

/// <summary>The round's life after launch: closing it, and repeating it for the next cycle.</summary>
public sealed partial class RoundService
{
    /// <summary>How far on the next cycle of an audit is: the statutory guidance expects a Section 11 audit every two years.</summary>
    public const int CycleYears = 2;

    /// <summary>
    /// Closes a launched round, once: its receipts take no more changes, its figures are final, and a return that goes
    /// to closed rounds only is locked. Returns not submitted by then stay as they are and count as not received.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> CloseAsync(int roundId, string userId, CancellationToken ct = default)
    {
        var round = await db.Rounds.SingleAsync(r => r.Id == roundId, ct);
        var log = new List<ChangeLogEntry>();
        if (round.Close(new Actor(userId, Now), log) is { } refused)
        {
            return [new("", refused)];
        }

        db.ChangeLog.AddRange(log);
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>What the repeat page offers: the title with its years moved on, the dates two years on, and the framework's versions.</summary>
    public async Task<RepeatProposal?> GetRepeatProposalAsync(int partnershipId, int roundId, CancellationToken ct = default)
    {
        var round = await GetRoundAsync(partnershipId, roundId, ct);
        if (round is null)
        {
            return null;
        }

        var title = Year().Replace(round.Title, m => (int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) + CycleYears)
            .ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new(round, title, round.OpensOn.AddYears(CycleYears), round.DueOn.AddYears(CycleYears), await VersionsOfAsync(round.FrameworkVersionId, ct));
    }

    /// <summary>The versions of the round's framework (the same framework key), oldest first: a repeat may move to a newer one.</summary>
    private async Task<IReadOnlyList<FrameworkChoice>> VersionsOfAsync(int frameworkVersionId, CancellationToken ct)
    {
        var key = await db.FrameworkVersions.Where(f => f.Id == frameworkVersionId).Select(f => f.FrameworkKey).SingleAsync(ct);
        var ids = await db.FrameworkVersions.Where(f => f.FrameworkKey == key).Select(f => f.Id).ToListAsync(ct);
        return [.. (await GetFrameworksAsync(ct)).Where(f => ids.Contains(f.Id))];
    }

    /// <summary>
    /// Repeats a round in one step: a new round (checked as the new-round page checks it, on a version of the same
    /// framework) with the same local items in its own local section, not launched; its launch offers the same agencies.
    /// </summary>
    public async Task<(int? RoundId, IReadOnlyList<FieldError> Errors)> RepeatAsync(int roundId, RoundInput input, string userId, CancellationToken ct = default)
    {
        var old = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId, ct);
        var versions = await VersionsOfAsync(old.FrameworkVersionId, ct);
        var errors = Check(input, [.. versions.Select(v => v.Id)], Today);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var (_, items) = await GetLocalItemsAsync(roundId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var round = await InsertAsync(old.PartnershipId, input, userId, ct);
        var actor = new Actor(userId, round.CreatedAt);
        round.RepeatsRoundId = roundId;
        db.Record(actor, "Round", round.Id, "RepeatsRoundId", null, Invariant(roundId));
        if (items.Count > 0)
        {
            var standard = await LocalSectionAsync(round, ct);
            var position = 0;
            foreach (var item in items.OrderBy(i => i.SortKey))
            {
                await InsertLocalItemAsync(standard, round.Id, ++position, item.Text, [.. item.Evidence], actor, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (round.Id, []);
    }

    /// <summary>
    /// The agencies the launch page ticks first: for a repeated round those of the round it repeats that are still
    /// members; otherwise every member agency.
    /// </summary>
    public async Task<IReadOnlyList<int>> GetLaunchAgenciesAsync(int roundId, CancellationToken ct = default)
    {
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId, ct);
        var members = db.PartnershipMemberships.Where(m => m.PartnershipId == round.PartnershipId).Select(m => m.AgencyId);
        return round.RepeatsRoundId is { } repeated
            ? await db.Receipts.Where(x => x.RoundId == repeated && members.Contains(x.AgencyId)).Select(x => x.AgencyId).Distinct().ToListAsync(ct)
            : await members.ToListAsync(ct);
    }

    /// <summary>
    /// Each agency gets a receipt for the round, as at launch: a new return, unless it already has one it may share
    /// (<see cref="SharingService"/>): then its lead is asked to share that one or start another. Saved by the caller.
    /// </summary>
    private async Task<(List<Receipt> Receipts, List<Return> Started)> AddReceiptsAsync(Round round, IReadOnlyList<Organisations.Agency> agencies, DateTime at, CancellationToken ct)
    {
        var framework = await catalog.GetForRoundAsync(db, round.Id, ct);
        var offered = await SharingService.AgenciesWithShareableReturns(db, round, [.. agencies.Select(a => a.Id)]).ToListAsync(ct);
        var receipts = agencies.Select(agency => Receipt.For(round, agency, at)).ToList();
        var started = receipts.Where(x => !offered.Contains(x.AgencyId)).Select(x => Return.Start(x, framework, at)).ToList();
        db.Receipts.AddRange(receipts);
        return (receipts, started);
    }

    /// <summary>The receipts' and started returns' change-log rows, once their ids are known.</summary>
    private void RecordReceipts(Actor actor, Round round, List<Receipt> receipts, List<Return> started)
    {
        foreach (var receipt in receipts)
        {
            db.Record(actor, "Receipt", receipt.Id, "RoundId", null, Invariant(round.Id), receipt.ReturnId);
        }

        foreach (var entity in started)
        {
            db.Record(actor, "Return", entity.Id, "Status", null, entity.Status.ToString(), entity.Id);
        }
    }

    /// <summary>The member agencies not yet in a launched round, in name order: those that can be added to it.</summary>
    public async Task<IReadOnlyList<Organisations.Agency>> GetAgenciesToAddAsync(int roundId, CancellationToken ct = default)
    {
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId, ct);
        return await db.PartnershipMemberships.Where(m => m.PartnershipId == round.PartnershipId && !db.Receipts.Any(x => x.RoundId == roundId && x.AgencyId == m.AgencyId))
            .Select(m => m.Agency).OrderBy(a => a.Name).AsNoTracking().ToListAsync(ct);
    }

    /// <summary>
    /// Adds member agencies to a launched, open round: each gets a receipt exactly as at launch (a new return, or the
    /// question whether to share one it already has). Returns the errors, or none with the number added.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> AddAgenciesAsync(int roundId, IReadOnlyCollection<int> agencyIds, string userId, CancellationToken ct = default)
    {
        var round = await db.Rounds.SingleAsync(r => r.Id == roundId, ct);
        if (round.LaunchedAt is null || round.IsClosed)
        {
            return [new("", round.IsClosed ? "This round is closed: agencies cannot be added to it." : "Choose the agencies when you launch the round.")];
        }

        var chosen = agencyIds.Distinct().ToList();
        var addable = await GetAgenciesToAddAsync(roundId, ct);
        var agencies = await db.Agencies.Where(a => chosen.Contains(a.Id)).ToListAsync(ct);
        if (agencies.Count == 0 || agencies.Count != chosen.Count || agencies.Any(a => addable.All(x => x.Id != a.Id)))
        {
            return [new("AgencyIds", "Select the agencies to add to the round")];
        }

        var actor = new Actor(userId, Now);
        var (receipts, started) = await AddReceiptsAsync(round, agencies, actor.At, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        RecordReceipts(actor, round, receipts, started);
        // An agency added after launch hears of the round as those at launch did.
        await Notifications.NotificationOutbox.RoundLaunchedAsync(db, round, receipts, actor.At, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    [GeneratedRegex(@"\b(19|20)\d{2}\b")]
    private static partial Regex Year();
}
