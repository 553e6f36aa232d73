using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Returns;

public sealed class StandardTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private async Task<(HtmlClient Client, Section11Factory.Lead Lead)> SignedInAsync(string framework = "primary-care-2014")
    {
        var lead = await factory.CreateLeadAsync(framework);
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        return (client, lead);
    }

    private async Task<List<Answer>> AnswersAsync(int returnId)
    {
        await using var db = factory.Database.CreateContext();
        return await db.Answers.Include(a => a.Item).Where(a => a.ReturnId == returnId).OrderBy(a => a.Item.SortKey).ToListAsync();
    }

    [Fact]
    public async Task The_page_shows_every_item_with_its_statement_evidence_and_the_scale()
    {
        var (client, lead) = await SignedInAsync();
        var page = await client.GetAsync($"/returns/{lead.ReturnId}/standards/5");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("Standard 5: Staff supervision", page.H1, StringComparison.Ordinal);
        Assert.Equal(
            ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "5.7", "5.8", "5.9", "5.10", "5.11", "5.12"],
            page.Document.QuerySelectorAll("section.app-item h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(["Not met", "Partially met", "Fully met"],
            page.Document.QuerySelectorAll("#item-5-1 .govuk-radios__label").Select(l => l.TextContent.Trim()));
        Assert.Contains("Examples of evidence", page.Document.QuerySelector("#item-5-1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Please state whether you have evaluated this standard as", page.Text("#evaluation"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_masa_item_shows_the_descriptor_of_each_grade_beside_its_radio()
    {
        var (client, lead) = await SignedInAsync("masa-2018");
        var page = await client.GetAsync($"/returns/{lead.ReturnId}/standards/1");

        var radios = page.Document.QuerySelectorAll("#item-1-1 .govuk-radios__item");
        Assert.Equal(["Inadequate", "Requires improvement", "Good", "Outstanding"], radios.Select(r => r.QuerySelector("label")!.TextContent.Trim()));
        Assert.Contains("No Evidence Submitted / No named person within organisation", radios[0].QuerySelector(".app-rating-descriptor")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Good plus", radios[3].QuerySelector(".app-rating-descriptor")!.TextContent.Trim(), StringComparison.Ordinal);
        // The descriptor is announced with the radio.
        Assert.Equal(radios[0].QuerySelector(".app-rating-descriptor")!.Id, radios[0].QuerySelector("input")!.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task Save_and_continue_saves_and_moves_to_the_next_standard()
    {
        var (client, lead) = await SignedInAsync();
        var page = await client.GetAsync($"/returns/{lead.ReturnId}/standards/1");

        var saved = await client.SubmitAsync(page, StandardForms.Complete(page, "fully-met"), "continue");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal($"/returns/{lead.ReturnId}/standards/2", saved.Location);
        var answers = (await AnswersAsync(lead.ReturnId)).Where(a => a.Item.Number.StartsWith("1.", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, answers.Count);
        Assert.All(answers, a => Assert.Equal("fully-met", a.Rating));
        Assert.Equal("Safeguarding policy section 1, reviewed 2026.", answers[0].ActualEvidence);
        Assert.All(answers, a => Assert.Equal(lead.UserId, a.UpdatedById));

        var reopened = await client.GetAsync($"/returns/{lead.ReturnId}/standards/1");
        Assert.Equal("fully-met", reopened.Value("Answers[0].Rating"));
        Assert.Equal("Safeguarding policy section 1, reviewed 2026.", reopened.Value("Answers[0].ActualEvidence"));
    }

    [Fact]
    public async Task Save_and_come_back_later_keeps_part_done_work_and_returns_to_the_task_list()
    {
        var (client, lead) = await SignedInAsync();
        var page = await client.GetAsync($"/returns/{lead.ReturnId}/standards/2");

        var saved = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Answers[1].Rating"] = "partially-met" }, "later");

        Assert.Equal($"/returns/{lead.ReturnId}", saved.Location);
        var overview = await client.FollowAsync(saved);
        Assert.Equal("1 of 5 items rated", overview.Text("#standard-2-hint"));
        Assert.Equal("In progress", overview.Text("#standard-2-status"));
        Assert.Equal("Not started", overview.Text("#standard-1-status"));
    }

    [Fact]
    public async Task Missing_answers_show_the_error_summary_linked_to_each_field_and_keep_what_was_typed()
    {
        var (client, lead) = await SignedInAsync();
        var page = await client.GetAsync($"/returns/{lead.ReturnId}/standards/3");
        var values = StandardForms.Complete(page, "fully-met");
        values["Answers[0].Rating"] = "not-met";
        values["Answers[0].ActualEvidence"] = "We are drafting this";
        values["Answers[1].Rating"] = null;
        values["Answers[2].Timescale.Day"] = "31";
        values["Answers[2].Timescale.Month"] = "2";
        values["Answers[2].Timescale.Year"] = "2027";

        var result = await client.SubmitAsync(page, values, "continue");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.StartsWith("Error: ", result.Title, StringComparison.Ordinal);
        Assert.Equal(
            [
                "Enter the action required for 3.1, because you rated it Not met",
                "Enter a timescale for 3.1, because you rated it Not met",
                "Select a rating for 3.2",
                "Timescale for 3.3 must be a real date",
            ],
            result.ErrorSummary);
        foreach (var link in result.ErrorSummaryLinks)
        {
            Assert.NotNull(result.Document.GetElementById(link.TrimStart('#')));
        }

        Assert.Equal("We are drafting this", result.Value("Answers[0].ActualEvidence"));
        Assert.Equal("not-met", result.Value("Answers[0].Rating"));
        Assert.Equal("31", result.Value("Answers[2].Timescale.Day"));
        Assert.Equal("Select a rating for 3.2", result.Text("#Answers-1-Rating-error").Replace("Error:", "", StringComparison.Ordinal).Trim());
        Assert.All(await AnswersAsync(lead.ReturnId), a => Assert.Null(a.Rating));
    }

    [Fact]
    public async Task Text_over_the_limit_is_refused_with_a_specific_message_and_kept_on_the_page()
    {
        var (client, lead) = await SignedInAsync();
        var page = await client.GetAsync($"/returns/{lead.ReturnId}/standards/8");
        var values = StandardForms.Complete(page, "fully-met");
        var tooLong = new string('a', 10_050);
        values["Evaluation.Statement"] = tooLong;

        var result = await client.SubmitAsync(page, values, "continue");

        Assert.Equal(["Supporting statement for standard 8 must be 10,000 characters or fewer (you have 10,050)"], result.ErrorSummary);
        Assert.Equal(tooLong, result.Value("Evaluation.Statement"));
    }

    [Theory]
    [InlineData("Answers[0].Rating", "excellent")]
    [InlineData("Answers[0].ItemId", "999999")]
    [InlineData("Answers[0].ItemId", "one")]
    [InlineData("Version", "abc")]
    [InlineData("Evaluation.Rating", "gold")]
    public async Task A_tampered_form_is_a_bad_request_and_nothing_is_saved(string field, string value)
    {
        var (client, lead) = await SignedInAsync();
        var page = await client.GetAsync($"/returns/{lead.ReturnId}/standards/1");
        var values = StandardForms.Complete(page, "fully-met");
        values[field] = value;

        var result = await client.SubmitAsync(page, values, "continue");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("Sorry, there is a problem with that request", result.H1);
        Assert.All(await AnswersAsync(lead.ReturnId), a => Assert.Null(a.Rating));
    }

    [Fact]
    public async Task The_later_of_two_people_saving_a_standard_sees_a_conflict_with_the_others_values()
    {
        var (mine, lead) = await SignedInAsync();
        await factory.CreateUserAsync(lead.AgencyId, Role.AgencyContributor, "Jo Bennett");
        var colleagueId = await factory.CreateUserAsync(lead.AgencyId, Role.AgencyContributor, "Jo Bennett");
        await using (var db = factory.Database.CreateContext())
        {
            colleagueId = (await db.Users.FindAsync(colleagueId))!.Email!;
        }

        using var theirs = factory.CreateHtmlClient();
        await theirs.SignInAsync(colleagueId);
        var myPage = await mine.GetAsync($"/returns/{lead.ReturnId}/standards/1");
        var theirPage = await theirs.GetAsync($"/returns/{lead.ReturnId}/standards/1");

        var theirValues = StandardForms.Complete(theirPage, "fully-met");
        theirValues["Answers[0].ActualEvidence"] = "Jo's evidence";
        Assert.Equal(HttpStatusCode.Redirect, (await theirs.SubmitAsync(theirPage, theirValues, "continue")).Status);

        var myValues = StandardForms.Complete(myPage, "partially-met", "My action", ("1", "6", "2030"));
        myValues["Answers[0].ActualEvidence"] = "My evidence";
        var conflict = await mine.SubmitAsync(myPage, myValues, "continue");

        Assert.Equal(HttpStatusCode.OK, conflict.Status);
        Assert.StartsWith("Jo Bennett saved this standard at ", Assert.Single(conflict.ErrorSummary), StringComparison.Ordinal);
        Assert.Contains("Your changes have not been saved", conflict.ErrorSummary[0], StringComparison.Ordinal);
        Assert.Contains("Jo's evidence", conflict.Text("#item-1-1 .app-conflict"), StringComparison.Ordinal);
        Assert.Equal("My evidence", conflict.Value("Answers[0].ActualEvidence"));
        Assert.Equal("partially-met", conflict.Value("Answers[0].Rating"));
        Assert.Equal("Jo's evidence", (await AnswersAsync(lead.ReturnId))[0].ActualEvidence);

        // Having seen Jo's answers, saving again is deliberate and goes through.
        var again = await mine.SubmitAsync(conflict, new Dictionary<string, string?>(), "continue");
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal("My evidence", (await AnswersAsync(lead.ReturnId))[0].ActualEvidence);
    }

    [Fact]
    public async Task Another_agencys_return_and_a_return_that_does_not_exist_are_both_not_found()
    {
        var (client, lead) = await SignedInAsync();
        var other = await factory.CreateLeadAsync("masa-2018");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/returns/{other.ReturnId}/standards/1")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/returns/{other.ReturnId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/returns/987654/standards/1")).Status);
        var page = await client.GetAsync($"/returns/{other.ReturnId}/view");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page not found", page.H1);

        // Each refusal is recorded, in UTC, with who and where.
        await using var db = factory.Database.CreateContext();
        var denied = await db.SecurityEvents.Where(e => e.Kind == "denied" && e.Path == $"/returns/{other.ReturnId}/view").ToListAsync();
        var entry = Assert.Single(denied);
        Assert.Equal(lead.UserId, entry.UserId);
        Assert.Equal(DateTimeKind.Utc, entry.At.Kind);
        Assert.True(DateTime.UtcNow - entry.At < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task A_standard_number_the_framework_does_not_have_is_not_found()
    {
        var (client, lead) = await SignedInAsync("masa-2018");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/returns/{lead.ReturnId}/standards/8")).Status);
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in()
    {
        var lead = await factory.CreateLeadAsync("primary-care-2014");
        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync($"/returns/{lead.ReturnId}/standards/1");
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("https://localhost/sign-in?ReturnUrl=", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_senior_signatory_without_an_editing_role_cannot_change_answers()
    {
        var lead = await factory.CreateLeadAsync("primary-care-2014", Role.SeniorSignatory);
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/returns/{lead.ReturnId}/standards/1")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/returns/{lead.ReturnId}/view")).Status);
    }
}
