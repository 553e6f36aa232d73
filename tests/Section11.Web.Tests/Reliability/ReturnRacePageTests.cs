using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Reliability;

/// <summary>A lead saving a standard while the signatory signs off, both pressing the button at the same instant, through the pages.</summary>
[Trait("Category", "Reliability")]
public sealed class ReturnRacePageTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private const string Typed = "Typed while the signatory signed";

    [Fact]
    public async Task A_standard_save_racing_sign_off_is_never_acknowledged_after_the_return_is_signed_and_keeps_what_was_typed()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        var signatory = await factory.CreatePersonAsync(Role.SeniorSignatory, agencyId: lead.AgencyId, name: "Dr Amy Lee");
        using var leadClient = factory.CreateHtmlClient();
        using var signatoryClient = factory.CreateHtmlClient();
        await leadClient.SignInAsync(lead.Email);
        await signatoryClient.SignInAsync(signatory.Email);
        var catalog = new FrameworkCatalog();

        for (var trial = 0; trial < 20; trial++)
        {
            var returnId = await CompleteReturnAsync(catalog, lead, signatory.UserId);
            var standardPage = await leadClient.GetAsync($"/returns/{returnId}/standards/1");
            var signOffPage = await signatoryClient.GetAsync($"/returns/{returnId}/sign-off");
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var save = Task.Run(async () =>
            {
                await gate.Task;
                return await leadClient.SubmitAsync(standardPage, new Dictionary<string, string?> { ["Answers[0].Rating"] = null, ["Answers[0].ActualEvidence"] = Typed }, "later");
            });
            var sign = Task.Run(async () =>
            {
                await gate.Task;
                return await signatoryClient.SubmitAsync(signOffPage, new Dictionary<string, string?>
                {
                    ["SignatoryName"] = "Dr Amy Lee", ["PostHeld"] = "Chief Nurse", ["Organisation"] = "Trust", ["DeclarationAccepted"] = "true",
                });
            });
            gate.SetResult();
            var (saved, signed) = (await save, await sign);

            var saveWon = saved.Location == $"/returns/{returnId}";
            var signWon = signed.Location == $"/returns/{returnId}/confirmation";
            Assert.True(saveWon != signWon, $"trial {trial}: save {saved.Status} {saved.Location}, sign-off {signed.Status} {signed.Location}");
            await using var db = factory.Database.CreateContext();
            var stored = await db.Returns.AsNoTracking().SingleAsync(r => r.Id == returnId);
            var answers = await db.Answers.AsNoTracking().Where(a => a.ReturnId == returnId).ToListAsync();
            if (saveWon)
            {
                Assert.Equal(ReturnStatus.Draft, stored.Status);
                Assert.Null(stored.SignOff);
                Assert.Contains(answers, a => a.ActualEvidence == Typed);
                continue;
            }

            Assert.Equal(ReturnStatus.Submitted, stored.Status);
            Assert.DoesNotContain(answers, a => a.ActualEvidence == Typed || a.Rating is null);
            // The loser is told: either the return was already closed when the request arrived (the 409 page), or
            // it closed while the save was on its way, and the page says so with everything typed still in the form.
            if (saved.Status == HttpStatusCode.Conflict)
            {
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, saved.Status);
            Assert.StartsWith("This return changed while you were working: it is now submitted", Assert.Single(saved.ErrorSummary), StringComparison.Ordinal);
            Assert.Equal(Typed, saved.Value("Answers[0].ActualEvidence"));
            Assert.Null(saved.Document.QuerySelector("button[value=later]"));
        }
    }

    /// <summary>A new return for the same two people, every standard rated good.</summary>
    private async Task<int> CompleteReturnAsync(FrameworkCatalog catalog, Section11Factory.Lead lead, string signatoryId)
    {
        await using var db = factory.Database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "masa-2018");
        db.RoleAssignments.Add(new RoleAssignment { UserId = lead.UserId, Role = Role.AgencyLead, AgencyId = created.AgencyId });
        db.RoleAssignments.Add(new RoleAssignment { UserId = signatoryId, Role = Role.SeniorSignatory, AgencyId = created.AgencyId });
        await db.SaveChangesAsync();
        var framework = await catalog.GetAsync(db, created.FrameworkVersionId);
        var service = new ReturnService(db, catalog, TimeProvider.System);
        foreach (var standard in framework.Standards)
        {
            var input = new StandardInput(0, [.. standard.Items.Select(i => new AnswerValues(i.Id, "good", $"Evidence for {i.Number}", null, DateInput.Empty))],
                new EvaluationValues("good", "We meet this standard."));
            Assert.Equal(SaveOutcome.Saved, (await service.SaveStandardAsync((await service.GetSummaryAsync(created.ReturnId))!, standard.Number, input, complete: true, lead.UserId)).Outcome);
        }

        return created.ReturnId;
    }
}
