using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Identity;
using Section11.Core.Reminders;
using Section11.Core.Returns;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Reminders;

/// <summary>Reminder emails to agency leads, through real SMTP.</summary>
public sealed class ReminderTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<int> SendAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderService>().SendDueAsync();
    }

    private async Task<(Section11Factory.Lead Lead, string Contributor)> ReturnDueAsync(int days)
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        var contributor = await factory.CreatePersonAsync(Role.AgencyContributor, lead.AgencyId, name: "Not A Lead");
        await using var db = factory.Database.CreateContext();
        var roundId = await db.Receipts.Where(x => x.ReturnId == lead.ReturnId).Select(x => x.RoundId).SingleAsync();
        await db.Rounds.Where(r => r.Id == roundId).ExecuteUpdateAsync(s => s.SetProperty(r => r.DueOn, Today.AddDays(days)));
        // A receipt takes the round's date at launch.
        await db.Receipts.Where(x => x.RoundId == roundId).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueOn, Today.AddDays(days)));
        return (lead, contributor.Email);
    }

    [Fact]
    public async Task A_lead_is_reminded_once_before_the_date_and_once_when_overdue()
    {
        var (soon, contributor) = await ReturnDueAsync(3);
        var (late, _) = await ReturnDueAsync(-1);
        var (later, _) = await ReturnDueAsync(30);

        await SendAsync();
        await SendAsync();

        var before = Assert.Single(factory.Smtp.To(soon.Email));
        Assert.StartsWith("Your Section 11 return is due on ", before.Subject, StringComparison.Ordinal);
        Assert.Contains($"/returns/{soon.ReturnId}", before.Body, StringComparison.Ordinal);
        Assert.Empty(factory.Smtp.To(contributor));
        var overdue = Assert.Single(factory.Smtp.To(late.Email));
        Assert.StartsWith("Your Section 11 return is overdue", overdue.Subject, StringComparison.Ordinal);
        Assert.Empty(factory.Smtp.To(later.Email));
    }

    [Fact]
    public async Task An_extension_earns_a_fresh_reminder_for_the_new_date_and_a_submitted_return_gets_none()
    {
        var (lead, _) = await ReturnDueAsync(2);
        var (submitted, _) = await ReturnDueAsync(2);
        await using (var db = factory.Database.CreateContext())
        {
            await db.Returns.Where(r => r.Id == submitted.ReturnId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReturnStatus.Submitted));
        }

        await SendAsync();
        Assert.Single(factory.Smtp.To(lead.Email));

        await using (var db = factory.Database.CreateContext())
        {
            await db.Receipts.Where(x => x.ReturnId == lead.ReturnId).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueOn, Today.AddDays(5)));
        }

        await SendAsync();
        await SendAsync();
        var emails = factory.Smtp.To(lead.Email);
        Assert.Equal(2, emails.Count);
        Assert.Contains(Today.AddDays(5).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), emails[1].Subject, StringComparison.Ordinal);
        Assert.Empty(factory.Smtp.To(submitted.Email));
    }
}
