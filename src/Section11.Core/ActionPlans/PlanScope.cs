using Section11.Core.Data;
using Section11.Core.Returns;

namespace Section11.Core.ActionPlans;

/// <summary>
/// How much of an agency's action plan a reader may see: the one statement of that rule. The agency's own people see
/// it whole. A partnership's administrators and reviewers see only what came from their own partnership's rounds: an
/// area from another partnership's round, or an area with no round (the agency's own), is not theirs, and neither is
/// a return of another partnership's round.
/// </summary>
public sealed class PlanScope
{
    private readonly List<int>? _partnershipIds;

    private PlanScope(List<int>? partnershipIds) => _partnershipIds = partnershipIds;

    public static PlanScope Whole { get; } = new(null);

    public static PlanScope OfPartnerships(IEnumerable<int> partnershipIds) => new([.. partnershipIds.Distinct()]);

    public bool IsWhole => _partnershipIds is null;

    public IQueryable<ImprovementArea> Filter(IQueryable<ImprovementArea> areas, Section11DbContext db)
    {
        if (_partnershipIds is null)
        {
            return areas;
        }

        // An area from a return shared with the partnership's round is theirs too, unless it came from another
        // partnership's local section.
        var ids = _partnershipIds;
        return areas.Where(a => a.RoundId != null && (
            db.Rounds.Any(r => r.Id == a.RoundId && ids.Contains(r.PartnershipId))
            || (db.Standards.Any(s => s.Id == a.StandardId && s.RoundId == null)
                && db.Receipts.Any(x => x.RoundId == a.RoundId && x.ReturnId != null
                    && db.Receipts.Any(y => y.ReturnId == x.ReturnId && ids.Contains(y.Round.PartnershipId))))));
    }

    public IQueryable<Return> Filter(IQueryable<Return> returns)
    {
        if (_partnershipIds is null)
        {
            return returns;
        }

        var ids = _partnershipIds;
        return returns.Where(r => r.Receipts.Any(x => ids.Contains(x.Round.PartnershipId)));
    }
}
