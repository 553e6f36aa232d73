using Microsoft.EntityFrameworkCore;
using Section11.Core.Accounts;
using Section11.Core.ActionPlans;
using Section11.Core.Api;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Tests.Accounts;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests;

/// <summary>
/// Every text field of every form, at its limit and one past it (issue 11, items 10 and 11). At the limit the value
/// is saved whole, which on PostgreSQL proves the column is long enough; past it the error names the field as the
/// page labels it and nothing is saved. Run on both providers: SQLite ignores column lengths, PostgreSQL does not.
/// </summary>
[Trait("Category", "Security")]
public sealed class InputLimitsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    public static TheoryData<string, int, string> Fields => new()
    {
        { "Answer.ActualEvidence", InputLimits.LongText, "Actual evidence for 1.1 must be 10,000 characters or fewer (you have 10,001)" },
        { "Answer.ActionRequired", InputLimits.LongText, "Action required for 1.1 must be 10,000 characters or fewer (you have 10,001)" },
        { "Evaluation.Statement", InputLimits.LongText, "Supporting statement for standard 1 must be 10,000 characters or fewer (you have 10,001)" },
        { "SignOff.SignatoryName", InputLimits.ShortText, "The name of the senior manager signing off must be 200 characters or fewer" },
        { "SignOff.PostHeld", InputLimits.ShortText, "The post held must be 200 characters or fewer" },
        { "SignOff.Organisation", InputLimits.ShortText, "The organisation must be 200 characters or fewer" },
        { "Receipt.ReturnedReason", InputLimits.LongText, "The reason must be 10,000 characters or fewer" },
        { "Round.Title", InputLimits.Title, "The title must be 200 characters or fewer" },
        { "LocalItem.Text", InputLimits.LongText, "The item must be 10,000 characters or fewer" },
        { "LocalItem.Evidence", InputLimits.LongText, "Examples of evidence must be 10,000 characters or fewer" },
        { "Partnership.Name", InputLimits.Name, "The name must be 200 characters or fewer" },
        { "Agency.Name", InputLimits.Name, "The name must be 200 characters or fewer" },
        { "Invitation.DisplayName", InputLimits.Name, "Full name must be 200 characters or fewer" },
        { "Invitation.Email", InputLimits.Email, "Email address must be 256 characters or fewer" },
        { "ApiToken.Name", InputLimits.TokenName, "The name must be 100 characters or fewer" },
        { "ImprovementArea.Outcome", InputLimits.LongText, "Desired outcome for 1.1 must be 10,000 characters or fewer" },
        { "PlanAction.SpecificAction", InputLimits.LongText, "Specific action must be 10,000 characters or fewer" },
        { "PlanAction.LeadOrganisation", InputLimits.ShortText, "Organisation with lead responsibility must be 200 characters or fewer" },
        { "PlanAction.AccountablePerson", InputLimits.ShortText, "Named professional accountable must be 200 characters or fewer" },
        { "PlanAction.SuccessIndicators", InputLimits.LongText, "Success indicators must be 10,000 characters or fewer" },
        { "PlanAction.ImpactAndEvidence", InputLimits.LongText, "Impact and evidence must be 10,000 characters or fewer" },
        { "MonitoringEntry.Text", InputLimits.LongText, "What happened must be 10,000 characters or fewer" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task A_text_field_saves_at_its_limit_and_is_refused_one_past_it(string field, int limit, string message)
    {
        var atLimit = Text(field, limit);
        var (errors, stored) = await SaveAsync(field, atLimit);
        Assert.Empty(errors);
        Assert.Equal(atLimit, await stored());

        var past = Text(field, limit + 1);
        (errors, stored) = await SaveAsync(field, past);
        Assert.Equal(message, Assert.Single(errors).Message);
        Assert.NotEqual(past, await stored());
    }

    [Fact]
    public async Task An_over_long_email_typed_at_sign_in_is_recorded_cut_to_fit_rather_than_failing_the_request()
    {
        await using var db = database.CreateContext();
        var typed = Guid.NewGuid().ToString("N") + new string('e', 300) + "@example.org";
        await new Auditing.SecurityLog(db, _time).RecordAsync(Auditing.SecurityEventKinds.SignInFailed, null, typed, "/sign-in", new string('d', 2000));

        await using var check = database.CreateContext();
        var cut = typed[..InputLimits.Email];
        var recorded = await check.SecurityEvents.SingleAsync(e => e.Email == cut);
        Assert.Equal(InputLimits.EventDetail, recorded.Detail!.Length);
    }

    /// <summary>A value of exactly <paramref name="length"/> characters that the field accepts (an email must be one).</summary>
    private static string Text(string field, int length)
    {
        var unique = Guid.NewGuid().ToString("N");
        if (field == "Invitation.Email")
        {
            // local@ then dot-separated labels of at most 63 characters, padded to the length.
            var domain = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.";
            var local = unique[..12] + "@";
            return local + domain + new string('d', length - local.Length - domain.Length);
        }

        return (unique + new string('x', length))[..length];
    }

    private async Task<(IReadOnlyList<FieldError> Errors, Func<Task<string?>> Stored)> SaveAsync(string field, string value)
    {
        await using var db = database.CreateContext();
        var returns = new ReturnService(db, _catalog, _time);
        var rounds = new RoundService(db, _catalog, _time);
        var plans = new ActionPlanService(db, _catalog, _time);
        Func<Task<string?>> Read(Func<Data.Section11DbContext, Task<string?>> read) => async () =>
        {
            await using var check = database.CreateContext();
            return await read(check);
        };

        switch (field)
        {
            case "Answer.ActualEvidence" or "Answer.ActionRequired" or "Evaluation.Statement":
            {
                var created = await TestData.CreateReturnAsync(db, "primary-care-2014");
                var user = await TestData.CreateUserAsync(db, created.AgencyId);
                var standard = (await _catalog.GetForRoundAsync(db, (await returns.GetSummaryAsync(created.ReturnId))!.Receipts[0].RoundId)).Standards[0];
                var first = standard.Items.OrderBy(i => i.SortKey).First();
                var input = new StandardInput(0,
                    [.. standard.Items.OrderBy(i => i.SortKey).Select(i => new AnswerValues(i.Id, null,
                        i == first && field == "Answer.ActualEvidence" ? value : null,
                        i == first && field == "Answer.ActionRequired" ? value : null, DateInput.Empty))],
                    new EvaluationValues(null, field == "Evaluation.Statement" ? value : null));
                var result = await returns.SaveStandardAsync((await returns.GetSummaryAsync(created.ReturnId))!, standard.Number, input, complete: false, user);
                return (result.Errors, Read(async c => field == "Evaluation.Statement"
                    ? await c.StandardEvaluations.Where(e => e.ReturnId == created.ReturnId && e.StandardId == standard.Id).Select(e => e.Statement).SingleAsync()
                    : await c.Answers.Where(a => a.ReturnId == created.ReturnId && a.ItemId == first.Id)
                        .Select(a => field == "Answer.ActualEvidence" ? a.ActualEvidence : a.ActionRequired).SingleAsync()));
            }

            case "SignOff.SignatoryName" or "SignOff.PostHeld" or "SignOff.Organisation":
            {
                var (returnId, _, user) = await SubmittedReturns.CompletedAsync(database, _catalog, _time);
                var input = new SignOffInput(field == "SignOff.SignatoryName" ? value : "Dr A", field == "SignOff.PostHeld" ? value : "Partner",
                    field == "SignOff.Organisation" ? value : "Practice", new DateInput("22", "11", "2026"), true);
                var errors = await returns.SubmitAsync(returnId, input, user);
                return (errors, Read(async c => (await c.Returns.AsNoTracking().SingleAsync(r => r.Id == returnId)).SignOff is { } s
                    ? field switch { "SignOff.SignatoryName" => s.SignatoryName, "SignOff.PostHeld" => s.PostHeld, _ => s.Organisation }
                    : null));
            }

            case "Receipt.ReturnedReason":
            {
                var (summary, user) = await SubmittedReturns.SubmittedAsync(database, _catalog, _time);
                var errors = await rounds.ReturnForChangesAsync(summary.Receipts[0].RoundId, summary.Id, value, user);
                return (errors, Read(c => c.Receipts.Where(x => x.ReturnId == summary.Id).Select(x => x.ReturnedReason).SingleAsync()));
            }

            case "Round.Title":
            {
                var p = await PartnershipTestData.CreatePartnershipAsync(db, "GP practice");
                var user = await TestData.CreateUserAsync(db, p.AgencyIds[0]);
                var frameworkId = await db.FrameworkVersions.Where(f => f.FrameworkKey == "masa-2018").Select(f => f.Id).SingleAsync();
                var (_, errors) = await rounds.CreateAsync(p.PartnershipId, new RoundInput(value, frameworkId, new DateInput("1", "12", "2026"), new DateInput("31", "3", "2027")), user);
                return (errors, Read(c => c.Rounds.Where(r => r.PartnershipId == p.PartnershipId).Select(r => r.Title).SingleOrDefaultAsync()));
            }

            case "LocalItem.Text" or "LocalItem.Evidence":
            {
                var p = await PartnershipTestData.CreatePartnershipAsync(db, "GP practice");
                var user = await TestData.CreateUserAsync(db, p.AgencyIds[0]);
                var frameworkId = await db.FrameworkVersions.Where(f => f.FrameworkKey == "primary-care-2014").Select(f => f.Id).SingleAsync();
                var (roundId, _) = await rounds.CreateAsync(p.PartnershipId, new RoundInput("Audit", frameworkId, new DateInput("1", "12", "2026"), new DateInput("31", "3", "2027")), user);
                var errors = await rounds.AddLocalItemAsync(roundId!.Value, field == "LocalItem.Text" ? new LocalItemInput(value, null) : new LocalItemInput("Item", value), user);
                return (errors, Read(async c => (await c.Items.Where(i => i.RoundId == roundId).ToListAsync())
                    .Select(i => field == "LocalItem.Text" ? i.Text : string.Join("\n", i.Evidence)).SingleOrDefault()));
            }

            case "Partnership.Name":
            {
                await using var services = new AccountServices(database, _time);
                var (_, errors) = await Partnerships(db, services).CreateAsync(value, "limits-test");
                return (errors, Read(c => c.Partnerships.Where(p => p.Name == value).Select(p => p.Name).SingleOrDefaultAsync()));
            }

            case "Agency.Name":
            {
                var p = await PartnershipTestData.CreatePartnershipAsync(db, "GP practice");
                await using var services = new AccountServices(database, _time);
                var (_, errors) = await Partnerships(db, services).AddAgencyAsync(p.PartnershipId, value, nameof(Sector.Health), "limits-test", null);
                return (errors, Read(c => c.Agencies.Where(a => a.Name == value).Select(a => a.Name).SingleOrDefaultAsync()));
            }

            case "Invitation.DisplayName" or "Invitation.Email":
            {
                await using var services = new AccountServices(database, _time);
                var email = field == "Invitation.Email" ? value : $"{Guid.NewGuid():N}@agency.example";
                var result = await services.Get<InvitationService>().InviteAsync(email, field == "Invitation.DisplayName" ? value : "Priya Shah", null);
                return (result.Errors, Read(c => c.Users.Where(u => u.Email == email).Select(u => field == "Invitation.Email" ? u.Email : u.DisplayName).SingleOrDefaultAsync()));
            }

            case "ApiToken.Name":
            {
                var p = await PartnershipTestData.CreatePartnershipAsync(db, "GP practice");
                var user = await TestData.CreateUserAsync(db, p.AgencyIds[0]);
                var (_, errors) = await new ApiTokenService(db, _time).IssueAsync(p.PartnershipId, value, user);
                return (errors, Read(c => c.ApiTokens.Where(t => t.PartnershipId == p.PartnershipId).Select(t => t.Name).SingleOrDefaultAsync()));
            }

            case "ImprovementArea.Outcome":
            {
                var (summary, user) = await SubmittedReturns.SubmittedAsync(database, _catalog, _time);
                var offered = await plans.GetSuggestionsAsync(summary);
                var (_, errors) = await plans.AddFromReturnAsync(summary, [new(offered[0].AnswerId, true, null, value)], user);
                return (errors, Read(c => c.ImprovementAreas.Where(a => a.AgencyId == summary.AgencyId).Select(a => a.Outcome).SingleOrDefaultAsync()));
            }

            default:
            {
                var (summary, user) = await SubmittedReturns.SubmittedAsync(database, _catalog, _time);
                var offered = await plans.GetSuggestionsAsync(summary);
                Assert.Empty((await plans.AddFromReturnAsync(summary, [new(offered[0].AnswerId, true, null, "Outcome")], user)).Errors);
                var areaId = (await plans.GetPlanAsync(summary.AgencyId)).Single().Id;
                string? V(string name, string otherwise) => field == $"PlanAction.{name}" ? value : otherwise;
                var input = new ActionInput(V("SpecificAction", "Brief staff"), new DateInput("31", "1", "2027"), V("LeadOrganisation", "Practice"),
                    V("AccountablePerson", "Dr A"), V("SuccessIndicators", "All briefed"), new DateInput("28", "2", "2027"), V("ImpactAndEvidence", "Briefing record"), null, DateInput.Empty);
                if (field == "MonitoringEntry.Text")
                {
                    var (actionId, _) = await plans.AddActionAsync(areaId, input, user);
                    var errors = await plans.AddMonitoringAsync(actionId!.Value, new DateInput("20", "11", "2026"), "Progress", value, user);
                    return (errors, Read(c => c.MonitoringEntries.Where(m => m.PlanActionId == actionId).Select(m => m.Text).SingleOrDefaultAsync()));
                }

                var (_, added) = await plans.AddActionAsync(areaId, input, user);
                return (added, Read(async c => (await c.PlanActions.Where(x => x.ImprovementAreaId == areaId).ToListAsync()).Select(x => field switch
                {
                    "PlanAction.SpecificAction" => x.SpecificAction,
                    "PlanAction.LeadOrganisation" => x.LeadOrganisation,
                    "PlanAction.AccountablePerson" => x.AccountablePerson,
                    "PlanAction.SuccessIndicators" => x.SuccessIndicators,
                    _ => x.ImpactAndEvidence,
                }).SingleOrDefault()));
            }
        }
    }

    private PartnershipService Partnerships(Section11.Core.Data.Section11DbContext db, AccountServices services)
    {
        var email = services.Get<Section11.Core.Email.EmailSender>();
        var options = services.Get<Microsoft.Extensions.Options.IOptions<AccountOptions>>();
        return new PartnershipService(db, new PeopleService(db, services.Get<InvitationService>(), email, _time, options),
            new MembershipService(db, email, _time, options), _time);
    }
}
