using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
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

/// <summary>
/// A page only the agency's safeguarding lead may use: its people and its membership requests. With
/// <see cref="OrPlatformAdministrator"/>, a platform administrator may use it too (deciding a membership request for an
/// agency that has no lead).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LeadsAgencyAttribute : Attribute
{
    public bool OrPlatformAdministrator { get; init; }
}

/// <summary>
/// A page that changes the agency's own details: its lead, or an administrator of its only partnership while it has
/// no active lead (<see cref="AgencyService.MayEditAsync"/>, the one statement of that rule); anyone else who can see
/// the agency gets 403.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class EditsAgencyAttribute : Attribute;

/// <summary>
/// The agency an /agencies page is about, the roles the user holds over it, and how much of its action plan they may
/// see (<see cref="PlanScope"/>: whole for its own people, their own partnership's rounds for a partnership's people).
/// <see cref="AdministeredPartnerships"/>: the agency's partnerships the user administers (which pages under them they may open).
/// </summary>
public sealed record AgencyAccess(Agency Agency, IReadOnlyList<Role> Roles, PlanScope Scope, bool IsPlatformAdministrator = false,
    IReadOnlyList<int>? AdministeredPartnerships = null)
{
    public bool CanEdit => Roles.Any(RoleAssignment.EditorRoles.Contains);
    public bool IsLead => Roles.Contains(Role.AgencyLead);
}

/// <summary>
/// The one place that decides who may open an /agencies page: the agency's own people, and the administrators and
/// reviewers of a partnership the agency has agreed to join, who see only what came from their own partnership's
/// rounds. Anyone else, and any area, action, return or request id that is not the agency's (or not in what the
/// person may see), gets 404.
/// </summary>
public sealed class AgencyAccessFilter(Section11DbContext db, UserManager<ApplicationUser> users, SecurityLog security, AgencyService agencies) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var userId = users.GetUserId(http.User)!;
        var values = context.RouteData.Values;
        var type = context.HandlerInstance.GetType();
        var agency = int.TryParse(values["agencyId"]?.ToString(), out var agencyId)
            ? await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, ct)
            : null;
        var partnerships = db.PartnershipMemberships.Where(m => m.AgencyId == agencyId).Select(m => m.PartnershipId);
        var held = agency is null
            ? []
            : await db.RoleAssignments
                .Where(r => r.UserId == userId && (r.AgencyId == agencyId || r.Role == Role.PlatformAdministrator
                    || (r.PartnershipId != null && partnerships.Contains(r.PartnershipId.Value))))
                .Select(r => new { r.Role, r.AgencyId, r.PartnershipId }).ToListAsync(ct);
        var roles = held.Where(r => r.Role != Role.PlatformAdministrator).Select(r => r.Role).Distinct().ToList();
        var leads = type.GetCustomAttribute<LeadsAgencyAttribute>();
        var platform = leads?.OrPlatformAdministrator == true && held.Any(r => r.Role == Role.PlatformAdministrator);
        var scope = held.Any(r => r.AgencyId == agencyId)
            ? PlanScope.Whole
            : PlanScope.OfPartnerships(held.Where(r => r.PartnershipId != null).Select(r => r.PartnershipId!.Value));
        if (agency is null || (roles.Count == 0 && !platform) || !await BelongsAsync(values, agencyId, scope, ct))
        {
            await security.RecordAsync(SecurityEventKinds.Denied, userId, null, http.Request.Path, "no role for this agency", ct);
            context.Result = new NotFoundResult();
            return;
        }

        var access = new AgencyAccess(agency, roles, scope, platform,
            [.. held.Where(r => r.Role == Role.PartnershipAdministrator && r.PartnershipId != null).Select(r => r.PartnershipId!.Value).Distinct()]);
        if (leads is not null && !access.IsLead && !platform)
        {
            await security.RecordAsync(SecurityEventKinds.Denied, userId, null, http.Request.Path, "needs the agency's lead", ct);
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        if (type.GetCustomAttribute<EditsAgencyAttribute>() is not null && !await agencies.MayEditAsync(agencyId, userId, ct))
        {
            await security.RecordAsync(SecurityEventKinds.Denied, userId, null, http.Request.Path, "may not change the agency's details", ct);
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        var edits = type.GetCustomAttribute<EditsActionPlanAttribute>();
        if (edits is not null && !access.CanEdit && !(edits.PostOnly && HttpMethods.IsGet(http.Request.Method)))
        {
            await security.RecordAsync(SecurityEventKinds.Denied, userId, null, http.Request.Path, "needs an editing role", ct);
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        http.Features.Set(access);
        await next();
    }

    /// <summary>Area, action, return, role and request ids in the address must be the agency's own, and within what the person may see.</summary>
    private async Task<bool> BelongsAsync(RouteValueDictionary values, int agencyId, PlanScope scope, CancellationToken ct)
    {
        static int? Id(RouteValueDictionary values, string key) =>
            values.TryGetValue(key, out var v) ? (int.TryParse(v?.ToString(), out var id) ? id : -1) : null;

        var areas = scope.Filter(db.ImprovementAreas.Where(a => a.AgencyId == agencyId), db);
        if (Id(values, "areaId") is { } areaId && !await areas.AnyAsync(a => a.Id == areaId, ct))
        {
            return false;
        }

        if (Id(values, "actionId") is { } actionId
            && !await db.PlanActions.AnyAsync(x => x.Id == actionId && areas.Any(a => a.Id == x.ImprovementAreaId), ct))
        {
            return false;
        }

        if (Id(values, "roleId") is { } roleId && !await db.RoleAssignments.AnyAsync(r => r.Id == roleId && r.AgencyId == agencyId, ct))
        {
            return false;
        }

        if (Id(values, "requestId") is { } requestId && !await db.MembershipRequests.AnyAsync(r => r.Id == requestId && r.AgencyId == agencyId, ct))
        {
            return false;
        }

        // A round in the address (its survey's results) must be one the agency takes part in.
        if (Id(values, "roundId") is { } roundId && !await db.Receipts.AnyAsync(x => x.RoundId == roundId && x.AgencyId == agencyId, ct))
        {
            return false;
        }

        return Id(values, "returnId") is not { } returnId
            || await scope.Filter(db.Returns.Where(r => r.AgencyId == agencyId)).AnyAsync(r => r.Id == returnId, ct);
    }
}

public static class AgencyAccessExtensions
{
    public static AgencyAccess AgencyAccess(this HttpContext context) =>
        context.Features.Get<AgencyAccess>() ?? throw new InvalidOperationException("AgencyAccessFilter did not run for this page.");
}
