using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Organisations;
using Section11.Core.Rounds;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships;

/// <summary>One table of the partnership's rounds: the open ones, or the closed ones (its history).</summary>
public sealed record RoundsTable(string Id, string Caption, IReadOnlyList<RoundSummary> Rounds);

public class PartnershipModel(RoundService rounds) : PageModel
{
    public IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];

    public IReadOnlyList<RoundSummary> Open => [.. Rounds.Where(r => !r.IsClosed)];

    /// <summary>History: rounds closed, latest first.</summary>
    public IReadOnlyList<RoundSummary> Closed => [.. Rounds.Where(r => r.IsClosed).OrderByDescending(r => r.ClosedAt)];

    public async Task OnGetAsync() =>
        Rounds = await rounds.GetRoundsAsync(HttpContext.PartnershipAccess().Partnership.Id, HttpContext.RequestAborted);
}
