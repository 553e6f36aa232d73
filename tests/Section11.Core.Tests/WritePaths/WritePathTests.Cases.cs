using Microsoft.EntityFrameworkCore;
using Section11.Core.Api;
using Section11.Core.Data;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.WritePaths;

/// <summary>The cases: each prepares what its method needs (through another context), then calls it on the watched one.</summary>
public sealed partial class WritePathTests
{
    /// <summary>Every case, by "Type.Method": those here, and those of the other files of this class.</summary>
    private static readonly Dictionary<string, Func<WritePathTests, Section11DbContext, Watch, Task>> Cases =
        new[] { ReturnAndRoundCases(), PlanCases(), OrganisationCases(), AccountCases(), RoundLifeCases(), NotificationCases(), ReviewCases(), ChallengeCases(), SurveyCases(), DelegationCases() }.SelectMany(d => d).ToDictionary(c => c.Key, c => c.Value);

    private static Dictionary<string, Func<WritePathTests, Section11DbContext, Watch, Task>> ReturnAndRoundCases() => new()
    {
        ["ReturnService.SaveStandardAsync"] = async (t, db, _) =>
        {
            var (returnId, user) = await t.DraftAsync();
            var returns = new ReturnService(db, t._catalog, t._time);
            var summary = (await returns.GetSummaryAsync(returnId))!;
            var framework = await t._catalog.GetForRoundAsync(db, summary.Receipts[0].RoundId);
            var standard = framework.Standards.Single(s => s.Number == 1);
            var input = new StandardInput(0, [.. standard.Items.Select(i => new AnswerValues(i.Id, "fully-met", "Evidence", null, DateInput.Empty))],
                new EvaluationValues(null, null));
            Assert.Equal(SaveOutcome.Saved, (await returns.SaveStandardAsync(summary, 1, input, complete: false, user)).Outcome);
        },
        ["ReturnService.SendForSignOffAsync"] = async (t, db, _) =>
        {
            var (returnId, _, user) = await SubmittedReturns.CompletedAsync(t.Database, t._catalog, t._time);
            Assert.Empty(await new ReturnService(db, t._catalog, t._time).SendForSignOffAsync(returnId, user));
        },
        ["ReturnService.WithdrawAsync"] = async (t, db, _) =>
        {
            var (returnId, _, user) = await SubmittedReturns.CompletedAsync(t.Database, t._catalog, t._time);
            await using (var other = t.Database.CreateContext())
            {
                Assert.Empty(await new ReturnService(other, t._catalog, t._time).SendForSignOffAsync(returnId, user));
            }

            Assert.Empty(await new ReturnService(db, t._catalog, t._time).WithdrawAsync(returnId, user));
        },
        ["ReturnService.SubmitAsync"] = async (t, db, _) =>
        {
            var (returnId, _, user) = await SubmittedReturns.CompletedAsync(t.Database, t._catalog, t._time);
            Assert.Empty(await new ReturnService(db, t._catalog, t._time).SubmitAsync(returnId, SignedOff, user));
        },
        ["RoundService.CreateAsync"] = async (t, db, _) =>
        {
            var (partnershipId, _, user) = await t.PartnershipAsync();
            var frameworkId = await db.FrameworkVersions.Where(f => f.FrameworkKey == "masa-2018").Select(f => f.Id).SingleAsync();
            var (roundId, errors) = await new RoundService(db, t._catalog, t._time).CreateAsync(partnershipId,
                new RoundInput("Section 11 audit 2027", frameworkId, new DateInput("1", "12", "2026"), new DateInput("31", "3", "2027")), user);
            Assert.Empty(errors);
            Assert.NotNull(roundId);
        },
        ["RoundService.AddLocalItemAsync"] = async (t, db, _) =>
        {
            var (roundId, _, user) = await t.RoundAsync("primary-care-2014");
            Assert.Empty(await new RoundService(db, t._catalog, t._time).AddLocalItemAsync(roundId,
                new LocalItemInput("The practice attends the quarterly MASH briefing.", "Attendance register"), user));
        },
        ["RoundService.LaunchAsync"] = async (t, db, _) =>
        {
            var (roundId, agencies, user) = await t.RoundAsync("masa-2018");
            Assert.Empty(await new RoundService(db, t._catalog, t._time).LaunchAsync(roundId, agencies, user));
        },
        ["RoundService.ExtendAsync"] = async (t, db, _) =>
        {
            var (returnId, user) = await t.DraftAsync();
            var roundId = await db.Receipts.Where(x => x.ReturnId == returnId).Select(x => x.RoundId).SingleAsync();
            Assert.Empty(await new RoundService(db, t._catalog, t._time).ExtendAsync(roundId, returnId, new DateInput("30", "4", "2027"), user));
        },
        ["RoundService.ReturnForChangesAsync"] = async (t, db, _) =>
        {
            var (summary, user) = await SubmittedReturns.SubmittedAsync(t.Database, t._catalog, t._time);
            Assert.Empty(await new RoundService(db, t._catalog, t._time).ReturnForChangesAsync(summary.Receipts[0].RoundId, summary.Id, "Say more about 1.1", user));
        },
        ["SharingService.ChooseAsync"] = async (t, db, _) =>
        {
            var (receiptId, agencyId, returnId, user) = await t.RequestAsync();
            Assert.Empty(await new SharingService(db, t._catalog, t._time).ChooseAsync(agencyId, receiptId, returnId, user));
        },
        ["ApiTokenService.IssueAsync"] = async (t, db, _) =>
        {
            var (partnershipId, _, user) = await t.PartnershipAsync();
            var (issued, errors) = await new ApiTokenService(db, t._time).IssueAsync(partnershipId, "Warehouse", user);
            Assert.Empty(errors);
            Assert.NotNull(issued);
        },
        ["ApiTokenService.RevokeAsync"] = async (t, db, _) =>
        {
            var (partnershipId, _, user) = await t.PartnershipAsync();
            int tokenId;
            await using (var other = t.Database.CreateContext())
            {
                await new ApiTokenService(other, t._time).IssueAsync(partnershipId, "Warehouse", user);
                tokenId = await other.ApiTokens.Where(x => x.PartnershipId == partnershipId).Select(x => x.Id).SingleAsync();
            }

            Assert.True(await new ApiTokenService(db, t._time).RevokeAsync(partnershipId, tokenId, user));
        },
    };

