using System.Net;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Returns;

/// <summary>The change history reads in the service's words: status and rating labels, never the stored codes.</summary>
public sealed class HistoryTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    [Trait("Category", "Operations")]
    public async Task The_history_shows_status_and_rating_labels_not_codes()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        await WholeReturn.CompleteAsync(client, lead.ReturnId);
        var check = await client.GetAsync($"/returns/{lead.ReturnId}/check-answers");
        var token = check.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/returns/{lead.ReturnId}/check-answers?handler=SendForSignOff", [new("__RequestVerificationToken", token)])).Status);

        var history = await client.GetAsync($"/returns/{lead.ReturnId}/history");
        Assert.Equal(HttpStatusCode.OK, history.Status);
        var rows = history.Document.QuerySelectorAll(".app-history tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Contains(rows, t => t.Contains("Return: status", StringComparison.Ordinal) && t.Contains("Draft", StringComparison.Ordinal));
        Assert.Contains(rows, t => t.Contains("Return: status", StringComparison.Ordinal) && t.Contains("Awaiting sign-off", StringComparison.Ordinal));
        Assert.Contains(rows, t => t.Contains("Item 1.1: rating", StringComparison.Ordinal) && t.Contains("Good", StringComparison.Ordinal));
        var table = history.Document.QuerySelector(".app-history tbody")!.TextContent;
        Assert.DoesNotContain("AwaitingSignOff", table, StringComparison.Ordinal);
        Assert.DoesNotContain("good", table, StringComparison.Ordinal);
    }
}
