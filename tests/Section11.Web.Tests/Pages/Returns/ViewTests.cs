using System.Net;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Returns;

public sealed class ViewTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task Taking_back_a_return_that_is_not_waiting_for_sign_off_is_refused_in_place()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        var view = await client.GetAsync($"/returns/{lead.ReturnId}/view");
        var token = view.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        var refused = await client.PostAsync($"/returns/{lead.ReturnId}/view?handler=Withdraw", [new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(view.H1, refused.H1);
        Assert.Contains("Only a return waiting for sign-off can be taken back.", refused.ErrorSummary);
    }
}
