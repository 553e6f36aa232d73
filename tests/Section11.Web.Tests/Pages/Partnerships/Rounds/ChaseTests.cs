using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Returns;
using Section11.Web.Tests.Notifications;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds;

/// <summary>The chase from the tracker: choose, preview, send; errors; only the partnership's administrators.</summary>
[Trait("Category", "Operations")]
public sealed class ChaseTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private async Task<(NotificationWorld World, HtmlClient Admin, int AlphaReturn)> LaunchedAsync()
    {
        var w = await NotificationWorld.CreateAsync(factory, alphaName: "Alpha & <Sons>");
        await w.LaunchAsync();
        await w.DispatchAsync();
        var admin = factory.CreateHtmlClient();
        await admin.SignInAsync(w.Admin.Email);
        return (w, admin, await w.ReturnOfAsync(w.Alpha));
    }

    private int Chases(string email) => factory.Smtp.To(email).Count(e => e.Subject.StartsWith("Reminder from", StringComparison.Ordinal));

    [Fact]
    public async Task The_administrator_previews_a_chase_to_one_agency_and_sends_it_to_its_leads()
    {
        var (w, admin, alphaReturn) = await LaunchedAsync();
        using var _ = admin;
        var round = await admin.GetAsync(Links.Round(w.PartnershipId, w.RoundId));
        Assert.Equal(Links.Chase(w.PartnershipId, w.RoundId), round.Document.QuerySelector("#chase-link")?.GetAttribute("href"));

        var choose = await admin.GetAsync(Links.Chase(w.PartnershipId, w.RoundId));
        Assert.Equal(HttpStatusCode.OK, choose.Status);
        var labels = choose.Document.QuerySelectorAll(".govuk-radios__label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal(["Every agency that has not submitted (2)", w.AlphaName, w.BetaName], labels);

        var next = await admin.SubmitAsync(choose, new Dictionary<string, string?> { ["To"] = w.Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(Links.ChasePreview(w.PartnershipId, w.RoundId, w.Alpha), next.Location);
        var preview = await admin.FollowAsync(next);
        Assert.Equal($"Reminder from {w.PartnershipName}: {w.AlphaName}'s return is due by {NotificationWorld.DueOn:d MMMM yyyy}", preview.Text("#chase-subject"));
        Assert.Contains($"{w.AlphaName} (2 leads)", preview.Text("#chase-agencies"), StringComparison.Ordinal);
        Assert.Contains($"https://localhost{Links.Return(alphaReturn)}", preview.Text("#chase-body"), StringComparison.Ordinal);
        Assert.Contains("Alpha &amp; &lt;Sons&gt;", preview.Document.QuerySelector("#chase-body")!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(0, Chases(w.LeadA.Email)); // a preview sends nothing

        var sent = await admin.SubmitAsync(preview, new Dictionary<string, string?>());
        Assert.Equal(Links.Round(w.PartnershipId, w.RoundId), sent.Location);
        var banner = await admin.FollowAsync(sent);
        Assert.Equal($"Chase sent to {w.AlphaName}: 2 people emailed", banner.Text(".govuk-notification-banner--success #confirmation"));
        await w.DispatchAsync();

        Assert.Equal(1, Chases(w.LeadA.Email));
        Assert.Equal(1, Chases(w.LeadA2.Email));
        Assert.Equal(0, Chases(w.LeadB.Email));
        var email = factory.Smtp.To(w.LeadA.Email).Single(e => e.Subject.StartsWith("Reminder from", StringComparison.Ordinal));
        Assert.Contains($"https://localhost{Links.Return(alphaReturn)}", email.Body, StringComparison.Ordinal);
        Assert.Contains("Alpha &amp; &lt;Sons&gt;", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chasing_every_agency_skips_those_that_have_submitted()
    {
        var (w, admin, alphaReturn) = await LaunchedAsync();
        using var _ = admin;
        await w.CompleteAsync(w.Alpha, w.LeadA.UserId);
        var signed = new SignOffInput("Sid Signatory", "Director", "Alpha", DateInput.From(DateOnly.FromDateTime(DateTime.UtcNow)), true);
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReturnService>().SubmitAsync(alphaReturn, signed, w.SignatoryA.UserId)));

        var choose = await admin.GetAsync(Links.Chase(w.PartnershipId, w.RoundId));
        Assert.Equal(["Every agency that has not submitted (1)", w.BetaName],
            choose.Document.QuerySelectorAll(".govuk-radios__label").Select(l => l.TextContent.Trim()).ToList());
        var preview = await admin.FollowAsync(await admin.SubmitAsync(choose, new Dictionary<string, string?> { ["To"] = "all" }));
        Assert.Contains($"{w.BetaName} (1 lead)", preview.Text("#chase-agencies"), StringComparison.Ordinal);
        Assert.DoesNotContain(w.AlphaName, preview.Text("#chase-agencies"), StringComparison.Ordinal);
        var banner = await admin.FollowAsync(await admin.SubmitAsync(preview, new Dictionary<string, string?>()));
        Assert.Equal($"Chase sent to {w.BetaName}: 1 person emailed", banner.Text("#confirmation"));
        await w.DispatchAsync();

        Assert.Equal(1, Chases(w.LeadB.Email));
        Assert.Equal(0, Chases(w.LeadA.Email));
    }

    [Fact]
    public async Task Choosing_nobody_shows_the_error_summary_and_a_forged_agency_is_refused()
    {
        var (w, admin, _) = await LaunchedAsync();
        using var __ = admin;
        var choose = await admin.GetAsync(Links.Chase(w.PartnershipId, w.RoundId));

        var empty = await admin.SubmitAsync(choose, new Dictionary<string, string?> { ["To"] = null });
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal(["Select which agencies to chase"], empty.ErrorSummary);
        Assert.Equal(["#To"], empty.ErrorSummaryLinks);

        var forged = await admin.SubmitAsync(choose, new Dictionary<string, string?> { ["To"] = "999999" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);

        // A preview for an agency that is not in the round sends nothing.
        var outsider = await admin.GetAsync(Links.ChasePreview(w.PartnershipId, w.RoundId, 999999));
        Assert.Contains("nobody to chase", outsider.Text("#nobody"), StringComparison.Ordinal);
        Assert.Null(outsider.Document.QuerySelector("main form"));
    }

    [Fact]
    public async Task Only_the_partnership_administrators_may_chase()
    {
        var (w, admin, _) = await LaunchedAsync();
        admin.Dispose();
        foreach (var person in new[] { w.Reviewer, w.LeadA })
        {
            using var client = factory.CreateHtmlClient();
            await client.SignInAsync(person.Email);
            var got = await client.GetAsync(Links.Chase(w.PartnershipId, w.RoundId));
            Assert.Equal(person == w.Reviewer ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound, got.Status);
        }
    }
}
