using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Identity;

namespace Section11.Web.Infrastructure;

/// <summary>A page a signed-in person may use before completing MFA: signing in, setting up the app, signing out.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowWithoutMfaAttribute : Attribute;

/// <summary>
/// MFA is required for every account. A session that signed in with one factor only (someone who has not set up
/// an authenticator app yet) may use only the pages marked <see cref="AllowWithoutMfaAttribute"/>, the error pages
/// and the accessibility and cookies statements; everything else sends them to set-up. Static files and /health
/// are not pages, so never reach this filter.
/// </summary>
public sealed class MfaRequiredFilter(UserManager<ApplicationUser> users, MfaSignIn signIn) : IAsyncResourceFilter
{
    private static readonly string[] OpenPages = ["/Accessibility", "/Cookies"];

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var principal = context.HttpContext.User;
        if (principal.Identity?.IsAuthenticated != true || MfaSignIn.HasCompletedMfa(principal) || IsAllowed(context))
        {
            await next();
            return;
        }

        var request = context.HttpContext.Request;
        var returnUrl = request.Path + request.QueryString;
        var user = await users.GetUserAsync(principal);
        if (user is not null && await users.GetTwoFactorEnabledAsync(user))
        {
            // The account has an app, but this session never used it: sign in again properly.
            await signIn.SignOutAsync(everywhere: false);
            context.Result = new RedirectResult(Links.SignIn(returnUrl));
            return;
        }

        context.Result = new RedirectResult(Links.SetUpMfa(returnUrl));
    }

    private static bool IsAllowed(ResourceExecutingContext context) =>
        context.ActionDescriptor.EndpointMetadata.OfType<AllowWithoutMfaAttribute>().Any()
        || context.ActionDescriptor is PageActionDescriptor page
            && (page.ViewEnginePath.StartsWith("/Errors/", StringComparison.Ordinal) || OpenPages.Contains(page.ViewEnginePath));
}
