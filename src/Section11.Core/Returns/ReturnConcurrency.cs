using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;

namespace Section11.Core.Returns;

/// <summary>
/// How a write to a return loses a race. A state change is written only where the return's <see cref="Return.Version"/>
/// is still the one it read; an answer save only where the return is still open, moving the version on in the same
/// transaction. Whichever commits second finds the row changed and is told so, never "saved".
/// </summary>
public static class ReturnConcurrency
{
    public static string ChangedMessage(ReturnStatus status) =>
        $"This return changed while you were working: it is now {status.Label().ToLowerInvariant()}. Nothing was saved. "
        + "Check the return, then try again if you still need to.";

    public static string StandardNotSavedMessage(ReturnStatus status) =>
        $"This return changed while you were working: it is now {status.Label().ToLowerInvariant()}, so your changes to this standard "
        + "have not been saved. What you typed is still on this page: copy anything you need to keep.";

    /// <summary>Saves a change to the return's state; if the return changed since it was read, nothing is saved and the error says what it is now.</summary>
    public static async Task<IReadOnlyList<FieldError>> SaveStateChangeAsync(this Section11DbContext db, int returnId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return [];
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return [new FieldError("", ChangedMessage(await CurrentStatusAsync(db, returnId, ct)))];
        }
    }

    public static Task<ReturnStatus> CurrentStatusAsync(Section11DbContext db, int returnId, CancellationToken ct) =>
        db.Returns.AsNoTracking().Where(r => r.Id == returnId).Select(r => r.Status).SingleAsync(ct);

    /// <summary>
    /// Inside the save's transaction: moves the version on only while the return is open for changes, so a save
    /// racing send-for-sign-off or sign-off is refused, and a state change that read the answers before this save is too.
    /// </summary>
    internal static async Task<bool> ClaimOpenReturnAsync(Section11DbContext db, int returnId, DateTime at, CancellationToken ct)
    {
        // The statuses the lifecycle opens for editing, as a list the database can test.
        var open = ReturnLifecycle.StatusesFor(ReturnAction.Edit);
        var claimed = await db.Returns
            .Where(r => r.Id == returnId && open.Contains(r.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, r => r.Version + 1).SetProperty(r => r.LastActivityAt, at), ct);

        // The row changed behind the tracker: a copy tracked earlier would carry the old version into the next change.
        foreach (var entry in db.ChangeTracker.Entries<Return>().Where(e => e.Entity.Id == returnId).ToList())
        {
            await entry.ReloadAsync(ct);
        }

        return claimed == 1;
    }
}
