using System.Globalization;
using Section11.Core.Data;

namespace Section11.Core.Auditing;

/// <summary>
/// The one way a write is recorded: a <see cref="ChangeLogEntry"/> added to the same context, so it is saved by the
/// same SaveChanges (and so in the same transaction) as the change itself. For a new row whose id the database
/// assigns, save inside a transaction first and record before committing.
/// </summary>
public static class ChangeRecorder
{
    public static ChangeLogEntry Entry(Actor actor, string entityType, object entityId, string field, string? oldValue, string? newValue, int? returnId = null) => new()
    {
        At = actor.At,
        UserId = actor.UserId,
        EntityType = entityType,
        EntityId = Convert.ToString(entityId, CultureInfo.InvariantCulture) ?? "",
        ReturnId = returnId,
        Field = field,
        OldValue = oldValue,
        NewValue = newValue,
    };

    public static void Record(this Section11DbContext db, Actor actor, string entityType, object entityId, string field, string? oldValue, string? newValue, int? returnId = null) =>
        db.ChangeLog.Add(Entry(actor, entityType, entityId, field, oldValue, newValue, returnId));
}
