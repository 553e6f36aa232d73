using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;

namespace Section11.Core.ActionPlans;

/// <summary>One improvement area another part of the service asks for: the area it made before (if any) and its outcome.</summary>
public sealed record SourcedArea(int? AreaId, string Outcome);

public sealed partial class ActionPlanService
{
    /// <summary>
    /// Stages improvement areas that come from a named source in a round (a challenge panel's actions), without saving:
    /// the caller saves them with its own rows in one transaction. An area made before is updated in place (never
    /// duplicated); a new one goes at the end of the agency's plan. An area no longer wanted is removed while the agency
    /// has added no actions under it, and otherwise left in the plan for the agency. Returns the areas in
    /// <paramref name="wanted"/>'s order; those not yet saved have no id, and their "Created" rows are the caller's to
    /// record with <see cref="SourcedAreaCreated"/> once they have one.
    /// </summary>
    public async Task<IReadOnlyList<ImprovementArea>> StageSourcedAreasAsync(
        int agencyId, int roundId, string source, IReadOnlyList<SourcedArea> wanted, IReadOnlyList<int> dropped, Actor actor, List<ChangeLogEntry> log, CancellationToken ct = default)
    {
        var ids = wanted.Select(w => w.AreaId).OfType<int>().Concat(dropped).ToList();
        var existing = await db.ImprovementAreas.Include(a => a.Actions).Where(a => a.AgencyId == agencyId && ids.Contains(a.Id)).ToListAsync(ct);
        var position = await db.ImprovementAreas.Where(a => a.AgencyId == agencyId).MaxAsync(a => (int?)a.Position, ct) ?? 0;
        var areas = new List<ImprovementArea>();
        foreach (var w in wanted)
        {
            // An area the agency deleted from its plan is made again: the panel still requires the action.
            if (existing.FirstOrDefault(a => a.Id == w.AreaId) is { } area)
            {
                if (area.Outcome != w.Outcome)
                {
                    log.Add(ChangeRecorder.Entry(actor, nameof(ImprovementArea), area.Id, nameof(ImprovementArea.Outcome), area.Outcome, w.Outcome));
                    area.Outcome = w.Outcome;
                }

                if (area.OverarchingStandard != source)
                {
                    log.Add(ChangeRecorder.Entry(actor, nameof(ImprovementArea), area.Id, nameof(ImprovementArea.OverarchingStandard), area.OverarchingStandard, source));
                    area.OverarchingStandard = source;
                }

                areas.Add(area);
                continue;
            }

            var added = new ImprovementArea
            {
                AgencyId = agencyId, RoundId = roundId, OverarchingStandard = source, Outcome = w.Outcome, Position = ++position, CreatedAt = actor.At, CreatedById = actor.UserId,
            };
            db.ImprovementAreas.Add(added);
            areas.Add(added);
        }

        foreach (var area in existing.Where(a => dropped.Contains(a.Id) && a.Actions.Count == 0))
        {
            log.Add(ChangeRecorder.Entry(actor, nameof(ImprovementArea), area.Id, "Deleted", $"{area.OverarchingStandard}: {area.Outcome}", null));
            db.ImprovementAreas.Remove(area);
        }

        return areas;
    }

    /// <summary>The "Created" row of a sourced area, as <see cref="AddAreaAsync"/> writes for an area added by hand.</summary>
    public static ChangeLogEntry SourcedAreaCreated(ImprovementArea area, Actor actor) =>
        ChangeRecorder.Entry(actor, nameof(ImprovementArea), area.Id, "Created", null, $"{area.OverarchingStandard}: {area.Outcome}");
}
