using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Returns;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;


public class CheckAnswersModel(ReturnService returns) : PageModel
{
    public ReturnDetails Details { get; private set; } = null!;
    public IReadOnlyList<StandardProblem> Problems { get; private set; } = [];

    public async Task OnGetAsync()
    {
        (Details, Problems) = await returns.GetDetailsWithProblemsAsync(HttpContext.ReturnAccess().Return, HttpContext.RequestAborted);
    }
}
