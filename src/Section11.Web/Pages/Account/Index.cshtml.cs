using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Accounts;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Account;

/// <summary>Your account: password, recovery codes, and signing out everywhere.</summary>
public class IndexModel(UserManager<ApplicationUser> users, MfaService mfa, MfaSignIn signIn, Section11.Core.Organisations.PeopleService people) : PageModel
{
    public const string NoticeKey = "AccountNotice";

    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public int RecoveryCodesLeft { get; private set; }
    public string? Notice { get; private set; }

    /// <summary>Roles offered to this account: not held until accepted here.</summary>
    public IReadOnlyList<Section11.Core.Organisations.PendingRole> PendingRoles { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        Name = user.DisplayName;
        Email = user.Email ?? "";
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        Notice = TempData[NoticeKey] as string;
        PendingRoles = await people.GetPendingAsync(user.Id, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var codes = await mfa.NewRecoveryCodesAsync((await users.GetUserAsync(User))!);
        RecoveryCodesModel.Keep(TempData, codes);
        return Redirect(Links.RecoveryCodes(Links.YourAccount()));
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        await signIn.SignOutAsync(everywhere: true);
        return Redirect(Links.SignOutEverywhere());
    }
}
