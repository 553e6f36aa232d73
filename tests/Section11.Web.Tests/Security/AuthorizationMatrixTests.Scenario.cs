using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;
using Xunit.Abstractions;

namespace Section11.Web.Tests.Security;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>
    /// Three partnerships (the third shares the own agency by its consent), four agencies, launched rounds and returns, a
    /// waiting membership request, an offered role, and one signed-in person per actor.
    /// </summary>
    public sealed class Scenario : Section11Factory
    {
        private readonly Dictionary<Actor, string> _emails = [];
        private int _partnershipId;
        private int _roundId;
        private int _returnId;
        private int _agencyId;
        private int _areaId;
        private int _actionId;
        private int _tokenId;
        private int _agencyRoleId;
        private int _partnershipRoleId;
        private int _requestId;
        private int _receiptId;
        private int _reviewReceiptId;
        private int _grantId;
        private int _peerId;
        private int _jobId;
        private int _panelId;
        private string _userId = "";
        private string _surveyToken = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = Database.CreateContext();
            var one = await PartnershipTestData.CreatePartnershipAsync(db, "Own agency", "Neighbour agency");
            var two = await PartnershipTestData.CreatePartnershipAsync(db, "Far agency");
            // A third partnership that the own agency agreed to join, with a round of its own launched to it.
            var three = await PartnershipTestData.CreatePartnershipAsync(db);
            db.MembershipRequests.Add(new MembershipRequest
            {
                PartnershipId = three.PartnershipId, AgencyId = one.AgencyIds[0], RequestedById = "matrix", RequestedAt = DateTime.UtcNow,
                Outcome = RequestOutcome.Accepted, DecidedById = "matrix", DecidedAt = DateTime.UtcNow,
            });
            db.PartnershipMemberships.Add(new PartnershipMembership { PartnershipId = three.PartnershipId, AgencyId = one.AgencyIds[0] });
            // Partnership two has asked too, and waits.
            var request = new MembershipRequest
            {
                PartnershipId = two.PartnershipId, AgencyId = one.AgencyIds[0], RequestedById = "matrix", RequestedAt = DateTime.UtcNow, Outcome = RequestOutcome.Pending,
            };
            db.MembershipRequests.Add(request);
            await db.SaveChangesAsync();
            _requestId = request.Id;
            _partnershipId = one.PartnershipId;
            var catalog = new FrameworkCatalog();
            _roundId = await LaunchAsync(db, catalog, one.PartnershipId, one.AgencyIds);
            await LaunchAsync(db, catalog, two.PartnershipId, two.AgencyIds);
            await LaunchAsync(db, catalog, three.PartnershipId, [one.AgencyIds[0]]);
            // The own agency already has a return on that framework: partnership three asks for it, and waits.
            _receiptId = await db.Receipts.Where(x => x.ReturnId == null && x.AgencyId == one.AgencyIds[0]).Select(x => x.Id).SingleAsync();
            _returnId = await db.Returns.Where(r => r.Receipts.Any(x => x.RoundId == _roundId) && r.AgencyId == one.AgencyIds[0]).Select(r => r.Id).SingleAsync();
            _agencyId = one.AgencyIds[0];
            _reviewReceiptId = await db.Receipts.Where(x => x.ReturnId == _returnId && x.RoundId == _roundId).Select(x => x.Id).SingleAsync();
            var area = new Section11.Core.ActionPlans.ImprovementArea
            {
                AgencyId = _agencyId, RoundId = _roundId, OverarchingStandard = "Standard 1, Matrix round", Outcome = "Outcome", Position = 1, CreatedAt = DateTime.UtcNow, CreatedById = "matrix",
                Actions =
                [
                    new() { SpecificAction = "Act", Deadline = new DateOnly(2030, 1, 1), LeadOrganisation = "Own agency", AccountablePerson = "A Person", SuccessIndicators = "Done", UpdatedById = "matrix", Position = 1 },
                ],
            };
            db.ImprovementAreas.Add(area);
            await db.SaveChangesAsync();
            (_areaId, _actionId) = (area.Id, area.Actions[0].Id);
            _surveyToken = await OpenSurveyAsync(db, catalog, _roundId);
            _tokenId = (await new Section11.Core.Api.ApiTokenService(db, TimeProvider.System).IssueAsync(one.PartnershipId, "Matrix", "matrix")).Issued!.Id;

            async Task Add(Actor actor, Role role, int? agencyId = null, int? partnershipId = null) =>
                _emails[actor] = (await CreatePersonAsync(role, agencyId, partnershipId, actor.ToString())).Email;

            await Add(Actor.LeadOwnAgency, Role.AgencyLead, agencyId: one.AgencyIds[0]);
            await Add(Actor.ContributorOwnAgency, Role.AgencyContributor, agencyId: one.AgencyIds[0]);
            await Add(Actor.SignatoryOwnAgency, Role.SeniorSignatory, agencyId: one.AgencyIds[0]);
            await Add(Actor.LeadOtherAgencySamePartnership, Role.AgencyLead, agencyId: one.AgencyIds[1]);
            await Add(Actor.LeadOtherPartnership, Role.AgencyLead, agencyId: two.AgencyIds[0]);
            await Add(Actor.AdministratorSamePartnership, Role.PartnershipAdministrator, partnershipId: one.PartnershipId);
            await Add(Actor.ReviewerSamePartnership, Role.PartnershipReviewer, partnershipId: one.PartnershipId);
            await Add(Actor.AdministratorOtherPartnership, Role.PartnershipAdministrator, partnershipId: two.PartnershipId);
            await Add(Actor.AdministratorSharingPartnership, Role.PartnershipAdministrator, partnershipId: three.PartnershipId);
            await Add(Actor.PlatformAdministrator, Role.PlatformAdministrator);
            // The peer reviewer: of the neighbour agency, accepted for the round, assigned to the own agency's receipt.
            await Add(Actor.PeerReviewer, Role.AgencyContributor, agencyId: one.AgencyIds[1]);
            var peerUser = await db.Users.Where(u => u.Email == _emails[Actor.PeerReviewer]).Select(u => u.Id).SingleAsync();
            var peer = new Section11.Core.Review.PeerReviewer
            {
                RoundId = _roundId, UserId = peerUser, AgencyId = one.AgencyIds[1], InvitedById = "matrix", InvitedAt = DateTime.UtcNow, AcceptedAt = DateTime.UtcNow,
            };
            db.PeerReviewers.Add(peer);
            db.ReviewAssignments.Add(new Section11.Core.Review.ReviewAssignment { ReceiptId = _reviewReceiptId, UserId = peerUser, AssignedById = "matrix", AssignedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            _peerId = peer.Id;
            // The account the /accounts pages show: someone who is not one of the actors, so nobody is deactivated.
            _userId = (await CreatePersonAsync(Role.AgencyLead, one.AgencyIds[1], null, "Matrix target")).UserId;
            // A ready export of partnership one (a tiny JSON file in one chunk), for its progress page and download.
            var job = new Section11.Core.Reporting.Exports.ExportJob
            {
                PartnershipId = one.PartnershipId, RequestedById = _userId, Format = "json", CreatedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow,
                ExpiresAt = DateTime.UtcNow.AddDays(7), Status = Section11.Core.Reporting.Exports.ExportJobStatus.Ready, TablesTotal = 1, TablesDone = 1, Chunks = 1, Length = 2,
            };
            db.ExportJobs.Add(job);
            await db.SaveChangesAsync();
            db.ExportJobChunks.Add(new Section11.Core.Reporting.Exports.ExportJobChunk { ExportJobId = job.Id, Index = 0, Data = "{}"u8.ToArray() });
            await db.SaveChangesAsync();
            _jobId = job.Id;

            async Task<RoleAssignment> RoleOf(Actor actor)
            {
                var userId = await db.Users.Where(u => u.Email == _emails[actor]).Select(u => u.Id).SingleAsync();
                return await db.RoleAssignments.SingleAsync(r => r.UserId == userId);
            }

            _agencyRoleId = (await RoleOf(Actor.ContributorOwnAgency)).Id;
            _partnershipRoleId = (await RoleOf(Actor.ReviewerSamePartnership)).Id;
            // A challenge panel of the round seeing the own agency's return (docs/review.md#challenge-panels).
            var panelAdmin = await db.Users.Where(u => u.Email == _emails[Actor.AdministratorSamePartnership]).Select(u => u.Id).SingleAsync();
            var panel = new Section11.Core.Review.Panels.ChallengePanel
            {
                RoundId = _roundId, Title = "Matrix panel", HeldOn = new DateOnly(2030, 1, 1), Place = "Online", CreatedAt = DateTime.UtcNow, CreatedById = panelAdmin,
                Members = [new() { UserId = panelAdmin }], Agencies = [new() { ReceiptId = _reviewReceiptId }],
            };
            db.ChallengePanels.Add(panel);
            // The partnership's feedback letter on that receipt, sent, so the agency's letter pages have one to show.
            db.FeedbackLetters.Add(new Section11.Core.Review.FeedbackLetter
            {
                ReceiptId = _reviewReceiptId, Opening = "Matrix letter", FollowUpOn = new DateOnly(2030, 1, 1), Status = Section11.Core.Review.LetterStatus.Sent,
                FrozenChanges = "[]", UpdatedAt = DateTime.UtcNow, UpdatedById = panelAdmin, SentAt = DateTime.UtcNow, SentById = panelAdmin,
            });
            await db.SaveChangesAsync();
            _panelId = panel.Id;
            var grant = new RoleGrant
            {
                UserId = (await RoleOf(Actor.LeadOwnAgency)).UserId, Role = Role.PartnershipReviewer, PartnershipId = two.PartnershipId,
                GrantedById = "matrix", CreatedAt = DateTime.UtcNow, Outcome = RequestOutcome.Pending,
            };
            db.RoleGrants.Add(grant);
            await db.SaveChangesAsync();
            _grantId = grant.Id;
        }

        private static async Task<int> LaunchAsync(Section11.Core.Data.Section11DbContext db, FrameworkCatalog catalog, int partnershipId, IReadOnlyList<int> agencies)
        {
            var framework = await db.FrameworkVersions.SingleAsync(f => f.FrameworkKey == "primary-care-2014");
            var round = new Round
            {
                PartnershipId = partnershipId, FrameworkVersionId = framework.Id, Title = "Matrix round",
                OpensOn = new DateOnly(2026, 1, 1), DueOn = new DateOnly(2030, 1, 1), CreatedAt = DateTime.UtcNow,
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            Assert.Empty(await new RoundService(db, catalog, TimeProvider.System).LaunchAsync(round.Id, [.. agencies], "matrix"));
            return round.Id;
        }

        /// <summary>The round's survey, open, so that its answering pages have a real link to show.</summary>
        private static async Task<string> OpenSurveyAsync(Section11.Core.Data.Section11DbContext db, FrameworkCatalog catalog, int roundId)
        {
            var surveys = new Section11.Core.Surveys.SurveyService(db, catalog, TimeProvider.System);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            Assert.Empty(await surveys.SaveDetailsAsync(roundId, new("Matrix", Section11.Core.Returns.DateInput.From(today.AddDays(-1)), Section11.Core.Returns.DateInput.From(today.AddDays(30)), true, false), "matrix"));
            Assert.Empty(await surveys.AddQuestionAsync(roundId, new(Section11.Core.Surveys.QuestionKind.YesNoNotSure, "Matrix?", null, null), "matrix"));
            return (await surveys.OpenAsync(roundId, "matrix")).Links[0].Token;
        }

        public HashSet<string> Routes() =>
        [
            .. Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
        ];

        public string Fill(string route) => route
            .Replace("/people/{roleId:int}", $"/people/{(route.StartsWith("/partnerships", StringComparison.Ordinal) ? _partnershipRoleId : _agencyRoleId)}", StringComparison.Ordinal)
            .Replace("{requestId:int}", _requestId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("/reviews/{receiptId:int}", $"/reviews/{_reviewReceiptId}", StringComparison.Ordinal)
            .Replace("/letters/{receiptId:int}/{format}", $"/letters/{_reviewReceiptId}/docx", StringComparison.Ordinal)
            .Replace("/letters/{receiptId:int}", $"/letters/{_reviewReceiptId}", StringComparison.Ordinal)
            .Replace("/panels/{panelId:int}/agencies/{receiptId:int}", $"/panels/{_panelId}/agencies/{_reviewReceiptId}", StringComparison.Ordinal)
            .Replace("{panelId:int}", _panelId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{receiptId:int}", _receiptId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{userId}", _userId, StringComparison.Ordinal)
            .Replace("{peerId:int}", _peerId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{grantId:int}", _grantId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{partnershipId:int}", _partnershipId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{roundId:int}", _roundId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{returnId:int}", _returnId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{agencyId:int}", _agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{areaId:int}", _areaId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{tokenId:int}", _tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{actionId:int}", _actionId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{number:int}", "1", StringComparison.Ordinal)
            .Replace("{code:int}", "404", StringComparison.Ordinal)
            .Replace("{jobId:int}", _jobId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("/annual-report/{format}", "/annual-report/docx", StringComparison.Ordinal)
            .Replace("/reports/{format}", "/reports/pdf", StringComparison.Ordinal)
            .Replace("/letter/{format}", "/letter/pdf", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{format}", "xlsx", StringComparison.Ordinal)
            .Replace("/{token?}", "/not-a-real-token", StringComparison.Ordinal)
            .Replace("{token}", _surveyToken, StringComparison.Ordinal)
            .Replace("/{handler?}", "", StringComparison.Ordinal);

        public async Task<HtmlClient> ClientForAsync(Actor actor)
        {
            var client = CreateHtmlClient();
            if (actor != Actor.Anonymous)
            {
                var signedIn = await client.SignInAsync(_emails[actor]);
                Assert.True(signedIn.Status == HttpStatusCode.Redirect && signedIn.Location == "/", $"{actor} could not sign in: {signedIn.Title}");
            }

            return client;
        }
    }
}
