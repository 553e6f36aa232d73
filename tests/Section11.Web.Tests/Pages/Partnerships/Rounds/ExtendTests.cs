using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds;

/// <summary>"Extend the date" only gives more time: an earlier date is refused with the values kept.</summary>
public sealed class ExtendTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    [Trait("Category", "Operations")]
    public async Task An_earlier_date_than_the_current_one_is_refused_and_the_typed_date_kept_and_the_banner_says_Carers_return()
    {
        await using var db = factory.Database.CreateContext();
        var p = await PartnershipTestData.CreatePartnershipAsync(db, "Extend Surgery");
        var person = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: p.PartnershipId, name: "Eve Extend");
        using var admin = factory.CreateHtmlClient();
        await admin.SignInAsync(person.Email);
        var framework = await db.FrameworkVersions.SingleAsync(f => f.FrameworkKey == "masa-2018");
        var round = new Section11.Core.Rounds.Round
        {
            PartnershipId = p.PartnershipId, FrameworkVersionId = framework.Id, Title = "Extend round 2031",
            OpensOn = new DateOnly(2031, 1, 1), DueOn = new DateOnly(2031, 3, 31), CreatedAt = DateTime.UtcNow,
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        var trackerUrl = $"/partnerships/{p.PartnershipId}/rounds/{round.Id}";
        await admin.FollowAsync(await admin.SubmitAsync(await admin.GetAsync($"{trackerUrl}/launch"), new Dictionary<string, string?>()));
        var launched = await db.Returns.Where(r => r.Receipts.Any(x => x.RoundId == round.Id)).Select(r => new { r.Id, r.Agency.Name }).SingleAsync();
        var returnId = launched.Id;
        // A name ending in s takes an apostrophe alone: "Young Carers' return", never "Young Carers's".
        var agency = $"{launched.Name} Young Carers";
        await db.Agencies.Where(a => a.Name == launched.Name).ExecuteUpdateAsync(u => u.SetProperty(a => a.Name, agency));

        var extend = await admin.GetAsync($"{trackerUrl}/returns/{returnId}/extend");
        var earlier = await admin.SubmitAsync(extend, new Dictionary<string, string?> { ["DueOn.Day"] = "1", ["DueOn.Month"] = "3", ["DueOn.Year"] = "2031" });
        Assert.Equal(["The new return-by date must be after the current return-by date, 31 March 2031"], earlier.ErrorSummary);
        Assert.Equal(("1", "3", "2031"), (earlier.Value("DueOn.Day"), earlier.Value("DueOn.Month"), earlier.Value("DueOn.Year")));
        Assert.Equal(new DateOnly(2031, 3, 31), await db.Receipts.Where(x => x.ReturnId == returnId).Select(x => x.DueOn).SingleAsync());

        var past = await admin.SubmitAsync(extend, new Dictionary<string, string?> { ["DueOn.Day"] = "1", ["DueOn.Month"] = "1", ["DueOn.Year"] = "2020" });
        Assert.Equal(["The new return-by date must be today or in the future"], past.ErrorSummary);

        var later = await admin.FollowAsync(await admin.SubmitAsync(extend, new Dictionary<string, string?> { ["DueOn.Day"] = "30", ["DueOn.Month"] = "4", ["DueOn.Year"] = "2031" }));
        Assert.Equal($"{agency}' return-by date has been extended", later.Text(".govuk-notification-banner--success #confirmation"));
    }
}
