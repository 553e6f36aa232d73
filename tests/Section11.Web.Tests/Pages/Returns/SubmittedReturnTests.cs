using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Returns;

public sealed class SubmittedReturnTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task A_submitted_return_opens_read_only_and_refuses_any_change()
    {
        var (client, lead) = await factory.SubmittedAsync();
        var before = await StoredAsync(lead.ReturnId);

        var get = await client.GetAsync($"/returns/{lead.ReturnId}/standards/1");
        Assert.Equal($"/returns/{lead.ReturnId}/view", get.Location);
        Assert.Equal($"/returns/{lead.ReturnId}/view", (await client.GetAsync($"/returns/{lead.ReturnId}")).Location);

        // A form kept open from before submission, posted afterwards.
        var view = await client.GetAsync($"/returns/{lead.ReturnId}/view");
        var token = view.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var post = await client.PostAsync($"/returns/{lead.ReturnId}/standards/1",
        [
            new("__RequestVerificationToken", token), new("Version", "1"), new("Answers[0].ItemId", "1"), new("Answers[0].Rating", "inadequate"), new("action", "continue"),
        ]);
        Assert.Equal(HttpStatusCode.Conflict, post.Status);
        Assert.Equal("This return can no longer be changed", post.H1);

        var signAgain = await client.PostAsync($"/returns/{lead.ReturnId}/sign-off",
            [new("__RequestVerificationToken", token), new("SignatoryName", "Someone else"), new("DeclarationAccepted", "true")]);
        Assert.Equal(HttpStatusCode.Conflict, signAgain.Status);

        Assert.Equal(before, await StoredAsync(lead.ReturnId));
    }

    [Fact]
    public async Task The_read_only_view_shows_every_answer_and_has_print_styles()
    {
        var (client, lead) = await factory.SubmittedAsync();
        var view = await client.GetAsync($"/returns/{lead.ReturnId}/view");

        Assert.Equal(7, view.Document.QuerySelectorAll(".app-standard").Length);
        Assert.Equal(27, view.Document.QuerySelectorAll(".app-standard .govuk-summary-list__row").Length - 7);
        Assert.Empty(view.Document.QuerySelectorAll("main form"));
        Assert.Empty(view.Document.QuerySelectorAll(".govuk-summary-list__actions"));
        var css = await client.Http.GetStringAsync(view.Document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));
        Assert.Contains("@media print", css, StringComparison.Ordinal);
    }

    private async Task<string> StoredAsync(int returnId)
    {
        await using var db = factory.Database.CreateContext();
        var answers = await db.Answers.Where(a => a.ReturnId == returnId).OrderBy(a => a.Id).Select(a => a.Rating + a.ActualEvidence).ToListAsync();
        var entity = await db.Returns.SingleAsync(r => r.Id == returnId);
        return string.Join("|", answers) + entity.Status + entity.SignOff!.SignatoryName;
    }
}
