using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Notifications;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Notifications;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.MultiNode;

/// <summary>Two web nodes on one database send the same outbox at the same moment: each email goes once.</summary>
[Trait("Category", "Operations")]
public sealed class NotificationNodesTests : IAsyncLifetime
{
    private readonly Section11Factory _first = new();
    private SecondNode _second = null!;

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        _second = new SecondNode(_first.Database);
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_second).DisposeAsync();
        await ((IAsyncLifetime)_first).DisposeAsync();
    }

    private sealed class SecondNode(TestDatabase database) : Section11Factory(database, ownsDatabase: false);

    [Fact]
    public async Task Each_email_goes_once_when_both_nodes_dispatch_together()
    {
        var worlds = new List<NotificationWorld>();
        for (var i = 0; i < 4; i++)
        {
            var w = await NotificationWorld.CreateAsync(_first);
            await w.LaunchAsync();
            worlds.Add(w);
        }

        using var start = new SemaphoreSlim(0);
        var nodes = new Section11Factory[] { _first, _second }.Select(node => Task.Run(async () =>
        {
            using var scope = node.Services.CreateScope();
            var dispatcher = scope.ServiceProvider.GetRequiredService<NotificationDispatcher>();
            await start.WaitAsync();
            return await dispatcher.SendDueAsync();
        })).ToList();
        start.Release(2);
        var sent = await Task.WhenAll(nodes);

        // Each node has its own SMTP listener: together they hold every email, each once.
        var leads = worlds.SelectMany(w => new[] { w.LeadA, w.LeadA2, w.LeadB }).ToList();
        foreach (var lead in leads)
        {
            Assert.Equal(1, _first.Smtp.To(lead.Email).Count + _second.Smtp.To(lead.Email).Count);
        }

        Assert.Equal(leads.Count, sent.Sum());
        foreach (var w in worlds)
        {
            Assert.All(await w.RowsAsync(NotificationKinds.RoundLaunched), r => Assert.Equal(1, r.Attempts));
        }
    }
}
