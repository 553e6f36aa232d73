using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Section11.Web.Pages.Account;

/// <summary>
/// Recovery codes, shown once: they travel to this page in TempData (an encrypted cookie that is deleted once read),
/// so reloading the page, or the browser's history, cannot show them again.
/// </summary>
public class RecoveryCodesModel : PageModel
{
    private const string Key = "RecoveryCodes";

    public IReadOnlyList<string> Codes { get; private set; } = [];

    public string ContinueUrl { get; private set; } = "/";

    public static void Keep(ITempDataDictionary tempData, IReadOnlyList<string> codes) => tempData[Key] = string.Join(' ', codes);

    public void OnGet(string? returnUrl)
    {
        Codes = TempData[Key] is string codes ? codes.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        ContinueUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
    }
}
