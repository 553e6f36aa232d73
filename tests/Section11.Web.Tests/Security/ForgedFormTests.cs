using System.Net;
using Section11.Web.Tests.Support;
using Xunit.Abstractions;

namespace Section11.Web.Tests.Security;

/// <summary>
/// Forged forms of every shape against the write pages, sent by people who may use those pages (issue 11, "must
/// show"). Each answers 4xx, or draws the page again with an error summary for what a person could have typed;
/// nothing is saved and the process stays up. Before, one merge cycle overflowed the stack and ended the process.
/// </summary>
[Trait("Category", "Security")]
public sealed class ForgedFormTests(PlanFixture app, ITestOutputHelper output) : IClassFixture<PlanFixture>
{
    private sealed record Forgery(string Name, string Email, string Url, Func<string, HttpContent> Body, bool MayRedraw = false);

    private List<Forgery> Forgeries()
    {
        var (plan, draft) = (app.Plan, app.Draft);
        var (lead, admin) = (plan.LeadEmail, plan.AdminEmail);
        var fromReturn = $"/agencies/{plan.AgencyId}/action-plan/from-return/{plan.ReturnId}";
        var (b, c) = (plan.WaitingAnswerIds[0].ToString(), plan.WaitingAnswerIds[1].ToString());
        var action = $"/agencies/{plan.AgencyId}/action-plan/actions/{plan.ActionId}";
        var addAction = $"/agencies/{plan.AgencyId}/action-plan/areas/{plan.AreaId}/actions/new";
        var monitoring = $"{action}/monitoring/new";
        var standard = $"/returns/{draft.ReturnId}/standards/1";
        var rounds = $"/partnerships/{plan.PartnershipId}/rounds";
        var extend = $"{rounds}/{plan.RoundId}/returns/{plan.ReturnId}/extend";
        var nul = "text\0more";
        var tooLong = new string('x', 10_001);
        Forgery F(string name, string email, string url, params (string, string)[] fields) => new(name, email, url, t => ForgedPosts.Form(t, fields));
        Forgery Redraw(string name, string email, string url, params (string, string)[] fields) => F(name, email, url, fields) with { MayRedraw = true };
        (string, string)[] Area(int i, string id, string? merge = null, string include = "true", string outcome = "Outcome") =>
            [($"Areas[{i}].AnswerId", id), ($"Areas[{i}].Include", include), ($"Areas[{i}].Outcome", outcome), .. merge is null ? [] : new[] { ($"Areas[{i}].MergeWith", merge) }];
        (string, string)[] Action(params (string, string)[] overrides)
        {
            var fields = new Dictionary<string, string>
            {
                ["Version"] = "0", ["Action.SpecificAction"] = "Brief all staff", ["Action.Deadline.Day"] = "31", ["Action.Deadline.Month"] = "1",
                ["Action.Deadline.Year"] = "2030", ["Action.LeadOrganisation"] = "The practice", ["Action.AccountablePerson"] = "Dr Anna Green",
                ["Action.SuccessIndicators"] = "95% name the lead", ["Action.SuccessIndicatorsBy.Day"] = "28",
                ["Action.SuccessIndicatorsBy.Month"] = "2", ["Action.SuccessIndicatorsBy.Year"] = "2030", ["Action.Rag"] = "Amber",
            };
            foreach (var (k, v) in overrides)
            {
                fields[k] = v;
            }

            return [.. fields.Select(f => (f.Key, f.Value))];
        }

        (string, string)[] Answer(params (string, string)[] overrides) =>
            [("Version", "0"), ("Answers[0].ItemId", "0"), .. overrides];

        return
        [
            F("merge cycle", lead, fromReturn, [.. Area(0, b, c), .. Area(1, c, b)]),
            F("self-merge", lead, fromReturn, [.. Area(0, b, b), .. Area(1, c)]),
            F("merge with a later item", lead, fromReturn, [.. Area(0, b, c), .. Area(1, c)]),
            F("merge across standards", lead, fromReturn, [.. Area(0, b), .. Area(1, c, b)]),
            F("merge with an unknown id", lead, fromReturn, [.. Area(0, b), .. Area(1, c, "2147483647")]),
            F("an answer id of another return", lead, fromReturn, [.. Area(0, "1")]),
            F("an answer id of zero", lead, fromReturn, [.. Area(0, b), .. Area(1, c), .. Area(2, "0")]),
            Redraw("an answer already in the plan", lead, fromReturn, [.. Area(0, b), .. Area(1, c), .. Area(2, plan.CitedAnswerId.ToString())]),
            F("the same answer twice", lead, fromReturn, [.. Area(0, b), .. Area(1, b)]),
            F("10,000 answer ids", lead, fromReturn, [.. Enumerable.Range(0, 10_000).SelectMany(i => Area(i, i % 2 == 0 ? b : c, i % 2 == 0 ? c : b))]),
            F("10,000 ids in one field", lead, fromReturn, [.. Area(0, string.Join(",", Enumerable.Range(0, 10_000)))]),
            F("missing answer ids", lead, fromReturn, ("Areas[0].Include", "true"), ("Areas[0].Outcome", "Outcome")),
            F("duplicate fields", lead, fromReturn, [.. Area(0, b), ("Areas[0].AnswerId", c)]),
            F("an id that is not a number", lead, fromReturn, [.. Area(0, "abc")]),
            F("an id past int.MaxValue", lead, fromReturn, [.. Area(0, b, "99999999999")]),
            F("a yes/no that is neither", lead, fromReturn, [.. Area(0, b, include: "maybe")]),
            F("a NUL in the outcome", lead, fromReturn, Area(0, b, outcome: nul)),
            F("2,000 fields", lead, fromReturn, [.. Area(0, b), .. Enumerable.Range(0, 2_000).Select(i => ($"x{i}", "y"))]),
            Redraw("an over-long outcome", lead, fromReturn, Area(0, b, outcome: tooLong)),
            new("a truncated multipart body", lead, fromReturn, ForgedPosts.TruncatedMultipart),
            new("a body over the limit", lead, fromReturn, t => ForgedPosts.Oversized(t, declared: true)),

            F("RAG 7", lead, action, Action(("Action.Rag", "7"))),
            F("RAG -1", lead, action, Action(("Action.Rag", "-1"))),
            F("RAG Red,Green", lead, action, Action(("Action.Rag", "Red,Green"))),
            F("RAG 2 with evidence", lead, action, Action(("Action.Rag", "2"), ("Action.ImpactAndEvidence", "Survey"))),
            F("RAG twice", lead, action, [.. Action(), ("Action.Rag", "Green")]),
            F("version not a number", lead, action, Action(("Version", "abc"))),
            F("an old version", lead, action, Action(("Version", "-5"))) with { MayRedraw = true },
            Redraw("deadline year 0000", lead, action, Action(("Action.Deadline.Year", "0000"))),
            Redraw("deadline 31 February", lead, action, Action(("Action.Deadline.Day", "31"), ("Action.Deadline.Month", "2"))),
            Redraw("completed in year 10000", lead, action, Action(("Action.CompletedOn.Day", "1"), ("Action.CompletedOn.Month", "1"), ("Action.CompletedOn.Year", "10000"))),
            Redraw("an over-long organisation", lead, action, Action(("Action.LeadOrganisation", new string('x', 201)))),
            Redraw("missing fields", lead, action, ("Version", "0")),
            F("a NUL in the action", lead, action, Action(("Action.SpecificAction", nul))),
            Redraw("a Green action without evidence, forged on add", lead, addAction, Action(("Action.Rag", "Green"))),
            F("RAG junk on add", lead, addAction, Action(("Action.Rag", "Red,Amber"))),
            Redraw("an add with a deadline of year 0000", lead, addAction, Action(("Action.Deadline.Year", "0000"))),
            F("monitoring kind 1", lead, monitoring, ("EntryDate.Day", "1"), ("EntryDate.Month", "1"), ("EntryDate.Year", "2026"), ("Kind", "1"), ("Text", "x")),
            F("monitoring kind Risk,Progress", lead, monitoring, ("EntryDate.Day", "1"), ("EntryDate.Month", "1"), ("EntryDate.Year", "2026"), ("Kind", "Risk,Progress"), ("Text", "x")),
            Redraw("monitoring dated 0000", lead, monitoring, ("EntryDate.Day", "1"), ("EntryDate.Month", "1"), ("EntryDate.Year", "0000"), ("Kind", "Risk"), ("Text", "x")),

            F("an item of another standard", draft.Email, standard, Answer(("Answers[0].ItemId", "1"))),
            F("a rating off the scale", draft.Email, standard, Answer(("Answers[0].Rating", "excellent"))),
            F("no answers", draft.Email, standard, ("Version", "0")),
            F("a standard version twice", draft.Email, standard, ("Version", "0"), ("Version", "1")),
            F("a NUL in evidence", draft.Email, standard, Answer(("Answers[0].ActualEvidence", nul))),
            F("a value over the field limit", draft.Email, standard, Answer(("Answers[0].ActualEvidence", new string('x', 300_000)))),
            F("sign-off declaration neither yes nor no", draft.Email, $"/returns/{draft.ReturnId}/sign-off", ("SignatoryName", "A"), ("DeclarationAccepted", "maybe")),

            Redraw("a round opening in year 0000", admin, $"{rounds}/new", ("Title", "Audit"), ("OpensOn.Day", "1"), ("OpensOn.Month", "1"), ("OpensOn.Year", "0000")),
            F("a framework id that is not a number", admin, $"{rounds}/new", ("Title", "Audit"), ("FrameworkVersionId", "abc")),
            Redraw("a round due in a year of 20 digits", admin, $"{rounds}/new", ("Title", "Audit"), ("DueOn.Day", "1"), ("DueOn.Month", "1"), ("DueOn.Year", "99999999999999999999")),
            Redraw("an extension to year 0000", admin, extend, ("DueOn.Day", "29"), ("DueOn.Month", "2"), ("DueOn.Year", "0000")),
            F("a NUL in a reason for changes", admin, $"{rounds}/{plan.RoundId}/returns/{plan.ReturnId}/return-for-changes", ("Reason", nul)),
            Redraw("a sector by number", admin, $"/partnerships/{plan.PartnershipId}/agencies/new", ("Name", "Forged agency"), ("Sector", "0")),
            Redraw("a role by number", admin, $"/partnerships/{plan.PartnershipId}/people/invite", ("DisplayName", "A"), ("Email", "forged@agency.example"), ("Role", "3")),
            F("an agency id that is not a number", admin, $"/partnerships/{plan.PartnershipId}/people/invite", ("DisplayName", "A"), ("Email", "forged@agency.example"), ("AgencyId", "x")),
        ];
    }

