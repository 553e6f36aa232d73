using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Section11.Core.Data;
using Section11.Core.Identity;

namespace Section11.Web.Infrastructure;

/// <summary>
/// Adds a claim saying whether the person works at partnership level, so the header can offer "Partnerships"
/// without a query on every page. It only shapes navigation; every page still checks access itself.
/// </summary>
public sealed class NavigationClaimsFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, Section11DbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    public const string PartnershipsClaim = "section11:partnerships";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (await db.RoleAssignments.AnyAsync(r => r.UserId == user.Id && (r.PartnershipId != null || r.Role == Role.PlatformAdministrator)))
        {
            identity.AddClaim(new Claim(PartnershipsClaim, "true"));
        }

        identity.AddClaim(new Claim("name", user.DisplayName));
        return identity;
    }
}
