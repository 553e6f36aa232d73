using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Returns;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Returns;

/// <summary>The demo agency leads complete and submit on each seed framework, as a person without JavaScript would.</summary>
public sealed class SubmitJourneyTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Theory]
    [InlineData("gp.lead@riverside.example", null, DemoData.GpPractice, "fully-met", 9)]
    [InlineData("trust.lead@northshire-hospitals.example", "trust.signatory@northshire-hospitals.example", DemoData.Trust, "good", 7)]
    public async Task A_demo_lead_completes_every_standard_and_a_senior_signatory_signs_off_and_submits(
        string email, string? signatory, string agency, string rating, int standards)
    {
        using var client = factory.CreateHtmlClient();
        var home = await client.FollowAsync(await client.SignInAsync(email, DemoData.Password));
        Assert.Equal("Your returns", home.H1);
        // The demo's trust also has its submitted 2024 return; this is the 2026 one.
        var link = home.Document.QuerySelectorAll("table tbody tr")
            .Single(r => r.TextContent.Contains(agency, StringComparison.Ordinal) && r.TextContent.Contains("2026", StringComparison.Ordinal))
            .QuerySelector("a")!;
        var overview = await client.GetAsync(link.GetAttribute("href")!);
        Assert.Equal(standards, overview.Document.QuerySelectorAll(".govuk-task-list__item--with-link").Length);
        Assert.Equal("Cannot start yet", overview.Text("#submit-status"));

        var page = await client.GetAsync(overview.Document.QuerySelector("a[href$='/standards/1']")!.GetAttribute("href")!);
        for (var n = 1; n <= standards; n++)
        {
            Assert.StartsWith($"Standard {n}:", page.H1, StringComparison.Ordinal);
            page = await client.FollowAsync(await client.SubmitAsync(page, StandardForms.Complete(page, rating), "continue"));
        }

        Assert.Equal("Check your answers before sign-off", page.H1);
        Assert.Empty(page.Document.QuerySelectorAll("#problems li"));
        var returnUrl = page.Response.RequestMessage!.RequestUri!.AbsolutePath.Replace("/check-answers", "", StringComparison.Ordinal);
        var signer = client;
        if (signatory is not null)
        {
            // The lead cannot sign off: they send it to the agency's senior signatory.
            Assert.Empty(page.Document.QuerySelectorAll("a[href$='/sign-off']"));
            var sent = await client.FollowAsync(await client.SubmitAsync(page, new Dictionary<string, string?>(), formSelector: "form[action$='handler=SendForSignOff']"));
            Assert.Contains("waiting for a senior signatory", sent.Text("#awaiting-sign-off"), StringComparison.Ordinal);
            Assert.Equal($"{returnUrl}/view", (await client.GetAsync($"{returnUrl}/standards/1")).Location);

            signer = factory.CreateHtmlClient();
            await signer.SignInAsync(signatory, DemoData.Password);
            page = await signer.GetAsync($"{returnUrl}/view");
        }

        var signOff = await signer.GetAsync(page.Document.QuerySelector("a[href$='/sign-off']")!.GetAttribute("href")!);
        Assert.Equal(agency, signOff.Value("Organisation"));

        var confirmation = await signer.FollowAsync(await signer.SubmitAsync(signOff, new Dictionary<string, string?>
        {
            ["SignatoryName"] = "Dr Helen Marsh",
            ["PostHeld"] = "Director of Nursing",
            ["DeclarationAccepted"] = "true",
        }));

        Assert.Equal("Return submitted", confirmation.H1);
        var view = await signer.GetAsync(confirmation.Document.QuerySelector("a[href$='/view']")!.GetAttribute("href")!);
        Assert.Equal("Submitted", view.Text("#status"));
        Assert.StartsWith("Dr Helen Marsh, Director of Nursing, " + agency, view.Text("#signed-off-by"), StringComparison.Ordinal);

        await using var db = factory.Database.CreateContext();
        var saved = await db.Returns.Include(r => r.Agency).SingleAsync(r => r.Agency.Name == agency && r.Receipts.Any(x => x.Round.Title.StartsWith("Section 11 audit 2026")));
        Assert.Equal(ReturnStatus.Submitted, saved.Status);
        Assert.True(saved.SignOff!.DeclarationAccepted);
    }
}
