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

/// <summary>A page (or one handler of a page) that changes a partnership's set-up: members, people, rounds.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AdministersPartnershipAttribute : Attribute;

/// <summary>
/// A page or handler that changes the review of the receipt in the address: an administrator of the partnership or a
/// reviewer assigned to that receipt (<see cref="Section11.Core.Review.ReviewService.MayModerateAsync"/>); anyone else 403.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ModeratesReceiptAttribute : Attribute;

/// <summary>
/// A page a peer-agency reviewer may open too, for a receipt assigned to them in a round they review in
/// (<see cref="Section11.Core.Review.PeerReviewerRules"/>): the review pages under /partnerships and the read-only
/// return under /returns. Every other page answers 404 to them.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OpenToPeerReviewersAttribute : Attribute;

/// <summary>A page only a platform administrator may use (creating partnerships).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PlatformAdministratorAttribute : Attribute;

public sealed record PartnershipAccess(Partnership Partnership, IReadOnlyList<Role> Roles, bool IsPlatformAdministrator)
{
    public bool CanAdminister => IsPlatformAdministrator || Roles.Contains(Role.PartnershipAdministrator);

    /// <summary>A peer-agency reviewer, let in for the one receipt in the address: no role in the partnership.</summary>
    public bool IsPeerReviewer => Roles.Contains(Role.PeerReviewer);
}

/// <summary>
/// The one place that decides who may open a /partnerships page. A partnership the user has no role in answers 404,
/// and so does a round or return id that does not belong to the partnership in the address.
/// </summary>
public sealed class PartnershipAccessFilter(Section11DbContext db, UserManager<ApplicationUser> users, SecurityLog security, Section11.Core.Review.ReviewService reviews) : IAsyncPageFilter
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
            // No role in the partnership: only a peer reviewer, on a page open to them, for a receipt assigned to them.
            if (partnership is not null && roles.Count == 0 && !isPlatformAdministrator && type.GetCustomAttribute<OpenToPeerReviewersAttribute>() is not null
                && int.TryParse(values["receiptId"]?.ToString(), out var peerReceiptId) && await reviews.MayPeerReviewAsync(peerReceiptId, userId, ct))
            {
                roles = [Role.PeerReviewer];
            }

            if (partnership is null || (roles.Count == 0 && !isPlatformAdministrator) || !await BelongsAsync(values, partnershipId, ct))
            {
                await DenyAsync(context, userId, "no role in this partnership", StatusCodes.Status404NotFound);
                return;
            }

            var access = new PartnershipAccess(partnership, roles, isPlatformAdministrator);
            var handler = context.HandlerMethod?.MethodInfo;
            if (Declares<AdministersPartnershipAttribute>(type, handler) && !access.CanAdminister)
            {
                await DenyAsync(context, userId, "needs partnership administrator", StatusCodes.Status403Forbidden);
                return;
            }

            if (Declares<ModeratesReceiptAttribute>(type, handler)
                && !(int.TryParse(values["receiptId"]?.ToString(), out var receiptId) && await reviews.MayModerateAsync(receiptId, userId, ct)))
            {
                await DenyAsync(context, userId, "needs an assigned reviewer or administrator", StatusCodes.Status403Forbidden);
                return;
            }

            http.Features.Set(access);
        }

        await next();
    }

    private static bool Declares<T>(Type page, MethodInfo? handler) where T : Attribute =>
        page.GetCustomAttribute<T>() is not null || handler?.GetCustomAttribute<T>() is not null;

    /// <summary>Round, return, receipt, role, agency, panel and export job ids in the address must belong to the partnership in the address (an agency: be a member).</summary>
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

        // An agency in the address: under a round (its survey results) one of the round's agencies, even one removed
        // since; otherwise (removing it) one of the partnership's member agencies.
        if (values.TryGetValue("agencyId", out var agencyValue)
            && (!int.TryParse(agencyValue?.ToString(), out var agencyId)
                || !(roundId is not null
                    ? await db.Receipts.AnyAsync(x => x.RoundId == roundId && x.AgencyId == agencyId, ct)
                    : await db.PartnershipMemberships.AnyAsync(m => m.PartnershipId == partnershipId && m.AgencyId == agencyId, ct))))
        {
            return false;
        }

        // A challenge panel in the address belongs to the round in it (and so to the partnership).
        if (values.TryGetValue("panelId", out var panelValue)
            && (!int.TryParse(panelValue?.ToString(), out var panelId) || !await db.ChallengePanels.AnyAsync(p => p.Id == panelId && p.RoundId == roundId, ct)))
        {
            return false;
        }

        if (values.TryGetValue("jobId", out var jobValue)
            && (!int.TryParse(jobValue?.ToString(), out var jobId) || !await db.ExportJobs.AnyAsync(j => j.Id == jobId && j.PartnershipId == partnershipId, ct)))
        {
            return false;
        }

        if (values.TryGetValue("roleId", out var roleValue)
            && (!int.TryParse(roleValue?.ToString(), out var roleId) || !await db.RoleAssignments.AnyAsync(r => r.Id == roleId && r.PartnershipId == partnershipId, ct)))
        {
            return false;
        }

        if (values.TryGetValue("receiptId", out var receiptValue)
            && (!int.TryParse(receiptValue?.ToString(), out var receiptId)
                || !await db.Receipts.AnyAsync(x => x.Id == receiptId && x.Round.PartnershipId == partnershipId && (roundId == null || x.RoundId == roundId), ct)))
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
