using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Accounts;
using Section11.Core.Identity;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Account;

/// <summary>Your account: password, the emails sent to you and your email setting, recovery codes, and signing out everywhere.</summary>
public class IndexModel(UserManager<ApplicationUser> users, MfaService mfa, MfaSignIn signIn, Section11.Core.Organisations.PeopleService people,
    Section11.Core.Notifications.NotificationService notifications) : PageModel
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
        Notifications = await notifications.GetForUserAsync(user.Id, ct: HttpContext.RequestAborted);
        OptionalEmailsOff = user.OptionalEmailsOff;
    }

    public IReadOnlyList<Section11.Core.Notifications.SentNotification> Notifications { get; private set; } = [];
    public bool OptionalEmailsOff { get; private set; }

    /// <summary>"yes" or "no": the optional notifications on or off (the radios always send one).</summary>
    public async Task<IActionResult> OnPostEmailSettingsAsync(string? optionalEmails)
    {
        if (optionalEmails is not ("yes" or "no"))
        {
            return BadRequest();
        }

        await notifications.SetOptionalEmailsAsync(users.GetUserId(User)!, optionalEmails == "yes", HttpContext.RequestAborted);
        TempData[NoticeKey] = optionalEmails == "yes" ? "You will get every email about your returns" : "You will get only the emails you need";
        return Redirect(Links.YourAccount());
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
