using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Web.Tests.Support;
using PartnershipLetters = Section11.Web.Tests.Pages.Partnerships.Rounds.Reviews.LetterTests;

namespace Section11.Web.Tests.Pages.Returns;

/// <summary>The agency's side of a feedback letter at /returns/{id}/letters/{receiptId}: only once sent, only its own people.</summary>
[Trait("Category", "Review")]
public sealed class LetterTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task The_agency_reads_the_sent_letter_from_its_return_never_the_draft_and_another_agency_gets_404()
    {
        var (r, admin) = await PartnershipLetters.ModeratedAsync(factory);
        var lead = await factory.CreatePersonAsync(Role.AgencyLead, r.Summary.AgencyId, name: "Lee Lead");
        var contributor = await factory.CreatePersonAsync(Role.AgencyContributor, r.Summary.AgencyId, name: "Cal Contributor");
        var url = Links.ReturnLetter(r.Summary.Id, r.ReceiptId);
        using (var scope = factory.Services.CreateScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<FeedbackLetterService>().SaveDraftAsync(r.ReceiptId, new("Dear colleagues", "Strong leadership", null, DateInput.Empty), admin.UserId));
        }

        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);

        // A draft: nothing on the return, and its address is 404 (as are its files).
        Assert.Null((await client.GetAsync(Links.ViewReturn(r.Summary.Id))).Document.QuerySelector("#feedback-letters"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Links.ReturnLetterFile(r.Summary.Id, r.ReceiptId, "pdf"))).Response.StatusCode);

        var followUp = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(30);
        using (var scope = factory.Services.CreateScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<FeedbackLetterService>().SendAsync(r.ReceiptId, new("Dear colleagues", "Strong leadership", null, DateInput.From(followUp)), admin.UserId));
        }

        var view = await client.GetAsync(Links.ViewReturn(r.Summary.Id));
        var link = view.Document.QuerySelector("#feedback-letters a")!;
        Assert.Equal(url, link.GetAttribute("href"));
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.StartsWith("Feedback on your Section 11 return: ", page.Text("#letter-title"), StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("#letter-draft"));
        Assert.Null(page.Document.QuerySelector("form textarea"));
        Assert.Equal("Dear colleagues", page.Text("#letter-opening"));
        Assert.Equal("None.", page.Text("#letter-actions li"));
        Assert.Contains(followUp.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), page.Text("#letter-follow-up"), StringComparison.Ordinal);
        Assert.StartsWith("Ada Admin, for ", page.Text("#letter-signature"), StringComparison.Ordinal);
        Assert.Equal("1.2 Safeguarding is in the organisation's business plan.", page.Text("#letter-changes tbody th"));

        var docx = await client.GetAsync(Links.ReturnLetterFile(r.Summary.Id, r.ReceiptId, "docx"));
        Assert.Equal(HttpStatusCode.OK, docx.Response.StatusCode);
        Assert.Contains("Feedback letter - ", docx.Response.Content.Headers.ContentDisposition!.FileNameStar ?? docx.Response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var pdf = await client.Http.GetByteArrayAsync(Links.ReturnLetterFile(r.Summary.Id, r.ReceiptId, "pdf"));
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);

        // Anyone of the agency reads it; the partnership's people read theirs on the review, not here.
        using (var other = factory.CreateHtmlClient())
        {
            await other.SignInAsync(contributor.Email);
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(url)).Response.StatusCode);
        }

        using (var other = factory.CreateHtmlClient())
        {
            await other.SignInAsync(admin.Email);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(url)).Response.StatusCode);
        }

        var stranger = await factory.CreateLeadAsync("masa-2018");
        using var outsider = factory.CreateHtmlClient();
        await outsider.SignInAsync(stranger.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(Links.ReturnLetterFile(r.Summary.Id, r.ReceiptId, "docx"))).Response.StatusCode);
    }
}
