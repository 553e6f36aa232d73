using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Identity;

namespace Section11.Web.Infrastructure;

/// <summary>
/// The one place that decides who may open an /accounts page (finding, deactivating and reactivating anyone's
/// account): platform administrators only. Anyone else gets 404, as for /partnerships/new.
/// </summary>
public sealed class AccountsAccessFilter(Section11DbContext db, UserManager<ApplicationUser> users, SecurityLog security) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var userId = users.GetUserId(http.User)!;
        if (!await db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.Role == Role.PlatformAdministrator, http.RequestAborted))
        {
            await security.RecordAsync(SecurityEventKinds.Denied, userId, null, http.Request.Path, "needs platform administrator", http.RequestAborted);
            context.Result = new StatusCodeResult(StatusCodes.Status404NotFound);
            return;
        }

        await next();
    }
}
