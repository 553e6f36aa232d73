using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Returns;

namespace Section11.Core.ActionPlans;

/// <summary>What a person typed for an improvement area: where it comes from (for an area not from a return) and its outcome.</summary>
public sealed record AreaInput(string? Source, string? Outcome);

/// <summary>The plan's upkeep: areas not from a return, editing, deleting (kept in the change log) and reordering.</summary>
public sealed partial class ActionPlanService
{
    /// <summary>
    /// An area that did not come from a return (a serious case review, an inspection): the person names its source,
    /// which stands where an area from a return shows its overarching standard. It belongs to no round, so only the
    /// agency's own people see it.
    /// </summary>
    public async Task<(int? Id, IReadOnlyList<FieldError> Errors)> AddAreaAsync(int agencyId, AreaInput input, string userId, CancellationToken ct = default)
    {
        var errors = ImprovementArea.Check(input, fromReturn: false);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var position = (await db.ImprovementAreas.Where(a => a.AgencyId == agencyId).MaxAsync(a => (int?)a.Position, ct) ?? 0) + 1;
        var area = new ImprovementArea
        {
            AgencyId = agencyId,
            OverarchingStandard = ReturnService.Normalise(input.Source)!,
            Outcome = ReturnService.Normalise(input.Outcome)!,
            Position = position,
            CreatedAt = Now,
            CreatedById = userId,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ImprovementAreas.Add(area);
        await db.SaveChangesAsync(ct);
        Log(userId, nameof(ImprovementArea), area.Id, "Created", null, $"{area.OverarchingStandard}: {area.Outcome}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (area.Id, []);
    }

    public async Task<IReadOnlyList<FieldError>> UpdateAreaAsync(int areaId, AreaInput input, string userId, CancellationToken ct = default)
    {
        var area = await db.ImprovementAreas.SingleAsync(a => a.Id == areaId, ct);
        var log = new List<ChangeLogEntry>();
        var errors = area.Update(input, new Actor(userId, Now), log);
        if (errors.Count > 0 || log.Count == 0)
        {
            return errors;
        }

        db.ChangeLog.AddRange(log);
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>
    /// Deletes an area with its actions and their monitoring. What they said stays in the change log: a "Deleted" row
    /// for the area and one for each action, with its text, in the same transaction.
    /// </summary>
    public async Task DeleteAreaAsync(int areaId, string userId, CancellationToken ct = default)
    {
        var area = await db.ImprovementAreas.Include(a => a.Actions).SingleAsync(a => a.Id == areaId, ct);
        var actor = new Actor(userId, Now);
        foreach (var action in area.Actions)
        {
            db.ChangeLog.Add(action.Deleted(actor));
        }

        db.ChangeLog.Add(ChangeRecorder.Entry(actor, nameof(ImprovementArea), area.Id, "Deleted", $"{area.OverarchingStandard}: {area.Outcome}", null));
        db.ImprovementAreas.Remove(area);
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteActionAsync(int actionId, string userId, CancellationToken ct = default)
    {
        var action = await db.PlanActions.SingleAsync(x => x.Id == actionId, ct);
        db.ChangeLog.Add(action.Deleted(new Actor(userId, Now)));
        db.PlanActions.Remove(action);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Moves an area one place up or down the agency's plan (numbers follow positions). At either end, nothing moves.</summary>
    public async Task MoveAreaAsync(int areaId, bool up, string userId, CancellationToken ct = default)
    {
        var area = await db.ImprovementAreas.SingleAsync(a => a.Id == areaId, ct);
        var order = await db.ImprovementAreas.Where(a => a.AgencyId == area.AgencyId).OrderBy(a => a.Position).ThenBy(a => a.Id).ToListAsync(ct);
        await SwapAsync(order, order.IndexOf(area), up, nameof(ImprovementArea), a => a.Id, a => a.Position, (a, p) => a.Position = p, userId, ct);
    }

    /// <summary>Moves an action one place up or down within its area.</summary>
    public async Task MoveActionAsync(int actionId, bool up, string userId, CancellationToken ct = default)
    {
        var action = await db.PlanActions.SingleAsync(x => x.Id == actionId, ct);
        var order = await db.PlanActions.Where(x => x.ImprovementAreaId == action.ImprovementAreaId).OrderBy(x => x.Position).ThenBy(x => x.Id).ToListAsync(ct);
        await SwapAsync(order, order.IndexOf(action), up, nameof(PlanAction), x => x.Id, x => x.Position, (x, p) => x.Position = p, userId, ct);
    }

    /// <summary>Renumbers the list 1…n with the one at <paramref name="index"/> swapped with its neighbour, logging each moved position.</summary>
    private async Task SwapAsync<T>(List<T> order, int index, bool up, string type, Func<T, int> id, Func<T, int> position, Action<T, int> setPosition, string userId, CancellationToken ct)
    {
        var other = up ? index - 1 : index + 1;
        if (index < 0 || other < 0 || other >= order.Count)
        {
            return;
        }

        (order[index], order[other]) = (order[other], order[index]);
        for (var i = 0; i < order.Count; i++)
        {
            var old = position(order[i]);
            if (old != i + 1)
            {
                setPosition(order[i], i + 1);
                Log(userId, type, id(order[i]), "Position", old.ToString(System.Globalization.CultureInfo.InvariantCulture), (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
