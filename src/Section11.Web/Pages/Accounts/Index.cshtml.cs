using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Accounts;

namespace Section11.Web.Pages.Accounts;

/// <summary>Platform administrators find anyone's account by email (AccountsAccessFilter guards the folder).</summary>
public class IndexModel(AccountAdministration accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    public AccountSearch Found { get; private set; } = new([], false);

    public async Task OnGetAsync() => Found = await accounts.SearchAsync(Email, HttpContext.RequestAborted);
}
