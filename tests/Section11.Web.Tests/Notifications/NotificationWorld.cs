using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Notifications;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Notifications;

/// <summary>
/// A partnership with an administrator and a reviewer, and two member agencies: Alpha (two leads, a contributor and a
/// senior signatory) and Beta (one lead), with a round on the primary-care framework set up and not yet launched.
/// </summary>
public sealed record NotificationWorld(
    Section11Factory Factory, int PartnershipId, string PartnershipName, int RoundId, string RoundTitle, int Alpha, string AlphaName, int Beta, string BetaName,
    Section11Factory.Person Admin, Section11Factory.Person Reviewer, Section11Factory.Person LeadA, Section11Factory.Person LeadA2,
    Section11Factory.Person ContributorA, Section11Factory.Person SignatoryA, Section11Factory.Person LeadB)
{
    public static DateOnly DueOn => DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(3);

    public static async Task<NotificationWorld> CreateAsync(Section11Factory factory, string alphaName = "Alpha Trust")
    {
        int partnershipId, roundId;
        IReadOnlyList<int> agencies;
        string partnershipName;
        await using (var db = factory.Database.CreateContext())
        {
            var p = await PartnershipTestData.CreatePartnershipAsync(db, alphaName, "Beta Police");
            (partnershipId, agencies) = (p.PartnershipId, p.AgencyIds);
            partnershipName = await db.Partnerships.Where(x => x.Id == partnershipId).Select(x => x.Name).SingleAsync();
            var frameworkId = await db.FrameworkVersions.Where(f => f.FrameworkKey == "primary-care-2014").Select(f => f.Id).SingleAsync();
            var (created, errors) = await new RoundService(db, new FrameworkCatalog(), TimeProvider.System).CreateAsync(partnershipId,
                new RoundInput($"Audit {Guid.NewGuid():N}"[..14], frameworkId, DateInput.From(DueOn.AddMonths(-4)), DateInput.From(DueOn)), "setup");
            Assert.Empty(errors);
            roundId = created!.Value;
        }

        await using var read = factory.Database.CreateContext();
        var names = await read.Agencies.Where(a => agencies.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name);
        var title = await read.Rounds.Where(r => r.Id == roundId).Select(r => r.Title).SingleAsync();
        return new NotificationWorld(factory, partnershipId, partnershipName, roundId, title, agencies[0], names[agencies[0]], agencies[1], names[agencies[1]],
            await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: partnershipId, name: "Ada Admin"),
            await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: partnershipId, name: "Rey Reviewer"),
            await factory.CreatePersonAsync(Role.AgencyLead, agencies[0], name: "Lee Alpha"),
            await factory.CreatePersonAsync(Role.AgencyLead, agencies[0], name: "Lou Alpha"),
            await factory.CreatePersonAsync(Role.AgencyContributor, agencies[0], name: "Cam Contributor"),
            await factory.CreatePersonAsync(Role.SeniorSignatory, agencies[0], name: "Sid Signatory"),
            await factory.CreatePersonAsync(Role.AgencyLead, agencies[1], name: "Lee Beta"));
    }

    public async Task LaunchAsync()
    {
        using var scope = Factory.Services.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<RoundService>().LaunchAsync(RoundId, [Alpha, Beta], Admin.UserId));
    }

    public async Task<int> ReturnOfAsync(int agencyId)
    {
        await using var db = Factory.Database.CreateContext();
        return await db.Receipts.Where(x => x.RoundId == RoundId && x.AgencyId == agencyId).Select(x => x.ReturnId!.Value).SingleAsync();
    }

    /// <summary>
    /// Every standard of the agency's return (but those numbered in <paramref name="except"/>, which someone completes
    /// in the browser) completed by its lead, ready to send for sign-off.
    /// </summary>
    public async Task<int> CompleteAsync(int agencyId, string userId, params int[] except)
    {
        var returnId = await ReturnOfAsync(agencyId);
        using var scope = Factory.Services.CreateScope();
        var returns = scope.ServiceProvider.GetRequiredService<ReturnService>();
        var summary = (await returns.GetSummaryAsync(returnId))!;
        var framework = await returns.GetFrameworkAsync(summary);
        foreach (var standard in framework.Standards.Where(s => !except.Contains(s.Number)))
        {
            var input = new StandardInput(0, [.. standard.Items.Select(i => new AnswerValues(i.Id, "fully-met", "Evidence", null, DateInput.Empty))],
                new EvaluationValues("fully-met", "Statement"));
            Assert.Equal(SaveOutcome.Saved, (await returns.SaveStandardAsync((await returns.GetSummaryAsync(returnId))!, standard.Number, input, complete: true, userId)).Outcome);
        }

        return returnId;
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> act)
    {
        using var scope = Factory.Services.CreateScope();
        return await act(scope.ServiceProvider);
    }

    /// <summary>Sends the outbox, as the background dispatcher does every minute.</summary>
    public Task<int> DispatchAsync() => WithAsync(s => s.GetRequiredService<NotificationDispatcher>().SendDueAsync());

    public async Task<List<Notification>> RowsAsync(string kind)
    {
        await using var db = Factory.Database.CreateContext();
        return await db.Notifications.Where(n => n.Kind == kind && (n.RoundId == RoundId || db.Receipts.Any(x => x.RoundId == RoundId && x.ReturnId == n.ReturnId)))
            .OrderBy(n => n.Id).ToListAsync();
    }
}
