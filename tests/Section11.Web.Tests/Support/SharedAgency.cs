using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Api;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;

namespace Section11.Web.Tests.Support;

/// <summary>
/// Two partnerships sharing one agency: A (whose round came first) and B (which the agency agreed to join). Each has a
/// launched round with the agency's return and an improvement area from that round; A's area has an overdue action.
/// A has a ready data export (<see cref="JobA"/>) whose file holds A's secret outcome.
/// </summary>
public sealed record SharedAgency(
    string AgencyName, int AgencyId, int PartnershipA, int RoundA, int ReturnA, int AreaA, int ActionA, int TokenA, int AdminARoleId, int LeadRoleId,
    int PartnershipB, int RoundB, int ReturnB, int AreaB, string TokenB, int RequestB,
    Section11Factory.Person LeadA, Section11Factory.Person AdminB, Section11Factory.Person ReviewerB, Section11Factory.Person InviteeB,
    string SecretOutcome, string SecretAction, string OutcomeB, int JobA = 0);

public static class SharedAgencies
{
    public static async Task<SharedAgency> CreateSharedAgencyAsync(this Section11Factory factory)
    {
        await using var db = factory.Database.CreateContext();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = $"Northshire Young Carers {suffix}";
        var a = await TestData.CreateReturnAsync(db, "primary-care-2014", name);
        var roundA = await db.Receipts.Where(x => x.ReturnId == a.ReturnId).Select(x => x.RoundId).SingleAsync();
        var b = await PartnershipTestData.CreatePartnershipAsync(db, "B's own agency");
        var request = new MembershipRequest
        {
            PartnershipId = b.PartnershipId, AgencyId = a.AgencyId, RequestedById = "shared", RequestedAt = DateTime.UtcNow,
            Outcome = RequestOutcome.Accepted, DecidedById = "shared", DecidedAt = DateTime.UtcNow,
        };
        db.MembershipRequests.Add(request);
        db.PartnershipMemberships.Add(new PartnershipMembership { PartnershipId = b.PartnershipId, AgencyId = a.AgencyId });
        var roundB = new Round
        {
            PartnershipId = b.PartnershipId, FrameworkVersionId = a.FrameworkVersionId, Title = $"B's round {suffix}",
            OpensOn = new DateOnly(2026, 1, 1), DueOn = new DateOnly(2030, 1, 1), CreatedAt = DateTime.UtcNow,
        };
        db.Rounds.Add(roundB);
        await db.SaveChangesAsync();
        Assert.Empty(await new RoundService(db, new FrameworkCatalog(), TimeProvider.System).LaunchAsync(roundB.Id, [a.AgencyId], "shared"));
        // The agency keeps B's return separate from A's, so each partnership has answers of its own to keep apart.
        var receiptB = await db.Receipts.Where(x => x.RoundId == roundB.Id).Select(x => x.Id).SingleAsync();
        Assert.Empty(await new SharingService(db, new FrameworkCatalog(), TimeProvider.System).ChooseAsync(a.AgencyId, receiptB, null, "shared"));
        var returnB = await db.Returns.Where(r => r.Receipts.Any(x => x.RoundId == roundB.Id)).Select(r => r.Id).SingleAsync();

        var secretOutcome = $"A-only outcome {suffix}";
        var secretAction = $"A-only action {suffix}";
        var areaA = Area(a.AgencyId, roundA, secretOutcome, 1, new PlanAction
        {
            Position = 1, SpecificAction = secretAction, Deadline = new DateOnly(2020, 1, 1), LeadOrganisation = name, AccountablePerson = "A Person",
            SuccessIndicators = "Done", UpdatedById = "shared", Rag = Rag.Red,
        });
        var outcomeB = $"B outcome {suffix}";
        var areaB = Area(a.AgencyId, roundB.Id, outcomeB, 2);
        db.ImprovementAreas.AddRange(areaA, areaB);
        await db.SaveChangesAsync();

        var tokens = new ApiTokenService(db, TimeProvider.System);
        var tokenA = (await tokens.IssueAsync(a.PartnershipId, "A's token", "shared")).Issued!.Id;
        var tokenB = (await tokens.IssueAsync(b.PartnershipId, "B's token", "shared")).Issued!.Secret;

        var lead = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: a.AgencyId, name: "Jo Lead");
        var adminA = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: a.PartnershipId, name: "Ann Admin");
        var adminB = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: b.PartnershipId, name: "Bea Admin");
        var reviewerB = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: b.PartnershipId, name: "Ben Reviewer");
        // Someone B invited, for its own agency.
        var inviteeB = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: b.AgencyIds[0], name: "Bo Invitee");
        var job = new Section11.Core.Reporting.Exports.ExportJob
        {
            PartnershipId = a.PartnershipId, RequestedById = adminA.UserId, Format = "json", CreatedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow,
            ExpiresAt = DateTime.UtcNow.AddDays(7), Status = Section11.Core.Reporting.Exports.ExportJobStatus.Ready, TablesTotal = 1, TablesDone = 1, Chunks = 1,
        };
        var file = System.Text.Encoding.UTF8.GetBytes($"{{\"outcome\":\"{secretOutcome}\"}}");
        job.Length = file.Length;
        db.ExportJobs.Add(job);
        await db.SaveChangesAsync();
        db.ExportJobChunks.Add(new Section11.Core.Reporting.Exports.ExportJobChunk { ExportJobId = job.Id, Index = 0, Data = file });
        await db.SaveChangesAsync();
        await using var check = factory.Database.CreateContext();
        var leadRole = await check.RoleAssignments.Where(r => r.UserId == lead.UserId).Select(r => r.Id).SingleAsync();
        var adminARole = await check.RoleAssignments.Where(r => r.UserId == adminA.UserId).Select(r => r.Id).SingleAsync();
        return new(name, a.AgencyId, a.PartnershipId, roundA, a.ReturnId, areaA.Id, areaA.Actions[0].Id, tokenA, adminARole, leadRole,
            b.PartnershipId, roundB.Id, returnB, areaB.Id, tokenB, request.Id, lead, adminB, reviewerB, inviteeB, secretOutcome, secretAction, outcomeB, job.Id);
    }

    private static ImprovementArea Area(int agencyId, int roundId, string outcome, int position, params PlanAction[] actions) => new()
    {
        AgencyId = agencyId, RoundId = roundId, OverarchingStandard = $"Standard 1, round {roundId}", Outcome = outcome, Position = position,
        CreatedAt = DateTime.UtcNow, CreatedById = "shared", Actions = [.. actions],
    };
}
