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

    /// <summary>The test framework with its own 0–3 moderation scale (Frameworks/Valid/moderated-0-3.yaml): loaded, imported.</summary>
    public static async Task ImportModeratedFrameworkAsync(Section11DbContext db)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Frameworks", "Valid", "moderated-0-3.yaml");
        var loaded = FrameworkLoader.LoadFile(path);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Problems));
        await new FrameworkImporter(db, TimeProvider.System).ImportAsync(loaded.Definition!, path);
    }

    /// <summary>A submitted return on the 0–3 moderated framework: every item Met with "Evidence N", each standard evaluated Met.</summary>
    public static async Task<ReviewedReceipt> ModeratedScaleReceiptAsync(TestDatabase database, FrameworkCatalog catalog, TimeProvider time)
    {
        await using var db = database.CreateContext();
        await ImportModeratedFrameworkAsync(db);
        var created = await TestData.CreateReturnAsync(db, "moderated-score");
        var user = await TestData.CreateUserAsync(db, created.AgencyId);
        var returns = new ReturnService(db, catalog, time);
        var summary = (await returns.GetSummaryAsync(created.ReturnId))!;
        foreach (var standard in (await returns.GetFrameworkAsync(summary)).Standards)
        {
            var input = new StandardInput(0, [.. standard.Items.Select(i => new AnswerValues(i.Id, "met", $"Evidence {i.Number}", null, DateInput.Empty))],
                new EvaluationValues("met", $"Statement {standard.Number}"));
            Assert.Equal(SaveOutcome.Saved, (await returns.SaveStandardAsync((await returns.GetSummaryAsync(created.ReturnId))!, standard.Number, input, complete: true, user)).Outcome);
        }

        Assert.Empty(await returns.SubmitAsync(created.ReturnId, new SignOffInput("Dr A", "Director", "Agency", new DateInput("22", "11", "2026"), true), user));
        summary = (await returns.GetSummaryAsync(created.ReturnId))!;
        return new(summary, summary.Receipts[0].Id, summary.Receipts[0].PartnershipId, summary.Receipts[0].RoundId, user);
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
