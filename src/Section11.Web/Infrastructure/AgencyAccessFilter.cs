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

/// <summary>
/// A page that changes the agency's action plan: needs the agency's lead or a contributor. With
/// <see cref="PostOnly"/>, anyone who can see the plan may read the page, and only posting needs the role.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class EditsActionPlanAttribute : Attribute
{
    public bool PostOnly { get; init; }
}

public sealed record AgencyAccess(Agency Agency, IReadOnlyList<Role> Roles)
{
    public bool CanEdit => Roles.Any(RoleAssignment.EditorRoles.Contains);
}

/// <summary>
/// The one place that decides who may open an /agencies page (the action plan): the agency's own people, and the
/// administrators and reviewers of any partnership the agency belongs to. Anyone else, and any area, action or
/// return id that is not the agency's, gets 404.
/// </summary>
public sealed class AgencyAccessFilter(Section11DbContext db, UserManager<ApplicationUser> users, SecurityLog security) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var userId = users.GetUserId(http.User)!;
        var values = context.RouteData.Values;
        var agency = int.TryParse(values["agencyId"]?.ToString(), out var agencyId)
            ? await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, ct)
            : null;
        var partnerships = db.PartnershipMemberships.Where(m => m.AgencyId == agencyId).Select(m => m.PartnershipId);
        var roles = agency is null
            ? []
            : await db.RoleAssignments
                .Where(r => r.UserId == userId && (r.AgencyId == agencyId || (r.PartnershipId != null && partnerships.Contains(r.PartnershipId.Value))))
                .Select(r => r.Role).ToListAsync(ct);
        if (agency is null || roles.Count == 0 || !await BelongsAsync(values, agencyId, ct))
        {
            await security.RecordAsync(SecurityEventKinds.Denied, userId, null, http.Request.Path, "no role for this agency", ct);
            context.Result = new NotFoundResult();
            return;
        }

        var access = new AgencyAccess(agency, roles);
        var edits = context.HandlerInstance.GetType().GetCustomAttribute<EditsActionPlanAttribute>();
        if (edits is not null && !access.CanEdit && !(edits.PostOnly && HttpMethods.IsGet(http.Request.Method)))
        {
            await security.RecordAsync(SecurityEventKinds.Denied, userId, null, http.Request.Path, "needs an editing role", ct);
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        http.Features.Set(access);
        await next();
    }

    /// <summary>Area, action and return ids in the address must be the agency's own.</summary>
    private async Task<bool> BelongsAsync(RouteValueDictionary values, int agencyId, CancellationToken ct)
    {
        static int? Id(RouteValueDictionary values, string key) =>
            values.TryGetValue(key, out var v) ? (int.TryParse(v?.ToString(), out var id) ? id : -1) : null;

        if (Id(values, "areaId") is { } areaId && !await db.ImprovementAreas.AnyAsync(a => a.Id == areaId && a.AgencyId == agencyId, ct))
        {
            return false;
        }

        if (Id(values, "actionId") is { } actionId
            && !await db.PlanActions.AnyAsync(x => x.Id == actionId && db.ImprovementAreas.Any(a => a.Id == x.ImprovementAreaId && a.AgencyId == agencyId), ct))
        {
            return false;
        }

        return Id(values, "returnId") is not { } returnId || await db.Returns.AnyAsync(r => r.Id == returnId && r.AgencyId == agencyId, ct);
    }
}

public static class AgencyAccessExtensions
{
    public static AgencyAccess AgencyAccess(this HttpContext context) =>
        context.Features.Get<AgencyAccess>() ?? throw new InvalidOperationException("AgencyAccessFilter did not run for this page.");
}
