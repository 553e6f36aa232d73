using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Returns;

namespace Section11.Core.Rounds;

public sealed record RoundInput(string? Title, int? FrameworkVersionId, DateInput OpensOn, DateInput DueOn);

public sealed record RoundSummary(int Id, int PartnershipId, string Title, int FrameworkVersionId, string FrameworkTitle, string FrameworkVersion,
    DateOnly OpensOn, DateOnly DueOn, DateTime? LaunchedAt, int Returns, int Submitted, DateTime? ClosedAt = null)
{
    public bool IsClosed => ClosedAt is not null;
}

public sealed record LocalItemInput(string? Text, string? Evidence);

public sealed record FrameworkChoice(int Id, string Title, string Version, bool HasLocalStandard);

/// <summary>Audit rounds: set up, launch to member agencies, track, extend, return for changes.</summary>
public sealed partial class RoundService(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<IReadOnlyList<FrameworkChoice>> GetFrameworksAsync(CancellationToken ct = default) =>
        await db.FrameworkVersions.AsNoTracking().OrderBy(f => f.Title).ThenBy(f => f.Version)
            .Select(f => new FrameworkChoice(f.Id, f.Title, f.Version, db.Standards.Any(s => s.FrameworkVersionId == f.Id && s.IsLocal)))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<RoundSummary>> GetRoundsAsync(int partnershipId, CancellationToken ct = default) =>
        await Summaries(db.Rounds.Where(r => r.PartnershipId == partnershipId).OrderByDescending(r => r.DueOn).ThenByDescending(r => r.Id), db).ToListAsync(ct);

    public Task<RoundSummary?> GetRoundAsync(int partnershipId, int roundId, CancellationToken ct = default) =>
        Summaries(db.Rounds.Where(r => r.PartnershipId == partnershipId && r.Id == roundId), db).SingleOrDefaultAsync(ct);

    public static IQueryable<RoundSummary> Summaries(IQueryable<Round> rounds, Section11DbContext db) =>
        rounds.AsNoTracking().Select(r => new RoundSummary(r.Id, r.PartnershipId, r.Title, r.FrameworkVersionId, r.FrameworkVersion.Title, r.FrameworkVersion.Version,
            r.OpensOn, r.DueOn, r.LaunchedAt,
            db.Receipts.Count(x => x.RoundId == r.Id),
            db.Receipts.Count(x => x.RoundId == r.Id && x.Return != null && x.Return.Status == ReturnLifecycle.CountingStatus),
            r.ClosedAt));

    public static IReadOnlyList<FieldError> Check(RoundInput input, IReadOnlyCollection<int> frameworkIds, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors.Add(new("Title", "Enter a title for the round, for example Section 11 audit 2026"));
        }
        else if (input.Title.Trim().Length > InputLimits.Title)
        {
            errors.Add(new("Title", InputLimits.TooLong("The title", InputLimits.Title)));
        }

        if (input.FrameworkVersionId is null || !frameworkIds.Contains(input.FrameworkVersionId.Value))
        {
            errors.Add(new("FrameworkVersionId", "Select the framework agencies will complete"));
        }

        var (opens, opensError) = input.OpensOn.Parse();
        var (due, dueError) = input.DueOn.Parse();
        if (input.OpensOn.IsEmpty)
        {
            errors.Add(new("OpensOn", "Enter the date the round opens"));
        }
        else if (opensError is not null)
        {
            errors.Add(new("OpensOn", $"Open date {opensError}"));
        }

        if (input.DueOn.IsEmpty)
        {
            errors.Add(new("DueOn", "Enter the date returns are due"));
        }
        else if (dueError is not null)
        {
            errors.Add(new("DueOn", $"Return-by date {dueError}"));
        }
        else if (due < today)
        {
            errors.Add(new("DueOn", "Return-by date must be today or in the future"));
        }
        else if (opens is not null && due <= opens)
        {
            errors.Add(new("DueOn", "Return-by date must be after the open date"));
        }

        return errors;
    }

    public async Task<(int? RoundId, IReadOnlyList<FieldError> Errors)> CreateAsync(int partnershipId, RoundInput input, string userId, CancellationToken ct = default)
    {
        var frameworks = await db.FrameworkVersions.Select(f => f.Id).ToListAsync(ct);
        var errors = Check(input, frameworks, Today);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // The round's id exists only once it is inserted: its change-log rows follow in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var round = await InsertAsync(partnershipId, input, userId, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (round.Id, []);
    }

    /// <summary>
    /// Inserts a round from checked input and adds its change-log rows (saved by the caller, in the caller's
    /// transaction): the new-round page and repeating a round both make rounds here.
    /// </summary>
    private async Task<Round> InsertAsync(int partnershipId, RoundInput input, string userId, CancellationToken ct)
    {
        var round = new Round
        {
            PartnershipId = partnershipId,
            FrameworkVersionId = input.FrameworkVersionId!.Value,
            Title = input.Title!.Trim(),
            OpensOn = input.OpensOn.Parse().Date!.Value,
            DueOn = input.DueOn.Parse().Date!.Value,
            CreatedAt = Now,
            CreatedById = userId,
        };

        db.Rounds.Add(round);
        await db.SaveChangesAsync(ct);
        var actor = new Actor(userId, round.CreatedAt);
        db.Record(actor, "Round", round.Id, "Title", null, round.Title);
        db.Record(actor, "Round", round.Id, "FrameworkVersionId", null, Invariant(round.FrameworkVersionId));
        db.Record(actor, "Round", round.Id, "OpensOn", null, Invariant(round.OpensOn));
        db.Record(actor, "Round", round.Id, "DueOn", null, Invariant(round.DueOn));
        return round;
    }

    /// <summary>
    /// The round's own local section with the items the partnership has added; before the first, the framework's local
    /// placeholder if it has one (null if not: the first item makes a section after the framework's last standard).
    /// </summary>
    public async Task<(Standard? Standard, IReadOnlyList<Item> Items)> GetLocalItemsAsync(int roundId, CancellationToken ct = default)
    {
        var framework = await catalog.GetForRoundAsync(db, roundId, ct);
        var own = framework.Standards.FirstOrDefault(s => s.RoundId == roundId);
        return own is not null ? (own, own.Items) : (framework.Standards.FirstOrDefault(s => s.IsLocal), []);
    }

    /// <summary>The round's own local section, made on its first item: only this partnership receives its answers.</summary>
    private async Task<Standard> LocalSectionAsync(Round round, CancellationToken ct)
    {
        var own = await db.Standards.SingleOrDefaultAsync(s => s.RoundId == round.Id, ct);
        if (own is not null)
        {
            return own;
        }

        var framework = await catalog.GetAsync(db, round.FrameworkVersionId, ct);
        var placeholder = framework.Standards.FirstOrDefault(s => s.IsLocal);
        var partnership = await db.Partnerships.Where(p => p.Id == round.PartnershipId).Select(p => p.Name).SingleAsync(ct);
        own = new Standard
        {
            FrameworkVersionId = round.FrameworkVersionId,
            RoundId = round.Id,
            Number = placeholder?.Number ?? framework.Standards.Max(s => s.Number) + 1,
            Title = placeholder?.Title ?? $"Local requirements of {partnership}",
            Source = placeholder?.Source,
            Descriptors = placeholder?.Descriptors ?? [],
            IsLocal = true,
        };
        db.Standards.Add(own);
        return own;
    }

    public async Task<IReadOnlyList<FieldError>> AddLocalItemAsync(int roundId, LocalItemInput input, string userId, CancellationToken ct = default)
    {
        var round = await db.Rounds.SingleAsync(r => r.Id == roundId, ct);
        if (round.LaunchedAt is not null)
        {
            return [new("", "Local items cannot change after the round is launched.")];
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            errors.Add(new("Text", "Enter what the agency must show"));
        }
        else if (input.Text.Length > InputLimits.LongText)
        {
            errors.Add(new("Text", InputLimits.TooLong("The item", InputLimits.LongText)));
        }

        if (input.Evidence is { Length: > InputLimits.LongText })
        {
            errors.Add(new("Evidence", InputLimits.TooLong("Examples of evidence", InputLimits.LongText)));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var (_, existing) = await GetLocalItemsAsync(roundId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var standard = await LocalSectionAsync(round, ct);
        await InsertLocalItemAsync(standard, roundId, existing.Count + 1, ReturnService.Normalise(input.Text)!,
            [.. (ReturnService.Normalise(input.Evidence) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)], new Actor(userId, Now), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    /// <summary>Adds a local item as the section's <paramref name="position"/>th, with its change-log rows (saved by the caller).</summary>
    private async Task InsertLocalItemAsync(Standard standard, int roundId, int position, string text, List<string> evidence, Actor actor, CancellationToken ct)
    {
        var number = $"{standard.Number}.{position}";
        var item = new Item
        {
            Standard = standard,
            RoundId = roundId,
            Number = number,
            SortKey = ItemNumber.SortKey(number),
            Text = text,
            Evidence = evidence,
        };

        db.Items.Add(item);
        await db.SaveChangesAsync(ct);
        db.Record(actor, "Item", item.Id, "Number", null, item.Number);
        db.Record(actor, "Item", item.Id, "Text", null, item.Text);
        if (item.Evidence.Count > 0)
        {
            db.Record(actor, "Item", item.Id, "Evidence", null, string.Join("\n", item.Evidence));
        }
    }

    /// <summary>
    /// Launches the round: each chosen member agency gets a receipt for it, and a new return, unless it already has a
    /// return on this framework for another partnership: then it chooses to share that one or start another. Only once.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> LaunchAsync(int roundId, IReadOnlyCollection<int> agencyIds, string userId, CancellationToken ct = default)
    {
        var round = await db.Rounds.SingleAsync(r => r.Id == roundId, ct);
        if (round.LaunchedAt is not null)
        {
            return [new("", "This round has already been launched.")];
        }

        var chosen = agencyIds.Distinct().ToList();
        var members = await db.PartnershipMemberships.Where(m => m.PartnershipId == round.PartnershipId && chosen.Contains(m.AgencyId))
            .Select(m => m.Agency).ToListAsync(ct);
        if (members.Count == 0 || members.Count != chosen.Count)
        {
            return [new("AgencyIds", "Select the agencies that will complete a return")];
        }

        var actor = new Actor(userId, Now);
        var (receipts, returns) = await AddReceiptsAsync(round, members, actor.At, ct);
        round.LaunchedAt = actor.At;

        // Each return's history starts with its launch, which needs the ids the insert gives: one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.Record(actor, "Round", round.Id, "LaunchedAt", null, Invariant(actor.At));
        RecordReceipts(actor, round, receipts, returns);
        await Notifications.NotificationOutbox.RoundLaunchedAsync(db, round, receipts, actor.At, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    private static string Invariant(IFormattable value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A receipt's status on its partnership's tracker. A return this partnership sent back is shown as such even
    /// after the date, because it asked; one reopened after submission for anyone else is being revised. No return
    /// yet (the agency has still to choose whether to share one) is not started.
    /// </summary>
    public static TrackerStatus Track(ReturnStatus? status, DateTime? lastActivity, DateOnly dueOn, bool returnedHere, DateOnly today) => status switch
    {
        ReturnLifecycle.CountingStatus => TrackerStatus.Submitted,
        ReturnStatus.ReturnedForChanges when returnedHere => TrackerStatus.ReturnedForChanges,
        ReturnStatus.ReturnedForChanges => TrackerStatus.BeingRevised,
        _ when today > dueOn => TrackerStatus.Overdue,
        ReturnStatus.AwaitingSignOff => TrackerStatus.AwaitingSignOff,
        _ when status is null || lastActivity is null => TrackerStatus.NotStarted,
        _ => TrackerStatus.InProgress,
    };

    /// <summary>
    /// As above on a closed round: its figures are final, so a receipt not received by the close is "Not received" for
    /// good (a submitted return shared with a round still open, reopened there, is still shown as being revised).
    /// </summary>
    public static TrackerStatus Track(ReturnStatus? status, DateTime? lastActivity, DateOnly dueOn, bool returnedHere, DateOnly today, bool roundClosed) =>
        Track(status, lastActivity, dueOn, returnedHere, today) switch
        {
            var open when !roundClosed => open,
            TrackerStatus.Submitted => TrackerStatus.Submitted,
            TrackerStatus.BeingRevised => TrackerStatus.BeingRevised,
            _ => TrackerStatus.NotReceived,
        };

    /// <summary>The partnership gives one agency more time on its receipt; the return itself is not touched.</summary>
    public async Task<IReadOnlyList<FieldError>> ExtendAsync(int roundId, int returnId, DateInput newDate, string userId, CancellationToken ct = default)
    {
        var (date, error) = newDate.Parse();
        if (newDate.IsEmpty)
        {
            return [new("DueOn", "Enter the new return-by date")];
        }

        if (error is not null)
        {
            return [new("DueOn", $"The new return-by date {error}")];
        }

        var receipt = await db.Receipts.Include(x => x.Return).Include(x => x.Round).SingleAsync(x => x.RoundId == roundId && x.ReturnId == returnId, ct);
        if (!ReturnLifecycle.Allows(receipt.Return!.Status, ReturnAction.Extend, receipt.Round.IsClosed))
        {
            return [new("", ReturnLifecycle.Refusal(receipt.Return.Status, ReturnAction.Extend, receipt.Round.IsClosed))];
        }

        var log = new List<ChangeLogEntry>();
        if (receipt.ExtendTo(date!.Value, Today, new Actor(userId, Now), log) is { } refused)
        {
            return [new("DueOn", refused)];
        }

        db.ChangeLog.AddRange(log);
        await Notifications.NotificationOutbox.DateExtendedAsync(db, receipt, Now, ct);
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<IReadOnlyList<FieldError>> ReturnForChangesAsync(int roundId, int returnId, string? reason, string userId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return [new("Reason", "Enter what the agency needs to change")];
        }

        if (reason.Length > InputLimits.LongText)
        {
            return [new("Reason", InputLimits.TooLong("The reason", InputLimits.LongText))];
        }

        var receipt = await db.Receipts.Include(x => x.Return).Include(x => x.Round).SingleAsync(x => x.RoundId == roundId && x.ReturnId == returnId, ct);
        var log = new List<ChangeLogEntry>();
        var problems = receipt.Return!.ReturnForChanges(receipt, ReturnService.Normalise(reason)!, new Actor(userId, Now), log);
        if (problems.Count > 0)
        {
            return [.. problems.Select(p => new FieldError("", p))];
        }

        db.ChangeLog.AddRange(log);
        await Notifications.NotificationOutbox.ReturnedForChangesAsync(db, receipt, Now, ct);
        return await db.SaveStateChangeAsync(returnId, ct);
    }

    /// <summary>Where setting up a new round goes next: its local items when its framework has a local standard, else launch.</summary>
    public async Task<RoundSetUpStep> NextSetUpStepAsync(int roundId, CancellationToken ct = default) =>
        (await GetLocalItemsAsync(roundId, ct)).Standard is null ? RoundSetUpStep.Launch : RoundSetUpStep.LocalItems;
}

/// <summary>The step after a round is created (<see cref="RoundService.NextSetUpStepAsync"/>).</summary>
public enum RoundSetUpStep
{
    LocalItems,
    Launch,
}
