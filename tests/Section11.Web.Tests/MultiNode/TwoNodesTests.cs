using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Reminders;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.MultiNode;

/// <summary>Two web nodes on one database, as a deployment behind a load balancer runs.</summary>
public sealed class TwoNodesTests : IAsyncLifetime
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
    public async Task A_person_signed_in_on_one_node_carries_on_on_the_other()
    {
        var lead = await _first.CreateLeadAsync("masa-2018");
        var cookies = new CookieContainer();
        using var one = _first.CreateHtmlClient(cookies);
        using var two = _second.CreateHtmlClient(cookies);

        Assert.Equal("/", (await one.SignInAsync(lead.Email)).Location);

        // The session cookie and the form's antiforgery token were made by node one; node two reads both.
        var page = await two.GetAsync($"/returns/{lead.ReturnId}/standards/1");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var saved = await two.SubmitAsync(page, new Dictionary<string, string?> { ["Answers[0].Rating"] = "good", ["Answers[0].ActualEvidence"] = "Saved on node two" }, "later");
        Assert.Equal($"/returns/{lead.ReturnId}", saved.Location);

        var back = await one.GetAsync($"/returns/{lead.ReturnId}/standards/1");
        Assert.Equal("Saved on node two", back.Value("Answers[0].ActualEvidence"));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Signing_out_on_one_node_ends_the_session_on_the_other()
    {
        var lead = await _first.CreateLeadAsync("masa-2018");
        var cookies = new CookieContainer();
        using var one = _first.CreateHtmlClient(cookies);
        Assert.Equal("/", (await one.SignInAsync(lead.Email)).Location);
        var copy = new CookieContainer();
        copy.Add(cookies.GetAllCookies());
        using var two = _second.CreateHtmlClient(copy);
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync($"/returns/{lead.ReturnId}")).Status);

        await one.SubmitAsync(await one.GetAsync("/"), new Dictionary<string, string?>(), formSelector: "form[action='/sign-out']");
        Assert.StartsWith("https://localhost/sign-in?ReturnUrl=", (await two.GetAsync($"/returns/{lead.ReturnId}")).Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_go_out_once_when_both_nodes_look_at_the_same_moment()
    {
        var leads = new List<Section11Factory.Lead>();
        for (var i = 0; i < 5; i++)
        {
            leads.Add(await _first.CreateLeadAsync("masa-2018"));
        }

        await using (var db = _first.Database.CreateContext())
        {
            var ids = leads.Select(l => l.ReturnId).ToList();
            await db.Receipts.Where(x => ids.Contains(x.ReturnId!.Value)).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueOn, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2)));
        }

        async Task<int> Send(Section11Factory node)
        {
            using var scope = node.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ReminderService>().SendDueAsync();
        }

        var sent = await Task.WhenAll(Send(_first), Send(_second), Send(_first), Send(_second));

        Assert.Equal(5, sent.Sum());
        foreach (var lead in leads)
        {
            Assert.Single(_first.Smtp.To(lead.Email).Concat(_second.Smtp.To(lead.Email)));
        }
    }
}
