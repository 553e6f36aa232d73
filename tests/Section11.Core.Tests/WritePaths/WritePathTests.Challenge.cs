using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;
using Section11.Core.ActionPlans;
using Section11.Core.Data;
using Section11.Core.Email;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Reporting;
using Section11.Core.Reporting.Exports;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Review.Panels;
using Section11.Core.Surveys;
using Section11.Core.Tests.Accounts;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.WritePaths;

/// <summary>
/// The cases of the partnership's challenge beyond the review itself (feedback letters, challenge panels, peer-agency
/// reviewers, docs/review.md) and of the full export's requests and downloads (docs/reporting.md).
/// </summary>
public sealed partial class WritePathTests
{
    private static Dictionary<string, Func<WritePathTests, Section11DbContext, Watch, Task>> ChallengeCases() => new()
    {
        ["FeedbackLetterService.SaveDraftAsync"] = async (t, db, _) =>
        {
            var (receiptId, admin) = await t.ModeratedReviewAsync();
            Assert.Empty(await t.Letters(db).SaveDraftAsync(receiptId, new("Thank you for your return.", null, null, new DateInput("1", "3", "2027")), admin));
        },
        ["FeedbackLetterService.SendAsync"] = async (t, db, _) =>
        {
            var (receiptId, admin) = await t.ModeratedReviewAsync();
            Assert.Empty(await t.Letters(db).SendAsync(receiptId, new("Thank you for your return.", null, null, new DateInput("1", "3", "2027")), admin));
        },
        ["PanelService.ScheduleAsync"] = async (t, db, _) =>
        {
            var (r, admin) = await t.PanelReceiptAsync();
            var (id, errors) = await t.Panels(db).ScheduleAsync(r.RoundId, new("March panel", new DateInput("12", "3", "2027"), "Online", [admin], [r.ReceiptId]), admin);
            Assert.Empty(errors);
            Assert.NotNull(id);
        },
        ["PanelService.RecordOutcomeAsync"] = async (t, db, _) =>
        {
            var (r, admin) = await t.PanelReceiptAsync();
            int panelId;
            await using (var other = t.Database.CreateContext())
            {
                panelId = (await t.Panels(other).ScheduleAsync(r.RoundId, new("March panel", new DateInput("12", "3", "2027"), "Online", [admin], [r.ReceiptId]), admin)).Id!.Value;
            }

            Assert.Empty(await t.Panels(db).RecordOutcomeAsync(r.RoundId, panelId, r.ReceiptId,
                new("2", null, [new OutcomeActionInput("Name a senior lead", new DateInput("30", "6", "2027"))], "No", null), admin));
        },
        ["PeerReviewerService.InviteAsync"] = async (t, db, _) =>
        {
            await using var accounts = new AccountServices(t.Database, t._time);
            var (roundId, peerAgencyId, admin) = await t.PeerRoundAsync();
            var (invited, errors) = await t.Peers(accounts, db).InviteAsync(roundId, new(peerAgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture), NewAddress(), "Pat Peer"), admin, null);
            Assert.Empty(errors);
            Assert.NotNull(invited);
        },
        ["PeerReviewerService.RemoveAsync"] = async (t, db, _) =>
        {
            await using var accounts = new AccountServices(t.Database, t._time);
            var (roundId, peerAgencyId, admin) = await t.PeerRoundAsync();
            int peerId;
            await using (var other = t.Database.CreateContext())
            {
                Assert.Empty((await t.Peers(accounts, other).InviteAsync(roundId, new(peerAgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture), NewAddress(), "Pat Peer"), admin, null)).Errors);
                peerId = await other.PeerReviewers.Where(p => p.RoundId == roundId).Select(p => p.Id).SingleAsync();
            }

            Assert.Empty((await t.Peers(accounts, db).RemoveAsync(roundId, peerId, admin))!);
        },
        ["ExportJobService.RequestAsync"] = async (t, db, _) =>
        {
            var (partnershipId, _, admin) = await t.PartnershipAsync();
            var (jobId, errors) = await Exports(db, t._time).RequestAsync(partnershipId, "zip", admin);
            Assert.Empty(errors);
            Assert.NotNull(jobId);
        },
    };

    /// <summary>The export worker's own bookkeeping and the downloads' log: only the request changes a record.</summary>
    private static readonly Dictionary<string, string> ExportNotRecorded = new()
    {
        ["ExportJobService.ClaimAsync"] = "a node claims a queued export, against producing it twice (the request is recorded)",
        ["ExportJobService.RunDueAsync"] = "the export worker's turn: claims, produces and expires exports (the request and downloads are recorded)",
        ["ExportJobService.ProduceAsync"] = "writes the requested file's chunks and the job's progress: the request is recorded",
        ["ExportJobService.OpenAsync"] = "a download: it changes no data, and the change-log row it writes is its record (ExportJobTests reads it)",
        ["ExportJobService.DeleteExpiredAsync"] = "deletes export files past their keep date (docs/operations.md): no one's change to a record",
    };

    private FeedbackLetterService Letters(Section11DbContext db) => new(db, _catalog, new ReviewService(db, _catalog, _time), _time);

    private PanelService Panels(Section11DbContext db) => new(db, _catalog, new ReturnService(db, _catalog, _time),
        new ReturnReportService(db, new RoundDataService(db, _catalog, _time), new SurveyService(db, _catalog, _time), _time), new ActionPlanService(db, _catalog, _time), _time);

    private PeerReviewerService Peers(AccountServices accounts, Section11DbContext db) =>
        new(db, Invitations(accounts, db), accounts.Get<EmailSender>(), _time, accounts.Get<IOptions<AccountOptions>>());

    private static ExportJobService Exports(Section11DbContext db, TimeProvider time) =>
        new(db, new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), Options.Create(new ExportOptions()), time, NullLogger<ExportJobService>.Instance);

    /// <summary>A submitted receipt whose review is finished (Moderated), and an administrator of its partnership.</summary>
    private async Task<(int ReceiptId, string Administrator)> ModeratedReviewAsync()
    {
        var (receiptId, admin, _) = await StartedReviewAsync();
        await using var db = Database.CreateContext();
        Assert.Empty(await new ReviewService(db, _catalog, _time).ActAsync(receiptId, ReviewAction.Finish, admin));
        return (receiptId, admin);
    }

    /// <summary>A submitted receipt on the 0–3 moderation framework, for a panel to see, and an administrator.</summary>
    private async Task<(ReviewTestData.ReviewedReceipt R, string Administrator)> PanelReceiptAsync()
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(Database, _catalog, _time);
        await using var db = Database.CreateContext();
        return (r, await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin"));
    }

    /// <summary>A round with a submitted receipt, a second member agency whose people may be invited as peers, and an administrator.</summary>
    private async Task<(int RoundId, int PeerAgencyId, string Administrator)> PeerRoundAsync()
    {
        var r = await ReviewTestData.SubmittedReceiptAsync(Database, _catalog, _time);
        await using var db = Database.CreateContext();
        var peerAgency = new Agency { Name = $"Peer agency {Guid.NewGuid():N}"[..24], Sector = Sector.Health };
        db.Agencies.Add(peerAgency);
        db.PartnershipMemberships.Add(new PartnershipMembership { PartnershipId = r.PartnershipId, Agency = peerAgency });
        await db.SaveChangesAsync();
        return (r.RoundId, peerAgency.Id, await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin"));
    }
}
