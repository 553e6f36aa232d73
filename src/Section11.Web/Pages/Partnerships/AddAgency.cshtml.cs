using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Organisations;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Partnerships;

[AdministersPartnership]
public class AddAgencyModel(PartnershipService partnerships) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Sector { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var id = HttpContext.PartnershipAccess().Partnership.Id;
        var errors = await partnerships.AddAgencyAsync(id, Name, Sector, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            this.AddErrors(errors);
            return Page();
        }

        TempData[AgenciesModel.ConfirmationKey] = $"{Name!.Trim()} has been added";
        return Redirect($"/partnerships/{id}/agencies");
    }
}