    private static SignOffInput SignedOff => new("Dr A", "Partner", "Practice", new DateInput("22", "11", "2026"), true);

    private async Task<(int ReturnId, string User)> DraftAsync()
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "primary-care-2014");
        return (created.ReturnId, await TestData.CreateUserAsync(db, created.AgencyId));
    }

    private async Task<(int PartnershipId, IReadOnlyList<int> Agencies, string User)> PartnershipAsync()
    {
        await using var db = database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "GP practice", "Hospital trust");
        return (p.PartnershipId, p.AgencyIds, await TestData.CreateUserAsync(db, p.AgencyIds[0], name: "Pat Admin"));
    }

    private async Task<(int RoundId, IReadOnlyList<int> Agencies, string User)> RoundAsync(string framework)
    {
        var (partnershipId, agencies, user) = await PartnershipAsync();
        await using var db = database.CreateContext();
        var frameworkId = await db.FrameworkVersions.Where(f => f.FrameworkKey == framework).Select(f => f.Id).SingleAsync();
        var (roundId, errors) = await new RoundService(db, _catalog, _time).CreateAsync(partnershipId,
            new RoundInput("Section 11 audit 2027", frameworkId, new DateInput("1", "12", "2026"), new DateInput("31", "3", "2027")), user);
        Assert.Empty(errors);
        return (roundId!.Value, agencies, user);
    }

    /// <summary>A second partnership's round on the same framework asks the agency for the return it already has.</summary>
    private async Task<(int ReceiptId, int AgencyId, int ReturnId, string User)> RequestAsync()
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "masa-2018");
        var user = await TestData.CreateUserAsync(db, created.AgencyId);
        var agency = await db.Agencies.SingleAsync(a => a.Id == created.AgencyId);
        var partnership = new Partnership { Name = $"Second partnership {Guid.NewGuid():N}", Memberships = [new PartnershipMembership { Agency = agency }] };
        var round = new Round
        {
            Partnership = partnership, FrameworkVersionId = created.FrameworkVersionId, Title = "Second round",
            OpensOn = new DateOnly(2026, 2, 1), DueOn = new DateOnly(2027, 4, 30), CreatedAt = Now.UtcDateTime, LaunchedAt = Now.UtcDateTime,
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        var receipt = Receipt.For(round, agency, Now.UtcDateTime);
        db.Receipts.Add(receipt);
        await db.SaveChangesAsync();
        return (receipt.Id, agency.Id, created.ReturnId, user);
    }
}