    [Fact]
    public async Task Fifty_forged_forms_of_every_shape_answer_4xx_save_nothing_and_leave_the_process_alive()
    {
        var forgeries = Forgeries();
        Assert.True(forgeries.Count >= 50, $"{forgeries.Count} forgeries");
        var before = await app.Plan.SnapshotAsync(app);
        var tokens = new Dictionary<string, string>();
        foreach (var forgery in forgeries)
        {
            var client = await app.SignedInAsync(forgery.Email);
            if (!tokens.TryGetValue(forgery.Email, out var token))
            {
                tokens[forgery.Email] = token = await client.TokenAsync("/account");
            }

            var answer = await client.SendAsync(forgery.Url, forgery.Body(token));
            output.WriteLine($"{forgery.Name}: {(int)answer.Status} {answer.H1} {string.Join("; ", answer.ErrorSummary)}");
            var refused = (int)answer.Status is >= 400 and < 500 && answer.Status != HttpStatusCode.NotFound;
            var redrawn = forgery.MayRedraw && answer.Status == HttpStatusCode.OK && answer.ErrorSummary.Count > 0;
            Assert.True(refused || redrawn, $"{forgery.Name}: {answer.Status} {answer.H1}");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).Status);
        }

        Assert.Equal(before, await app.Plan.SnapshotAsync(app));
    }

    [Fact]
    public async Task A_merge_cycle_is_shown_as_an_error_on_the_page_that_offered_the_items()
    {
        var client = await app.SignedInAsync(app.Plan.LeadEmail);
        var url = $"/agencies/{app.Plan.AgencyId}/action-plan/from-return/{app.Plan.ReturnId}";
        var page = await client.GetAsync(url);
        Assert.Equal(["1.2: rated Not met", "2.1: rated Partially met"], page.Document.QuerySelectorAll(".app-suggestion h2").Select(h => h.TextContent.Trim()));

        var result = await client.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Areas[0].MergeWith"] = page.Value("Areas[1].AnswerId"), ["Areas[1].MergeWith"] = page.Value("Areas[0].AnswerId"), ["Areas[1].Outcome"] = "Kept as typed",
        });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        // 1.2 names a later item; 2.1 names an item of another standard: neither is offered by the page.
        Assert.Equal(
            ["1.2 can only share the improvement area of an earlier item from the same standard", "2.1 can only share the improvement area of an earlier item from the same standard"],
            result.ErrorSummary);
        Assert.Equal(["#Areas-0-MergeWith", "#Areas-1-MergeWith"], result.ErrorSummaryLinks);
        Assert.Equal("Kept as typed", result.Value("Areas[1].Outcome"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).Status);
    }

    [Fact]
    public async Task A_RAG_rating_that_is_not_offered_is_refused_on_the_page_with_what_was_typed()
    {
        var client = await app.SignedInAsync(app.Plan.LeadEmail);
        var before = await app.Plan.SnapshotAsync(app);
        var page = await client.GetAsync($"/agencies/{app.Plan.AgencyId}/action-plan/actions/{app.Plan.ActionId}");

        var result = await client.SubmitAsync(page, new Dictionary<string, string?> { ["Action.Rag"] = "Red,Green", ["Action.SuccessIndicators"] = "Typed" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(["Select Red, Amber or Green for the RAG rating"], result.ErrorSummary);
        Assert.Equal("Typed", result.Value("Action.SuccessIndicators"));
        Assert.Equal(before, await app.Plan.SnapshotAsync(app));
    }

    [Fact]
    public async Task An_over_long_action_field_is_named_as_the_page_labels_it()
    {
        var client = await app.SignedInAsync(app.Plan.LeadEmail);
        var page = await client.GetAsync($"/agencies/{app.Plan.AgencyId}/action-plan/actions/{app.Plan.ActionId}");
        var organisation = new string('o', 201);

        var result = await client.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Action.SpecificAction"] = new string('s', 10_001), ["Action.LeadOrganisation"] = organisation, ["Action.AccountablePerson"] = new string('p', 201),
        });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(
            [
                "Specific action must be 10,000 characters or fewer",
                "Organisation with lead responsibility must be 200 characters or fewer",
                "Named professional accountable must be 200 characters or fewer",
            ],
            result.ErrorSummary);
        Assert.Equal(organisation, result.Value("Action.LeadOrganisation"));
    }
}
