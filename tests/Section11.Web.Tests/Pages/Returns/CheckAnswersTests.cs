using System.Net;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Returns;

public sealed class CheckAnswersTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task Sending_an_incomplete_return_for_sign_off_is_refused_in_place_with_an_error_summary()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        var check = await client.GetAsync($"/returns/{lead.ReturnId}/check-answers");
        var token = check.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        var refused = await client.PostAsync($"/returns/{lead.ReturnId}/check-answers?handler=SendForSignOff", [new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("Check your answers before sign-off", refused.H1);
        Assert.Contains("Standard 1: Select a rating for 1.1", refused.ErrorSummary);
        Assert.StartsWith("Error: ", refused.Document.Title, StringComparison.Ordinal);
    }
}
