using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Review.Panels;

namespace Section11.Web.Pages.Partnerships.Rounds.Panels;

/// <summary>The panel's pre-read pack: a zip of one PDF per agency, for the partnership's administrators and reviewers.</summary>
public class PreReadPackModel(PanelService panels) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int roundId, int panelId)
    {
        if (await panels.GetPreReadsAsync(roundId, panelId, HttpContext.RequestAborted) is not { } packs)
        {
            return NotFound();
        }

        // Made in memory (as the round's reports zip is), then streamed: PDF writing is synchronous.
        var stream = new MemoryStream();
        PreReadPack.Write(packs, stream);
        stream.Position = 0;
        var first = packs.Count > 0 ? packs[0] : null;
        return File(stream, PreReadPack.ContentType, PreReadPack.FileName(first?.PanelTitle ?? "panel", first?.HeldOn ?? DateOnly.MinValue));
    }
}
