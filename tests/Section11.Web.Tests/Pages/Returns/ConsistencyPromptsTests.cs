using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Returns;

/// <summary>
/// The consistency prompts through the pages: a warning list on check answers for the agency (never a blocker), and
/// on the read-only view for the partnership's people only. Every item is rated Good by <see cref="WholeReturn"/>, so
/// "every item is rated Good" always shows; 1.1 is left without evidence.
/// </summary>
[Trait("Category", "Review")]
public sealed class ConsistencyPromptsTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private static void NoEvidenceOn11(int standard, Dictionary<string, string?> values)
    {
        if (standard == 1)
        {
            values["Answers[0].ActualEvidence"] = "";
        }
    }

    private static List<(string Text, string Href)> Prompts(HtmlClient.Page page) =>
        [.. page.Document.QuerySelectorAll("#consistency-prompts li").Select(li => (li.TextContent.Trim(), li.QuerySelector("a")!.GetAttribute("href")!))];

    [Fact]
    public async Task A_lead_sees_the_prompts_on_check_answers_with_links_to_the_items_and_can_still_send_for_sign_off()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        await WholeReturn.CompleteAsync(client, lead.ReturnId, NoEvidenceOn11);

        var check = await client.GetAsync($"/returns/{lead.ReturnId}/check-answers");

        Assert.Equal("Things a reviewer may ask about", check.Text("#consistency-prompts h2"));
        var prompts = Prompts(check);
        Assert.Equal(
            [
                ("Standard 1: 1.1 is rated Good but has no actual evidence.", $"/returns/{lead.ReturnId}/standards/1#item-1-1"),
                ("Standard 1: Every item is rated Good.", $"/returns/{lead.ReturnId}/standards/1#item-1-1"),
            ],
            prompts);
        var standard = await client.GetAsync(prompts[0].Href.Split('#')[0]);
        Assert.Equal(HttpStatusCode.OK, standard.Status);
        Assert.NotNull(standard.Document.GetElementById("item-1-1"));

        var sent = await client.SubmitAsync(check, new Dictionary<string, string?>(), formSelector: $"form[action='/returns/{lead.ReturnId}/check-answers?handler=SendForSignOff']");
        Assert.Equal($"/returns/{lead.ReturnId}/view", sent.Location);
        Assert.Empty(Prompts(await client.GetAsync($"/returns/{lead.ReturnId}/view")));
    }

    [Fact]
    public async Task A_reviewer_sees_the_prompts_on_the_read_only_view_linking_down_the_page()
    {
        var (lead, submitted) = await factory.SubmittedAsync(NoEvidenceOn11);
        using (lead)
        {
            Assert.Empty(Prompts(await lead.GetAsync($"/returns/{submitted.ReturnId}/view")));
        }

        int partnershipId;
        await using (var db = factory.Database.CreateContext())
        {
            partnershipId = await db.Receipts.Where(r => r.ReturnId == submitted.ReturnId).Select(r => r.Round.PartnershipId).SingleAsync();
        }

        var reviewer = await factory.CreatePersonAsync(Role.PartnershipReviewer, partnershipId: partnershipId, name: "Rita Reviewer");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(reviewer.Email);

        var view = await client.GetAsync($"/returns/{submitted.ReturnId}/view");

        Assert.Equal(HttpStatusCode.OK, view.Status);
        var prompts = Prompts(view);
        Assert.Equal(
            [
                ("Standard 1: 1.1 is rated Good but has no actual evidence.", "#answer-item-1-1"),
                ("Standard 1: Every item is rated Good.", "#answer-item-1-1"),
            ],
            prompts);
        Assert.All(prompts, p => Assert.NotNull(view.Document.GetElementById(p.Href[1..])));
    }
}
