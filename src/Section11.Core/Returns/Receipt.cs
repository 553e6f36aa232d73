using System.Globalization;
using System.Linq.Expressions;
using Section11.Core.Auditing;
using Section11.Core.Organisations;
using Section11.Core.Rounds;

namespace Section11.Core.Returns;

/// <summary>
/// One partnership's receipt of an agency's return in one of its rounds: the date the agency owes it by, an
/// extension, a request for changes with its reason. A partnership's actions change its receipt, never the agency's
/// answers; every partnership that receives a return reads the same answers.
/// </summary>
public partial class Receipt
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public Round Round { get; set; } = null!;
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;

    /// <summary>Null while the agency chooses between sharing a return it already has and starting a separate one.</summary>
    public int? ReturnId { get; set; }
    public Return? Return { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The date this agency owes this round its return: the round's, unless the partnership extended it.</summary>
    public DateOnly DueOn { get; set; }

    public bool IsExtended { get; set; }

    /// <summary>Why this partnership sent the return back, shown to the agency until it is submitted again.</summary>
    public string? ReturnedReason { get; set; }

    public DateTime? ReturnedAt { get; set; }

    /// <summary>What every figure, report and action plan counts: a delivered, signed-off return (a query expression).</summary>
    public static readonly Expression<Func<Receipt, bool>> IsReceived = x => x.Return != null && x.Return.Status == ReturnLifecycle.CountingStatus;

    public static Receipt For(Round round, Agency agency, DateTime now) => new()
    {
        Round = round,
        RoundId = round.Id,
        Agency = agency,
        AgencyId = agency.Id,
        CreatedAt = now,
        DueOn = round.DueOn,
    };

    /// <summary>
    /// The partnership gives this agency more time: a later date, not in the past. Returns why not, or null when done;
    /// an earlier date would take time away under the name of an extension, so it is refused here, not on a page.
    /// </summary>
    public string? ExtendTo(DateOnly dueOn, DateOnly today, Actor actor, List<ChangeLogEntry> log)
    {
        if (dueOn < today)
        {
            return "The new return-by date must be today or in the future";
        }

        if (dueOn <= DueOn)
        {
            return $"The new return-by date must be after the current return-by date, {Reporting.ReportText.Date(DueOn)}";
        }

        log.Add(Change(actor, "DueOn", Iso(DueOn), Iso(dueOn)));
        DueOn = dueOn;
        IsExtended = true;
        return null;
    }

    internal void AskForChanges(string reason, Actor actor, List<ChangeLogEntry> log)
    {
        log.Add(Change(actor, "ReturnedReason", ReturnedReason, reason));
        ReturnedReason = reason;
        ReturnedAt = actor.At;
    }

    /// <summary>The agency submitted again: the request has been answered.</summary>
    internal void ChangesMade(Actor actor, List<ChangeLogEntry> log)
    {
        if (ReturnedReason is not null)
        {
            log.Add(Change(actor, "ReturnedReason", ReturnedReason, null));
            ReturnedReason = null;
        }
    }

    private ChangeLogEntry Change(Actor actor, string field, string? oldValue, string? newValue) =>
        ChangeRecorder.Entry(actor, "Receipt", Id, field, oldValue, newValue, ReturnId);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
