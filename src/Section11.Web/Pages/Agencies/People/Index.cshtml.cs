using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Agencies.People;

/// <summary>The agency's people and roles: its lead gives and removes them, nobody else.</summary>
[LeadsAgency]
public class IndexModel(PeopleService people) : PageModel
{
    public IReadOnlyList<PersonRole> People { get; private set; } = [];

    [TempData]
    public string? Confirmation { get; set; }

    public async Task OnGetAsync() =>
        People = await people.GetAgencyPeopleAsync(HttpContext.AgencyAccess().Agency.Id, HttpContext.RequestAborted);
}
