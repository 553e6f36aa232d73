using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships.People;

public class IndexModel(PeopleService people) : PageModel
{
    public IReadOnlyList<PersonRole> People { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Confirmation { get; set; }

    public async Task OnGetAsync() =>
        People = await people.GetPartnershipPeopleAsync(HttpContext.PartnershipAccess().Partnership.Id, HttpContext.RequestAborted);
}
