using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Web.Infrastructure;

/// <summary>What a page under /returns needs, beyond being able to see the return.</summary>
public enum ReturnRequirement
{
    /// <summary>Any role for the agency, or an administrator or reviewer of the round's partnership.</summary>
    View,

    /// <summary>An editing role (lead or contributor) and a return still open for changes.</summary>
    Edit,

    /// <summary>An editing role, whatever the status; the domain decides what the status allows.</summary>
    EditorRole,

    /// <summary>A senior signatory of the agency.</summary>
    SignOff,

    /// <summary>The agency's lead or an administrator of the partnership: the change history.</summary>
    History,

    /// <summary>The agency's lead, on a return still open for changes: assigning its standards to people.</summary>
    Delegate,
    /// <summary>The agency's lead: answering a partnership's challenges and evidence requests (docs/review.md).</summary>
    AnswerReview,

    /// <summary>Anyone of the agency itself: its feedback letters (the partnership's people read theirs on the review).</summary>
    Agency,
}

/// <summary>On a page, what all its handlers need; on a handler (OnPostWithdraw), what that one needs instead.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiresAttribute(ReturnRequirement requirement) : Attribute
{
    public ReturnRequirement Requirement { get; } = requirement;
}

/// <summary>The return a /returns page is about, and the roles the signed-in user holds over it.</summary>
public sealed record ReturnAccess(ReturnSummary Return, IReadOnlyList<Role> Roles)
{
    public bool CanEdit => Roles.Any(RoleAssignment.EditorRoles.Contains);
    public bool CanSignOff => Roles.Contains(Role.SeniorSignatory);
    public bool CanSeeHistory => Roles.Contains(Role.AgencyLead) || Roles.Contains(Role.PartnershipAdministrator);
    public bool CanDelegate => Roles.Contains(Role.AgencyLead);
    public bool CanAnswerReview => Roles.Contains(Role.AgencyLead);
    public bool IsAgency => Roles.Any(RoleAssignment.AgencyRoles.Contains);
    public bool IsPartnership => Roles.Contains(Role.PartnershipAdministrator) || Roles.Contains(Role.PartnershipReviewer);

    /// <summary>A peer-agency reviewer reading a return assigned to them (docs/review.md): no role for the agency or partnership.</summary>
    public bool IsPeerReviewer => Roles.Contains(Role.PeerReviewer);

    /// <summary>Whether this person may do <paramref name="action"/> to the return now: the lifecycle table decides; pages ask here.</summary>
    public bool Can(ReturnAction action) => ReturnLifecycle.Allows(Return.Status, action, Roles, Return.IsLocked);

    public bool Meets(ReturnRequirement requirement) => requirement switch
    {
        ReturnRequirement.View => Roles.Count > 0,
        ReturnRequirement.Edit or ReturnRequirement.EditorRole => CanEdit,
        ReturnRequirement.SignOff => CanSignOff,
        ReturnRequirement.History => CanSeeHistory,
        ReturnRequirement.Delegate => CanDelegate,
        ReturnRequirement.AnswerReview => CanAnswerReview,
        ReturnRequirement.Agency => IsAgency,
        _ => false,
    };
}

/// <summary>
/// The one place that decides who may open a return. A return the user has no role for answers 404, exactly as one
/// that does not exist, so nothing about other agencies can be learned by guessing numbers.
/// </summary>
public sealed class ReturnAccessFilter(ReturnService returns, Section11DbContext db, UserManager<ApplicationUser> users, SecurityLog security,
    Section11.Core.Review.ReviewService reviews) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var userId = users.GetUserId(http.User);
        if (userId is null || !int.TryParse(context.RouteData.Values["returnId"]?.ToString(), out var returnId))
        {
            context.Result = new NotFoundResult();
            return;
        }

        var summary = await returns.GetSummaryAsync(returnId, http.RequestAborted);
        var partnershipIds = summary?.Receipts.Select(x => x.PartnershipId).ToList() ?? [];
        var held = summary is null
            ? []
            : await db.RoleAssignments
                .Where(r => r.UserId == userId && (r.AgencyId == summary.AgencyId || (r.PartnershipId != null && partnershipIds.Contains(r.PartnershipId.Value))))
                .Select(r => new { r.Role, r.AgencyId, r.PartnershipId }).ToListAsync(http.RequestAborted);
        var roles = held.Select(r => r.Role).Distinct().ToList();

        // No role at all: a peer reviewer may read (only) a page open to them, for a return assigned to them, and sees
        // only the partnership that asked them.
        if (summary is not null && held.Count == 0 && context.HandlerInstance.GetType().GetCustomAttribute<OpenToPeerReviewersAttribute>() is not null
            && await reviews.PeerReviewedPartnershipsAsync(returnId, userId, http.RequestAborted) is { Count: > 0 } peerOf)
        {
            summary = summary.SeenBy(peerOf);
            roles = [Role.PeerReviewer];
        }

        // Someone who sees the return only for a partnership sees only that partnership's receipts: never another's
        // round, due date, request for changes or local section.
        if (summary is not null && held.Count > 0 && held.All(r => r.AgencyId is null))
        {
            summary = summary.SeenBy([.. held.Select(r => r.PartnershipId!.Value)]);
        }

        // A receipt in the address (/returns/{id}/reviews/{receiptId}) must be one of this return's that the person sees.
        var receiptMissing = context.RouteData.Values.TryGetValue("receiptId", out var receiptValue)
            && (!int.TryParse(receiptValue?.ToString(), out var receiptId) || summary?.Receipts.All(x => x.Id != receiptId) != false);
        var access = summary is null ? null : new ReturnAccess(summary, roles);
        if (access is null || roles.Count == 0 || receiptMissing)
        {
            await security.RecordAsync(SecurityEventKinds.Denied, userId, null, http.Request.Path, receiptMissing && roles.Count > 0 ? "receipt not of this return" : "no role for this return", http.RequestAborted);
            context.Result = new NotFoundResult();
            return;
        }

        var requirement = (context.HandlerMethod?.MethodInfo.GetCustomAttribute<RequiresAttribute>()
            ?? context.HandlerInstance.GetType().GetCustomAttribute<RequiresAttribute>())?.Requirement ?? ReturnRequirement.View;
        if (!access.Meets(requirement))
        {
            await security.RecordAsync(SecurityEventKinds.Denied, userId, null, http.Request.Path, $"needs {requirement}", http.RequestAborted);
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        var closed = requirement switch
        {
            ReturnRequirement.Edit or ReturnRequirement.Delegate => !ReturnLifecycle.Allows(summary!.Status, ReturnAction.Edit, summary.IsLocked),
            ReturnRequirement.SignOff => !ReturnLifecycle.Allows(summary!.Status, ReturnAction.SignOff, summary.IsLocked),
            _ => false,
        };
        if (closed)
        {
            // A submitted (or locked) return cannot change, whatever request arrives.
            context.Result = HttpMethods.IsGet(http.Request.Method)
                ? new RedirectResult(Links.ViewReturn(returnId))
                : new StatusCodeResult(StatusCodes.Status409Conflict);
            return;
        }

        http.Features.Set(access);
        await next();
    }
}

public static class ReturnAccessExtensions
{
    public static ReturnAccess ReturnAccess(this HttpContext context) =>
        context.Features.Get<ReturnAccess>() ?? throw new InvalidOperationException("ReturnAccessFilter did not run for this page.");
}
