using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Organisations;

namespace Section11.Web.Infrastructure;

/// <summary>A page that changes a partnership's set-up: members, people, rounds.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AdministersPartnershipAttribute : Attribute;

/// <summary>A page only a platform administrator may use (creating partnerships).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PlatformAdministratorAttribute : Attribute;

public sealed record PartnershipAccess(Partnership Partnership, IReadOnlyList<Role> Roles, bool IsPlatformAdministrator)
{
    public bool CanAdminister => IsPlatformAdministrator || Roles.Contains(Role.PartnershipAdministrator);
}

/// <summary>
/// The one place that decides who may open a /partnerships page. A partnership the user has no role in answers 404,
/// and so does a round or return id that does not belong to the partnership in the address.
/// </summary>
public sealed class PartnershipAccessFilter(Section11DbContext db, UserManager<ApplicationUser> users, SecurityLog security) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var userId = users.GetUserId(http.User)!;
        var type = context.HandlerInstance.GetType();
        var isPlatformAdministrator = await db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.Role == Role.PlatformAdministrator, ct);

        if (type.GetCustomAttribute<PlatformAdministratorAttribute>() is not null && !isPlatformAdministrator)
        {
            await DenyAsync(context, userId, "needs platform administrator", StatusCodes.Status404NotFound);
            return;
        }

        var values = context.RouteData.Values;
        if (values.ContainsKey("partnershipId"))
        {
            var partnership = int.TryParse(values["partnershipId"]?.ToString(), out var partnershipId)
                ? await db.Partnerships.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnershipId, ct)
                : null;
            var roles = partnership is null
                ? []
                : await db.RoleAssignments.Where(r => r.UserId == userId && r.PartnershipId == partnershipId).Select(r => r.Role).ToListAsync(ct);
            if (partnership is null || (roles.Count == 0 && !isPlatformAdministrator) || !await BelongsAsync(values, partnershipId, ct))
            {
                await DenyAsync(context, userId, "no role in this partnership", StatusCodes.Status404NotFound);
                return;
            }

            var access = new PartnershipAccess(partnership, roles, isPlatformAdministrator);
            if (type.GetCustomAttribute<AdministersPartnershipAttribute>() is not null && !access.CanAdminister)
            {
                await DenyAsync(context, userId, "needs partnership administrator", StatusCodes.Status403Forbidden);
                return;
            }

            http.Features.Set(access);
        }

        await next();
    }

    /// <summary>Round, return and role ids in the address must belong to the partnership in the address.</summary>
    private async Task<bool> BelongsAsync(RouteValueDictionary values, int partnershipId, CancellationToken ct)
    {
        int? roundId = null;
        if (values.TryGetValue("roundId", out var roundValue))
        {
            if (!int.TryParse(roundValue?.ToString(), out var id) || !await db.Rounds.AnyAsync(r => r.Id == id && r.PartnershipId == partnershipId, ct))
            {
                return false;
            }

            roundId = id;
        }

        if (values.TryGetValue("roleId", out var roleValue)
            && (!int.TryParse(roleValue?.ToString(), out var roleId) || !await db.RoleAssignments.AnyAsync(r => r.Id == roleId && r.PartnershipId == partnershipId, ct)))
        {
            return false;
        }

        if (values.TryGetValue("returnId", out var returnValue))
        {
            return int.TryParse(returnValue?.ToString(), out var returnId)
                && await db.Receipts.AnyAsync(x => x.ReturnId == returnId && x.Round.PartnershipId == partnershipId && (roundId == null || x.RoundId == roundId), ct);
        }

        return true;
    }

    private async Task DenyAsync(PageHandlerExecutingContext context, string userId, string why, int status)
    {
        await security.RecordAsync(SecurityEventKinds.Denied, userId, null, context.HttpContext.Request.Path, why, context.HttpContext.RequestAborted);
        context.Result = new StatusCodeResult(status);
    }
}

public static class PartnershipAccessExtensions
{
    public static PartnershipAccess PartnershipAccess(this HttpContext context) =>
        context.Features.Get<PartnershipAccess>() ?? throw new InvalidOperationException("PartnershipAccessFilter did not run for this page.");
}
