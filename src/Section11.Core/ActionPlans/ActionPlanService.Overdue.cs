using Microsoft.EntityFrameworkCore;

namespace Section11.Core.ActionPlans;

public sealed partial class ActionPlanService
{
    /// <summary>
    /// The overdue actions of a round's agencies, oldest deadline first, numbered as <see cref="GetRoundPlansAsync"/>
    /// numbers them: the dashboard's list. That method loads every area and action of the partnership's plans, all
    /// rounds, whole (about 6,500 rows on the largest round); this reads the areas' ids and positions only (to number
    /// them), and only the actions of this round's areas, only the columns the list shows.
    /// </summary>
    public async Task<IReadOnlyList<OverdueAction>> GetRoundOverdueActionsAsync(int roundId, int partnershipId, CancellationToken ct = default)
    {
        var today = Today;
        var agencies = db.Receipts.Where(x => x.RoundId == roundId);
        var scoped = PlanScope.OfPartnerships([partnershipId]).Filter(db.ImprovementAreas.Where(a => agencies.Any(x => x.AgencyId == a.AgencyId)), db);
        var areas = await (
                from a in scoped.AsNoTracking()
                join g in db.Agencies on a.AgencyId equals g.Id
                orderby g.Name, a.AgencyId, a.Position, a.Id
                select new
                {
                    a.Id, a.AgencyId, g.Name,
                    // This round's, or a round's of the same shared returns (as GetRoundAreasAsync counts them).
                    OfRound = a.RoundId == roundId || db.Receipts.Any(x => x.RoundId == a.RoundId && x.ReturnId != null
                        && agencies.Any(y => y.ReturnId == x.ReturnId)),
                })
            .ToListAsync(ct);

        // Numbered among all the agency's areas the partnership sees, in agency-name order, as PlanNumbering numbers them.
        var ofRound = areas.GroupBy(a => a.AgencyId)
            .SelectMany(g => g.Select((a, i) => (Area: a, Number: i + 1)))
            .Where(a => a.Area.OfRound)
            .ToList();
        var areaIds = ofRound.Select(a => a.Area.Id).ToList();
        var actions = (await db.PlanActions.AsNoTracking()
                .Where(x => areaIds.Contains(x.ImprovementAreaId))
                .Select(x => new { x.Id, x.ImprovementAreaId, x.Position, x.Deadline, x.Rag, x.SpecificAction })
                .ToListAsync(ct))
            .ToLookup(x => x.ImprovementAreaId);

        return [.. ofRound
            .SelectMany(a => actions[a.Area.Id].OrderBy(x => x.Position).ThenBy(x => x.Id)
                .Select((x, j) => new OverdueAction(a.Area.AgencyId, a.Area.Name, x.Id, $"{a.Number}.{j + 1}", x.SpecificAction, x.Deadline, x.Rag)))
            .Where(o => PlanAction.IsOverdueOn(o.Deadline, o.Rag, today))
            .OrderBy(o => o.Deadline)];
    }
}
