using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Identity;
using Section11.Core.Notifications;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Notifications;

/// <summary>
/// The administrators' weekly digest of an open round: one per person and week across nodes, none for a closed round
/// or a person who turned optional emails off, and the figures and link it sends. Its own factory: the tests move the clock.
/// </summary>
[Trait("Category", "Operations")]
public sealed class WeeklyDigestTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private Task<int> WriteAsync() => WithAsync(s => s.GetRequiredService<WeeklyDigestService>().WriteDueAsync());

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> act)
    {
        using var scope = factory.Services.CreateScope();
        return await act(scope.ServiceProvider);
    }

    private async Task<(List<WeeklyDigest> Digests, List<Notification> Emails)> DigestsAsync(int roundId, string userId)
    {
        await using var db = factory.Database.CreateContext();
        return (await db.WeeklyDigests.Where(d => d.RoundId == roundId && d.UserId == userId).OrderBy(d => d.Id).ToListAsync(),
            await db.Notifications.Where(n => n.RoundId == roundId && n.UserId == userId && n.Kind == NotificationKinds.WeeklyDigest).OrderBy(n => n.Id).ToListAsync());
    }

    private List<ReceivedEmail> DigestEmails(string to, string roundTitle) =>
        [.. factory.Smtp.To(to).Where(e => e.Subject.StartsWith($"This week in {roundTitle}", StringComparison.Ordinal))];

    [Fact]
    public async Task Two_nodes_writing_digests_together_write_one_a_week_for_each_administrator()
    {
        var w = await NotificationWorld.CreateAsync(factory);
        await w.LaunchAsync();
        Assert.Empty((await DigestsAsync(w.RoundId, w.Admin.UserId)).Digests);

        // Launched today: nothing until a week has passed.
        await WriteAsync();
        Assert.Empty((await DigestsAsync(w.RoundId, w.Admin.UserId)).Digests);

        factory.Clock.Advance(TimeSpan.FromDays(8));
        for (var pass = 0; pass < 3; pass++)
        {
            using var start = new SemaphoreSlim(0);
            var nodes = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                using var scope = factory.Services.CreateScope();
                var digests = scope.ServiceProvider.GetRequiredService<WeeklyDigestService>();
                await start.WaitAsync();
                return await digests.WriteDueAsync();
            })).ToList();
            start.Release(2);
            await Task.WhenAll(nodes);
        }

        var (rows, emails) = await DigestsAsync(w.RoundId, w.Admin.UserId);
        Assert.Equal(1, Assert.Single(rows).Week);
        Assert.Single(emails);
        Assert.Empty((await DigestsAsync(w.RoundId, w.Reviewer.UserId)).Digests);
        await WithAsync(s => s.GetRequiredService<NotificationDispatcher>().SendDueAsync());
        Assert.Single(DigestEmails(w.Admin.Email, w.RoundTitle));

        // The next week, the next digest.
        factory.Clock.Advance(TimeSpan.FromDays(7));
        await WriteAsync();
        await WriteAsync();
        Assert.Equal([1, 2], (await DigestsAsync(w.RoundId, w.Admin.UserId)).Digests.Select(d => d.Week));
    }

    [Fact]
    public async Task A_closed_round_gets_no_digest()
    {
        var w = await NotificationWorld.CreateAsync(factory);
        await w.LaunchAsync();
        Assert.Empty(await WithAsync(s => s.GetRequiredService<RoundService>().CloseAsync(w.RoundId, w.Admin.UserId)));

        factory.Clock.Advance(TimeSpan.FromDays(8));
        await WriteAsync();

        var (rows, emails) = await DigestsAsync(w.RoundId, w.Admin.UserId);
        Assert.Empty(rows);
        Assert.Empty(emails);
    }

    [Fact]
    public async Task An_administrator_who_turned_optional_emails_off_gets_no_digest()
    {
        var w = await NotificationWorld.CreateAsync(factory);
        var colleague = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: w.PartnershipId, name: "Col League");
        await using (var db = factory.Database.CreateContext())
        {
            var admin = await db.Users.SingleAsync(u => u.Id == w.Admin.UserId);
            admin.OptionalEmailsOff = true;
            await db.SaveChangesAsync();
        }

        await w.LaunchAsync();
        factory.Clock.Advance(TimeSpan.FromDays(8));
        await WriteAsync();
        await WithAsync(s => s.GetRequiredService<NotificationDispatcher>().SendDueAsync());

        Assert.Empty((await DigestsAsync(w.RoundId, w.Admin.UserId)).Digests);
        Assert.Empty(DigestEmails(w.Admin.Email, w.RoundTitle));
        Assert.Single((await DigestsAsync(w.RoundId, colleague.UserId)).Digests);
        Assert.Single(DigestEmails(colleague.Email, w.RoundTitle));
    }

    [Fact]
    public async Task The_digest_counts_the_round_by_status_says_what_was_submitted_and_who_is_overdue_and_links_to_the_round()
    {
        var w = await NotificationWorld.CreateAsync(factory, alphaName: "Young Carers");
        await w.LaunchAsync();
        var returnId = await w.CompleteAsync(w.Alpha, w.LeadA.UserId);
        Assert.Empty(await WithAsync(s => s.GetRequiredService<ReturnService>().SendForSignOffAsync(returnId, w.LeadA.UserId)));
        var signed = new SignOffInput("Sid Signatory", "Director", "Alpha", DateInput.From(DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime)), true);
        Assert.Empty(await WithAsync(s => s.GetRequiredService<ReturnService>().SubmitAsync(returnId, signed, w.SignatoryA.UserId)));

        // Past the return-by date: Beta has not submitted.
        factory.Clock.Advance(TimeSpan.FromDays(100));
        await WriteAsync();
        await WithAsync(s => s.GetRequiredService<NotificationDispatcher>().SendDueAsync());

        var email = Assert.Single(DigestEmails(w.Admin.Email, w.RoundTitle));
        Assert.Equal($"This week in {w.RoundTitle}: 1 of 2 returns submitted, 1 overdue", email.Subject);
        var link = $"https://localhost{Links.Round(w.PartnershipId, w.RoundId)}";
        Assert.Contains(link, email.Body, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", email.Html, StringComparison.Ordinal);
        var lines = email.Body.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains("Not started: 0", lines);
        Assert.Contains("Submitted: 1", lines);
        Assert.Contains("Overdue: 1", lines);
        Assert.Contains("Submitted since the round was launched: 1 return", lines);
        Assert.Contains($"Overdue agencies: {w.BetaName}", lines);
        Assert.Contains($"Where {w.RoundTitle} ({w.PartnershipName}) stands this week.", email.Body, StringComparison.Ordinal);
        Assert.Contains("You can turn off emails like this one on your account page.", email.Body, StringComparison.Ordinal);

        // A week on, nothing new has been submitted since that digest.
        factory.Clock.Advance(TimeSpan.FromDays(7));
        await WriteAsync();
        await WithAsync(s => s.GetRequiredService<NotificationDispatcher>().SendDueAsync());
        var next = DigestEmails(w.Admin.Email, w.RoundTitle);
        Assert.Equal(2, next.Count);
        Assert.Contains("Submitted since your last weekly digest: 0 returns", next[^1].Body.Split('\n').Select(l => l.Trim()));
    }
}
