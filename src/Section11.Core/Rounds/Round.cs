using Section11.Core.Auditing;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;

namespace Section11.Core.Rounds;

/// <summary>One partnership's audit cycle against one framework version.</summary>
public class Round
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership Partnership { get; set; } = null!;
    public int FrameworkVersionId { get; set; }
    public FrameworkVersion FrameworkVersion { get; set; } = null!;
    public required string Title { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Null while the administrator is still setting the round up; returns exist only once launched.</summary>
    public DateTime? LaunchedAt { get; set; }

    public string? CreatedById { get; set; }

    /// <summary>The round this one repeats (a new cycle of it): its agencies are the ones the launch offers first.</summary>
    public int? RepeatsRoundId { get; set; }

    /// <summary>
    /// Set once, when the administrator closes the launched round: its receipts take no more changes, its figures are
    /// final, and a return that goes to closed rounds only is locked (<see cref="Returns.ReturnLifecycle.IsLocked"/>).
    /// </summary>
    public DateTime? ClosedAt { get; set; }

    public string? ClosedById { get; set; }

    public bool IsClosed => ClosedAt is not null;

    /// <summary>Closes the round, once, after launch. Returns why not, or null when done.</summary>
    public string? Close(Actor actor, List<ChangeLogEntry> log)
    {
        if (LaunchedAt is null)
        {
            return "This round has not been launched, so there is nothing to close.";
        }

        if (ClosedAt is not null)
        {
            return "This round has already been closed.";
        }

        ClosedAt = actor.At;
        ClosedById = actor.UserId;
        log.Add(ChangeRecorder.Entry(actor, "Round", Id, "ClosedAt", null,
            actor.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        return null;
    }
}
