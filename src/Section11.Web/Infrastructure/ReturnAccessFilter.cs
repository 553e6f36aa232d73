using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Web.Infrastructure;

/// <summary>The return a /returns page is about, and the roles the signed-in user holds for its agency.</summary>
public sealed record ReturnAccess(ReturnSummary Return, IReadOnlyList<Role> Roles)
{
    public bool CanEdit => Roles.Any(RoleAssignment.EditorRoles.Contains);
}

/// <summary>Marks a page that changes a return: it needs an editor role and a return still open for changes.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class EditsReturnAttribute : Attribute;

/// <summary>
/// The one place that decides who may open a return. A return the user has no role for answers 404, exactly as one
/// that does not exist, so nothing about other agencies can be learned by guessing numbers.
/// </summary>
public sealed class ReturnAccessFilter(ReturnService returns, Section11DbContext db, UserManager<ApplicationUser> users) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var userId = users.GetUserId(context.HttpContext.User);
        if (userId is null || !int.TryParse(context.RouteData.Values["returnId"]?.ToString(), out var returnId))
        {
            context.Result = new NotFoundResult();
            return;
        }

        var summary = await returns.GetSummaryAsync(returnId, context.HttpContext.RequestAborted);
        var roles = summary is null
            ? []
            : await db.RoleAssignments.Where(r => r.UserId == userId && r.AgencyId == summary.AgencyId).Select(r => r.Role).ToListAsync();
        if (summary is null || roles.Count == 0)
        {
            context.Result = new NotFoundResult();
            return;
        }

        var access = new ReturnAccess(summary, roles);
        if (context.HandlerInstance.GetType().GetCustomAttribute<EditsReturnAttribute>() is not null)
        {
            if (!access.CanEdit)
            {
                context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                return;
            }

            if (!summary.Status.IsEditable())
            {
                // A submitted return cannot change, whatever request arrives.
                context.Result = HttpMethods.IsGet(context.HttpContext.Request.Method)
                    ? new RedirectResult($"/returns/{returnId}/view")
                    : new StatusCodeResult(StatusCodes.Status409Conflict);
                return;
            }
        }

        context.HttpContext.Features.Set(access);
        await next();
    }
}

public static class ReturnAccessExtensions
{
    public static ReturnAccess ReturnAccess(this HttpContext context) =>
        context.Features.Get<ReturnAccess>() ?? throw new InvalidOperationException("ReturnAccessFilter did not run for this page.");
}
