using Section11.Core.Identity;

namespace Section11.Web.Tests.Support;

public static class Grants
{
    /// <summary>Gives an existing user one more role for an agency.</summary>
    public static async Task GrantAsync(this Section11Factory factory, string userId, Role role, int agencyId)
    {
        await using var db = factory.Database.CreateContext();
        db.RoleAssignments.Add(new RoleAssignment { UserId = userId, Role = role, AgencyId = agencyId });
        await db.SaveChangesAsync();
    }

    /// <summary>A lead who is also the senior signatory, as in a small agency.</summary>
    public static async Task<Section11Factory.Lead> CreateLeadWhoSignsAsync(this Section11Factory factory, string framework)
    {
        var lead = await factory.CreateLeadAsync(framework);
        await factory.GrantAsync(lead.UserId, Role.SeniorSignatory, lead.AgencyId);
        return lead;
    }
}
