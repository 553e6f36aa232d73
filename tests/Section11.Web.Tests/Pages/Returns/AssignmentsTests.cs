using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Returns;

/// <summary>Delegation: the agency's lead assigns standards to its people, who see "Assigned to you" on the task list.</summary>
[Trait("Category", "Operations")]
public sealed class AssignmentsTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private static string SelectName(HtmlClient.Page page, int number) =>
        page.Document.QuerySelectorAll("main select").Single(s => s.Id is { } id && page.Document.QuerySelector($"label[for='{id}']")!.TextContent.Trim().StartsWith($"Standard {number}:", StringComparison.Ordinal))
            .GetAttribute("name")!;

    [Fact]
    public async Task The_lead_assigns_two_standards_and_the_contributor_sees_them_as_theirs()
    {
        var lead = await factory.CreateLeadAsync("masa-2018", name: "Lee Lead");
        var contributor = await factory.CreatePersonAsync(Role.AgencyContributor, agencyId: lead.AgencyId, name: "Cara Contributor");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);

        var overview = await client.GetAsync($"/returns/{lead.ReturnId}");
        Assert.Equal($"/returns/{lead.ReturnId}/assignments", overview.Document.QuerySelector("#assign-standards")!.GetAttribute("href"));
        var form = await client.GetAsync($"/returns/{lead.ReturnId}/assignments");
        Assert.Equal("Assign standards", form.H1);
        Assert.Equal(WholeReturn.MasaStandards, form.Document.QuerySelectorAll("main select").Length);
        Assert.Equal(["Nobody", "Cara Contributor", "Lee Lead"], form.Document.QuerySelectorAll("main select")[0].QuerySelectorAll("option").Select(o => o.TextContent.Trim()));

        var saved = await client.FollowAsync(await client.SubmitAsync(form, new Dictionary<string, string?>
        {
            [SelectName(form, 1)] = contributor.UserId, [SelectName(form, 2)] = contributor.UserId, [SelectName(form, 3)] = lead.UserId,
        }));
        Assert.Equal("The assignments have been saved", saved.Text("#confirmation"));
        Assert.Equal(contributor.UserId, saved.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>($"select[name='{SelectName(saved, 2)}']")!.Value);

        using var theirs = factory.CreateHtmlClient();
        await theirs.SignInAsync(contributor.Email);
        var list = await theirs.GetAsync($"/returns/{lead.ReturnId}");
        Assert.EndsWith("Assigned to you", list.Text("#standard-1-hint"), StringComparison.Ordinal);
        Assert.EndsWith("Assigned to you", list.Text("#standard-2-hint"), StringComparison.Ordinal);
        Assert.EndsWith("Assigned to Lee Lead", list.Text("#standard-3-hint"), StringComparison.Ordinal);
        Assert.DoesNotContain("Assigned", list.Text("#standard-4-hint"), StringComparison.Ordinal);
        Assert.Null(list.Document.QuerySelector("#assign-standards"));
        Assert.EndsWith("Assigned to Cara Contributor", (await client.GetAsync($"/returns/{lead.ReturnId}")).Text("#standard-1-hint"), StringComparison.Ordinal);

        // Delegation, not permission: the contributor is refused the lead's page, and may still edit any standard.
        Assert.Equal(HttpStatusCode.Forbidden, (await theirs.GetAsync($"/returns/{lead.ReturnId}/assignments")).Status);
        Assert.Equal(HttpStatusCode.OK, (await theirs.GetAsync($"/returns/{lead.ReturnId}/standards/5")).Status);

        // Taking one off and moving one: each change is in the return's history.
        form = await client.GetAsync($"/returns/{lead.ReturnId}/assignments");
        await client.SubmitAsync(form, new Dictionary<string, string?> { [SelectName(form, 2)] = "", [SelectName(form, 3)] = contributor.UserId });
        await using var db = factory.Database.CreateContext();
        var rows = await db.StandardAssignments.Where(a => a.ReturnId == lead.ReturnId).OrderBy(a => a.StandardId).Select(a => a.UserId).ToListAsync();
        Assert.Equal([contributor.UserId, contributor.UserId], rows);
        var log = await db.ChangeLog.Where(c => c.ReturnId == lead.ReturnId && c.EntityType == nameof(StandardAssignment)).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(5, log.Count);
        Assert.Contains(log, c => c.Field == "Standard 2 assigned to" && c.OldValue == "Cara Contributor" && c.NewValue == null && c.UserId == lead.UserId);
        Assert.Contains(log, c => c.Field == "Standard 3 assigned to" && c.OldValue == "Lee Lead" && c.NewValue == "Cara Contributor");
    }

    [Fact]
    public async Task Someone_who_does_not_work_for_the_agency_is_refused_and_nothing_is_saved()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        var contributor = await factory.CreatePersonAsync(Role.AgencyContributor, agencyId: lead.AgencyId, name: "Cara Contributor");
        var stranger = await factory.CreateLeadAsync("masa-2018", name: "Sid Stranger");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        var form = await client.GetAsync($"/returns/{lead.ReturnId}/assignments");
        var refused = await client.SubmitAsync(form, new Dictionary<string, string?> { [SelectName(form, 1)] = contributor.UserId, [SelectName(form, 4)] = stranger.UserId });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(["Select someone who works on this agency's returns for standard 4, or nobody"], refused.ErrorSummary);
        Assert.Equal(contributor.UserId, refused.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>($"select[name='{SelectName(refused, 1)}']")!.Value);
        await using var db = factory.Database.CreateContext();
        Assert.False(await db.StandardAssignments.AnyAsync(a => a.ReturnId == lead.ReturnId));
    }

    [Fact]
    public async Task Removing_a_contributor_takes_effect_at_once_and_their_assignments_go_with_them()
    {
        var lead = await factory.CreateLeadAsync("masa-2018", name: "Lee Lead");
        var leaver = await factory.CreatePersonAsync(Role.AgencyContributor, agencyId: lead.AgencyId, name: "Lou Leaver");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        var form = await client.GetAsync($"/returns/{lead.ReturnId}/assignments");
        await client.SubmitAsync(form, new Dictionary<string, string?> { [SelectName(form, 1)] = leaver.UserId });

        // The contributor is signed in, with the return and a standard's form open.
        using var leaving = factory.CreateHtmlClient();
        await leaving.SignInAsync(leaver.Email);
        Assert.EndsWith("Assigned to you", (await leaving.GetAsync($"/returns/{lead.ReturnId}")).Text("#standard-1-hint"), StringComparison.Ordinal);
        var standard = await leaving.GetAsync($"/returns/{lead.ReturnId}/standards/1");
        Assert.Equal(HttpStatusCode.OK, standard.Status);

        var people = await client.GetAsync($"/agencies/{lead.AgencyId}/people");
        Assert.Contains("Lou Leaver", people.Text("#people"), StringComparison.Ordinal);
        Assert.Contains("Contributor", people.Text("#people"), StringComparison.Ordinal);
        var remove = people.Document.QuerySelectorAll("#people a").Single(a => a.TextContent.Contains("Lou Leaver", StringComparison.Ordinal)).GetAttribute("href")!;
        await client.SubmitAsync(await client.GetAsync(remove), new Dictionary<string, string?>());

        // Their very next requests: the return is not found, and the save they were about to send is refused.
        Assert.Equal(HttpStatusCode.NotFound, (await leaving.GetAsync($"/returns/{lead.ReturnId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await leaving.SubmitAsync(standard, StandardForms.Complete(standard, "fully-met"))).Status);
        Assert.DoesNotContain("Assigned", (await client.GetAsync($"/returns/{lead.ReturnId}")).Text("#standard-1-hint"), StringComparison.Ordinal);
        await using var db = factory.Database.CreateContext();
        Assert.False(await db.StandardAssignments.AnyAsync(a => a.ReturnId == lead.ReturnId));
        Assert.True(await db.ChangeLog.AnyAsync(c => c.ReturnId == lead.ReturnId && c.EntityType == nameof(StandardAssignment) && c.Field == "Unassigned"));
        Assert.False(await db.Answers.AnyAsync(a => a.ReturnId == lead.ReturnId && a.Rating != null));
    }
}
