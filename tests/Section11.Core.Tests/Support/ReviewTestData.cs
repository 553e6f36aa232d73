using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Returns;

namespace Section11.Core.Tests.Support;

/// <summary>A submitted return's receipt, ready for its partnership to review.</summary>
public static class ReviewTestData
{
    public sealed record ReviewedReceipt(ReturnSummary Summary, int ReceiptId, int PartnershipId, int RoundId, string AgencyUser);

    public static async Task<ReviewedReceipt> SubmittedReceiptAsync(TestDatabase database, FrameworkCatalog catalog, TimeProvider time)
    {
        var (summary, user) = await SubmittedReturns.SubmittedAsync(database, catalog, time);
        var receipt = summary.Receipts[0];
        return new(summary, receipt.Id, receipt.PartnershipId, receipt.RoundId, user);
    }

    /// <summary>A person (no password) holding <paramref name="role"/> in a partnership.</summary>
    public static async Task<string> PartnershipPersonAsync(Section11DbContext db, int partnershipId, Role role, string name)
    {
        var email = $"reviewer-{Guid.NewGuid():N}@test.example";
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = name, SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = role, PartnershipId = partnershipId });
        await db.SaveChangesAsync();
        return user.Id;
    }
}
