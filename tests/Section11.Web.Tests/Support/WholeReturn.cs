using System.Net;

namespace Section11.Web.Tests.Support;

/// <summary>A whole return completed, and signed off, through the pages, as a person without JavaScript would.</summary>
public static class WholeReturn
{
    /// <summary>A masa-2018 return has seven standards.</summary>
    public const int MasaStandards = 7;

    /// <summary>
    /// Saves every standard with each item rated good and evidenced; <paramref name="change"/> alters a standard's
    /// values (given its number) before they are sent.
    /// </summary>
    public static async Task CompleteAsync(HtmlClient client, int returnId, Action<int, Dictionary<string, string?>>? change = null, int standards = MasaStandards)
    {
        for (var n = 1; n <= standards; n++)
        {
            var page = await client.GetAsync($"/returns/{returnId}/standards/{n}");
            var values = StandardForms.Complete(page, "good");
            change?.Invoke(n, values);
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, values, "continue")).Status);
        }
    }

    /// <summary>
    /// A new masa-2018 return whose lead also signs, completed and submitted by them: the signed-in client and the lead.
    /// </summary>
    public static async Task<(HtmlClient Client, Section11Factory.Lead Lead)> SubmittedAsync(this Section11Factory factory, Action<int, Dictionary<string, string?>>? change = null)
    {
        var lead = await factory.CreateLeadWhoSignsAsync("masa-2018");
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        await CompleteAsync(client, lead.ReturnId, change);
        var signOff = await client.GetAsync($"/returns/{lead.ReturnId}/sign-off");
        var done = await client.SubmitAsync(signOff, new Dictionary<string, string?>
        {
            ["SignatoryName"] = "A Director", ["PostHeld"] = "Director", ["DeclarationAccepted"] = "true",
        });
        Assert.Equal($"/returns/{lead.ReturnId}/confirmation", done.Location);
        return (client, lead);
    }
}
