using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Returns;

namespace Section11.Core.Rounds;

/// <summary>The round's life after launch: closing it.</summary>
public sealed partial class RoundService
{
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
}
