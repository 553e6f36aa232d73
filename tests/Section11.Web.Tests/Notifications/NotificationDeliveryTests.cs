using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Data;
using Section11.Core.Notifications;
using Section11.Core.Returns;
using Section11.Core.Rounds;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Notifications;

/// <summary>The outbox: once only across nodes, nothing for an event that rolled back, retries, and the opt-out.</summary>
[Trait("Category", "Operations")]
public sealed class NotificationDeliveryTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task Two_dispatchers_racing_over_the_same_rows_send_each_email_once()
    {
        var worlds = new List<NotificationWorld>();
        for (var i = 0; i < 3; i++)
        {
            var w = await NotificationWorld.CreateAsync(factory);
            await w.LaunchAsync();
            worlds.Add(w);
        }

        // Two nodes' dispatchers, each in its own scope and connection, released together, again and again.
        var sent = 0;
        for (var round = 0; round < 3; round++)
        {
            using var start = new SemaphoreSlim(0);
            var racers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                using var scope = factory.Services.CreateScope();
                var dispatcher = scope.ServiceProvider.GetRequiredService<NotificationDispatcher>();
                await start.WaitAsync();
                return await dispatcher.SendDueAsync();
            })).ToList();
            start.Release(2);
            sent += (await Task.WhenAll(racers)).Sum();
        }

        var rows = new List<Notification>();
        foreach (var w in worlds)
        {
            rows.AddRange(await w.RowsAsync(NotificationKinds.RoundLaunched));
            foreach (var lead in new[] { w.LeadA, w.LeadA2, w.LeadB })
            {
                Assert.Single(factory.Smtp.To(lead.Email));
            }
        }

        Assert.Equal(9, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.Equal(9, sent);
    }

    [Fact]
    public async Task Two_people_sending_one_return_for_sign_off_at_once_make_one_email()
    {
        var w = await NotificationWorld.CreateAsync(factory);
        await w.LaunchAsync();
        var returnId = await w.CompleteAsync(w.Alpha, w.LeadA.UserId);

        using var start = new SemaphoreSlim(0);
        var racers = new[] { w.LeadA, w.LeadA2 }.Select(lead => Task.Run(async () =>
        {
            using var scope = factory.Services.CreateScope();
            var returns = scope.ServiceProvider.GetRequiredService<ReturnService>();
            await start.WaitAsync();
            return await returns.SendForSignOffAsync(returnId, lead.UserId);
        })).ToList();
        start.Release(2);
        var results = await Task.WhenAll(racers);

        Assert.Single(results, r => r.Count == 0);
        Assert.Single(await w.RowsAsync(NotificationKinds.SignOffRequested));
        await w.DispatchAsync();
        Assert.Single(factory.Smtp.To(w.SignatoryA.Email));
    }

    [Fact]
    public async Task An_event_that_rolls_back_leaves_no_notification()
    {
        var w = await NotificationWorld.CreateAsync(factory);
        await w.LaunchAsync();
        var returnId = await w.ReturnOfAsync(w.Beta);
        var before = await w.RowsAsync(NotificationKinds.DateExtended);

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Section11DbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<RoundService>()
                .ExtendAsync(w.RoundId, returnId, DateInput.From(NotificationWorld.DueOn.AddDays(7)), w.Admin.UserId));
            Assert.Single(await db.Notifications.Where(n => n.ReturnId == returnId && n.Kind == NotificationKinds.DateExtended).ToListAsync());
            await transaction.RollbackAsync();
        }

        Assert.Equal(before.Count, (await w.RowsAsync(NotificationKinds.DateExtended)).Count);
        await using var db2 = factory.Database.CreateContext();
        Assert.Equal(NotificationWorld.DueOn, await db2.Receipts.Where(x => x.ReturnId == returnId).Select(x => x.DueOn).SingleAsync());
        await w.DispatchAsync();
        Assert.DoesNotContain(factory.Smtp.To(w.LeadB.Email), e => e.Subject.Contains("return-by date is now", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_send_is_retried_later_and_never_sent_twice_after_it_succeeds()
    {
        var w = await NotificationWorld.CreateAsync(factory);
        await w.LaunchAsync();
        await using (var db = factory.Database.CreateContext())
        {
            // The address is gone by the time the dispatcher sends: the send fails.
            await db.Users.Where(u => u.Id == w.LeadB.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, (string?)null));
        }

        await w.DispatchAsync();
        var row = Assert.Single(await w.RowsAsync(NotificationKinds.RoundLaunched), r => r.UserId == w.LeadB.UserId);
        Assert.Null(row.SentAt);
        Assert.Null(row.ClaimedAt);
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.LastError);

        await using (var db = factory.Database.CreateContext())
        {
            await db.Users.Where(u => u.Id == w.LeadB.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, w.LeadB.Email));
        }

        await w.DispatchAsync(); // not yet: it waits before trying again
        Assert.Empty(factory.Smtp.To(w.LeadB.Email));

        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        try
        {
            await w.DispatchAsync();
            await w.DispatchAsync();
        }
        finally
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(-6));
        }

        Assert.Single(factory.Smtp.To(w.LeadB.Email));
        row = Assert.Single(await w.RowsAsync(NotificationKinds.RoundLaunched), r => r.UserId == w.LeadB.UserId);
        Assert.NotNull(row.SentAt);
        Assert.Equal(2, row.Attempts);
        Assert.Null(row.LastError);
    }

    [Fact]
    public async Task A_person_who_turned_off_optional_emails_still_gets_the_essential_ones_and_sees_them_on_their_account_page()
    {
        var w = await NotificationWorld.CreateAsync(factory);
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(w.LeadA.Email);
        var account = await client.GetAsync(Links.YourAccount());
        Assert.Equal("yes", account.Document.QuerySelector("input[name='OptionalEmails'][checked]")?.GetAttribute("value"));
        var saved = await client.SubmitAsync(account, new Dictionary<string, string?> { ["OptionalEmails"] = "no" }, formSelector: "form[action*='EmailSettings']");
        Assert.Equal(Links.YourAccount(), saved.Location);

        await w.LaunchAsync();
        var returnId = await w.CompleteAsync(w.Alpha, w.LeadA.UserId);
        var signed = new SignOffInput("Sid Signatory", "Director", "Alpha", DateInput.From(DateOnly.FromDateTime(DateTime.UtcNow)), true);
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReturnService>().SubmitAsync(returnId, signed, w.SignatoryA.UserId)));
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<RoundService>().ReturnForChangesAsync(w.RoundId, returnId, "Say more about 1.1", w.Admin.UserId)));
        await w.DispatchAsync();

        // Launched and submitted are optional: only the other lead gets them. Returned for changes is essential.
        var mine = factory.Smtp.To(w.LeadA.Email);
        var subject = Assert.Single(mine).Subject;
        Assert.Contains("back for changes", subject, StringComparison.Ordinal);
        Assert.Equal(3, factory.Smtp.To(w.LeadA2.Email).Count);

        var page = await client.GetAsync(Links.YourAccount());
        Assert.Equal("You will get only the emails you need", page.Text("#notice"));
        Assert.Equal("no", page.Document.QuerySelector("input[name='OptionalEmails'][checked]")?.GetAttribute("value"));
        var listed = page.Document.QuerySelectorAll("#notifications-table tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal([subject], listed);

        // The other lead's page lists theirs, newest first.
        using var other = factory.CreateHtmlClient();
        await other.SignInAsync(w.LeadA2.Email);
        var theirs = (await other.GetAsync(Links.YourAccount())).Document.QuerySelectorAll("#notifications-table tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(3, theirs.Count);
        Assert.Contains("back for changes", theirs[0], StringComparison.Ordinal);
        Assert.Contains("has launched", theirs[2], StringComparison.Ordinal);
    }
}
