using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds;

/// <summary>
/// After launching a round, extending a date, returning a return for changes or adding an agency, the page the
/// administrator lands on says what happened in a GOV.UK success banner (WCAG 4.1.3), once.
/// </summary>
[Trait("Category", "Accessibility")]
[Trait("Category", "Operations")]
public sealed class SuccessBannerTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task Launch_extend_and_return_for_changes_each_end_on_the_tracker_with_a_success_banner()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Banner Surgery", "Banner Police");
        var admin = await AdminAsync(p.PartnershipId);
        var framework = await db.FrameworkVersions.SingleAsync(f => f.FrameworkKey == "masa-2018");
        var round = new Section11.Core.Rounds.Round
        {
            PartnershipId = p.PartnershipId, FrameworkVersionId = framework.Id, Title = "Banner round 2031",
            OpensOn = new DateOnly(2031, 1, 1), DueOn = new DateOnly(2031, 3, 31), CreatedAt = DateTime.UtcNow,
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        var trackerUrl = $"/partnerships/{p.PartnershipId}/rounds/{round.Id}";

        var launch = await admin.GetAsync($"{trackerUrl}/launch");
        var tracker = await admin.FollowAsync(await admin.SubmitAsync(launch, new Dictionary<string, string?>()));
        Assert.Equal("Banner round 2031 has been launched", tracker.Text(".govuk-notification-banner--success #confirmation"));
        Assert.Null((await admin.GetAsync(trackerUrl)).Document.QuerySelector(".govuk-notification-banner--success"));

        var returns = await db.Returns.Where(r => r.Receipts.Any(x => x.RoundId == round.Id)).OrderBy(r => r.AgencyId).Select(r => new { r.Id, r.Agency.Name }).ToListAsync();
        var extend = await admin.GetAsync($"{trackerUrl}/returns/{returns[0].Id}/extend");
        tracker = await admin.FollowAsync(await admin.SubmitAsync(extend, new Dictionary<string, string?> { ["DueOn.Day"] = "30", ["DueOn.Month"] = "4", ["DueOn.Year"] = "2031" }));
        Assert.Equal($"{returns[0].Name}'s return-by date has been extended", tracker.Text(".govuk-notification-banner--success #confirmation"));

        await db.Returns.Where(r => r.Id == returns[1].Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReturnStatus.Submitted).SetProperty(r => r.SubmittedAt, DateTime.UtcNow));
        var back = await admin.GetAsync($"{trackerUrl}/returns/{returns[1].Id}/return-for-changes");
        tracker = await admin.FollowAsync(await admin.SubmitAsync(back, new Dictionary<string, string?> { ["Reason"] = "Add the training records." }));
        Assert.Equal($"{returns[1].Name}'s return has been returned for changes", tracker.Text(".govuk-notification-banner--success #confirmation"));
    }

    [Fact]
    public async Task Adding_an_agency_ends_on_the_member_list_with_a_success_banner()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Existing Practice");
        var admin = await AdminAsync(p.PartnershipId);
        var name = $"New Charity {Guid.NewGuid():N}"[..20];

        var form = await admin.GetAsync($"/partnerships/{p.PartnershipId}/agencies/new");
        var list = await admin.FollowAsync(await admin.SubmitAsync(form, new Dictionary<string, string?> { ["Name"] = $" {name} ", ["Sector"] = "VoluntaryAndCommunity" }));

        Assert.Equal($"{name} has been added", list.Text(".govuk-notification-banner--success #confirmation"));
        Assert.Null((await admin.GetAsync($"/partnerships/{p.PartnershipId}/agencies")).Document.QuerySelector(".govuk-notification-banner--success"));
    }

    private async Task<HtmlClient> AdminAsync(int partnershipId)
    {
        var person = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: partnershipId, name: "Bea Banner");
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(person.Email);
        return client;
    }
}
