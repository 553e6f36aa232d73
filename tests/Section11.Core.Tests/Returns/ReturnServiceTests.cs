using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Returns;

/// <summary>The return rules, through the service, against a real database (SQLite or PostgreSQL).</summary>
public sealed class ReturnServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 30, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private ReturnService Service(Section11DbContext db) => new(db, _catalog, _time);

    private async Task<(TestData.CreatedReturn Return, string UserId, FrameworkVersion Framework)> NewReturnAsync(string framework = "primary-care-2014")
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, framework);
        var user = await TestData.CreateUserAsync(db, created.AgencyId, name: "Priya Shah");
        return (created, user, await _catalog.GetAsync(db, created.FrameworkVersionId));
    }

    /// <summary>Every item of the standard answered the same way, and the standard evaluated.</summary>
    private static StandardInput Answer(Standard standard, int version, string rating, string? action = null, DateInput? timescale = null) =>
        new(version,
            [.. standard.Items.Select(i => new AnswerValues(i.Id, rating, $"Evidence for {i.Number}", action, timescale ?? DateInput.Empty))],
            new EvaluationValues(rating, "We meet this standard."));

    [Fact]
    public async Task Save_and_continue_needs_every_item_rated_and_the_standard_evaluated()
    {
        var (r, user, framework) = await NewReturnAsync();
        var standard = framework.Standards.Single(s => s.Number == 1);
        var input = new StandardInput(0, [.. standard.Items.Select(i => new AnswerValues(i.Id, null, null, null, DateInput.Empty))], new EvaluationValues(null, null));

        await using var db = database.CreateContext();
        var result = await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 1, input, complete: true, user);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Equal(
            [.. standard.Items.Select(i => $"Select a rating for {i.Number}"), "Select how you have evaluated standard 1", "Enter a supporting statement for standard 1"],
            result.Errors.Select(e => e.Message));
        Assert.Equal("Answers[0].Rating", result.Errors[0].Key);
    }

    [Fact]
    public async Task Save_and_come_back_later_keeps_part_done_work()
    {
        var (r, user, framework) = await NewReturnAsync();
        var standard = framework.Standards.Single(s => s.Number == 2);
        var answers = standard.Items.Select((i, n) => new AnswerValues(i.Id, n == 0 ? "partially-met" : null, n == 0 ? "Draft notes" : null, null, DateInput.Empty)).ToList();

        await using (var db = database.CreateContext())
        {
            var result = await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 2, new StandardInput(0, answers, new EvaluationValues(null, null)), complete: false, user);
            Assert.Equal(SaveOutcome.Saved, result.Outcome);
        }

        await using (var db = database.CreateContext())
        {
            var saved = await db.Answers.SingleAsync(a => a.ReturnId == r.ReturnId && a.ItemId == standard.Items[0].Id);
            Assert.Equal("partially-met", saved.Rating);
            Assert.Equal("Draft notes", saved.ActualEvidence);
            var overview = await Service(db).GetOverviewAsync((await Service(db).GetSummaryAsync(r.ReturnId))!);
            Assert.Equal(StandardState.InProgress, overview.Standards.Single(s => s.Standard.Number == 2).State);
            Assert.Equal(1, overview.Standards.Single(s => s.Standard.Number == 2).Rated);
            Assert.Equal(StandardState.NotStarted, overview.Standards.Single(s => s.Standard.Number == 1).State);
        }
    }

    [Fact]
    public async Task Below_the_threshold_an_item_needs_an_action_and_a_timescale()
    {
        var (r, user, framework) = await NewReturnAsync();
        var standard = framework.Standards.Single(s => s.Number == 3);

        await using var db = database.CreateContext();
        var result = await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 3, Answer(standard, 0, "not-met"), complete: true, user);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Errors, e => e.Key == "Answers[0].ActionRequired" && e.Message == "Enter the action required for 3.1, because you rated it Not met");
        Assert.Contains(result.Errors, e => e.Key == "Answers[0].Timescale" && e.Message == "Enter a timescale for 3.1, because you rated it Not met");

        var ok = await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 3, Answer(standard, 0, "not-met", "Write the policy", new DateInput("1", "3", "2027")), complete: true, user);
        Assert.Equal(SaveOutcome.Saved, ok.Outcome);
    }

    [Fact]
    public async Task On_the_masa_scale_requires_improvement_is_below_the_threshold_and_good_is_not()
    {
        var (r, user, framework) = await NewReturnAsync("masa-2018");
        var standard = framework.Standards.Single(s => s.Number == 1);

        await using var db = database.CreateContext();
        var below = await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 1, Answer(standard, 0, "requires-improvement"), complete: true, user);
        Assert.Contains(below.Errors, e => e.Message == "Enter the action required for 1.1, because you rated it Requires improvement");

        var good = await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 1, Answer(standard, 0, "good"), complete: true, user);
        Assert.Equal(SaveOutcome.Saved, good.Outcome);
    }

    [Theory]
    [InlineData("31", "2", "2027", "Timescale for 1.1 must be a real date")]
    [InlineData("1", "", "2027", "Timescale for 1.1 must include a month")]
    [InlineData("", "", "2027", "Timescale for 1.1 must include a day and a month")]
    [InlineData("1", "13", "2027", "Timescale for 1.1 must be a real date")]
    [InlineData("one", "3", "2027", "Timescale for 1.1 must be a real date")]
    [InlineData("1", "3", "27", "Timescale for 1.1 must include a year with 4 numbers, for example 2027")]
    [InlineData("21", "11", "2026", "Timescale for 1.1 must be today or in the future")]
    public async Task A_timescale_must_be_a_real_date_not_in_the_past(string day, string month, string year, string message)
    {
        var (r, user, framework) = await NewReturnAsync();
        var standard = framework.Standards.Single(s => s.Number == 1);

        await using var db = database.CreateContext();
        var result = await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 1, Answer(standard, 0, "not-met", "Act", new DateInput(day, month, year)), complete: false, user);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Equal(message, result.Errors.First(e => e.Key == "Answers[0].Timescale").Message);
        Assert.Null((await db.Answers.SingleAsync(a => a.ReturnId == r.ReturnId && a.ItemId == standard.Items[0].Id)).Rating);
    }

    [Fact]
    public async Task A_timescale_saved_earlier_may_pass_without_being_refused()
    {
        var (r, user, framework) = await NewReturnAsync();
        var standard = framework.Standards.Single(s => s.Number == 1);
        await using (var db = database.CreateContext())
        {
            var first = await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 1, Answer(standard, 0, "not-met", "Act", new DateInput("30", "11", "2026")), complete: true, user);
            Assert.Equal(SaveOutcome.Saved, first.Outcome);
        }

        _time.Now = Now.AddDays(30);
        await using (var db = database.CreateContext())
        {
            var version = (await db.StandardEvaluations.SingleAsync(e => e.ReturnId == r.ReturnId && e.StandardId == standard.Id)).Version;
            var input = Answer(standard, version, "not-met", "Act, and review", new DateInput("30", "11", "2026"));
            var again = await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 1, input, complete: true, user);
            Assert.Equal(SaveOutcome.Saved, again.Outcome);
        }
    }

    [Fact]
    public async Task Text_longer_than_ten_thousand_characters_is_refused_with_its_length()
    {
        var (r, user, framework) = await NewReturnAsync();
        var standard = framework.Standards.Single(s => s.Number == 1);
        var input = Answer(standard, 0, "fully-met");
        input = input with { Answers = [input.Answers[0] with { ActualEvidence = new string('x', 10_001) }, .. input.Answers.Skip(1)] };

        await using var db = database.CreateContext();
        var result = await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 1, input, complete: false, user);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Equal("Actual evidence for 1.1 must be 10,000 characters or fewer (you have 10,001)", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task A_rating_outside_the_scale_or_an_item_from_another_standard_is_a_bad_request_and_saves_nothing()
    {
        var (r, user, framework) = await NewReturnAsync();
        var standard = framework.Standards.Single(s => s.Number == 1);
        var other = framework.Standards.Single(s => s.Number == 2);

        await using var db = database.CreateContext();
        var badRating = Answer(standard, 0, "fully-met");
        badRating = badRating with { Answers = [badRating.Answers[0] with { Rating = "excellent" }, .. badRating.Answers.Skip(1)] };
        Assert.Equal(SaveOutcome.BadRequest, (await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 1, badRating, complete: false, user)).Outcome);

        var badItem = Answer(standard, 0, "fully-met");
        badItem = badItem with { Answers = [badItem.Answers[0] with { ItemId = other.Items[0].Id }, .. badItem.Answers.Skip(1)] };
        Assert.Equal(SaveOutcome.BadRequest, (await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 1, badItem, complete: false, user)).Outcome);

        var missingItem = Answer(standard, 0, "fully-met");
        missingItem = missingItem with { Answers = [.. missingItem.Answers.Skip(1)] };
        Assert.Equal(SaveOutcome.BadRequest, (await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 1, missingItem, complete: false, user)).Outcome);

        Assert.False(await db.Answers.AnyAsync(a => a.ReturnId == r.ReturnId && a.Rating != null));
        Assert.False(await db.ChangeLog.AnyAsync(c => c.ReturnId == r.ReturnId));
    }

    [Fact]
    public async Task Two_people_saving_the_same_standard_the_later_one_gets_a_conflict_with_the_others_values()
    {
        var (r, user, framework) = await NewReturnAsync();
        await using var setup = database.CreateContext();
        var colleague = await TestData.CreateUserAsync(setup, r.AgencyId, name: "Jo Bennett");
        var standard = framework.Standards.Single(s => s.Number == 1);

        // Both opened the page at version 0; Jo saves first.
        await using (var db = database.CreateContext())
        {
            Assert.Equal(SaveOutcome.Saved, (await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 1, Answer(standard, 0, "fully-met"), complete: true, colleague)).Outcome);
        }

        await using (var db = database.CreateContext())
        {
            var mine = Answer(standard, 0, "partially-met", "My action", new DateInput("1", "6", "2027"));
            var result = await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 1, mine, complete: true, user);

            Assert.Equal(SaveOutcome.Conflict, result.Outcome);
            Assert.Equal("Jo Bennett", result.Current!.LastSavedBy);
            Assert.All(result.Current.Answers, a => Assert.Equal("fully-met", a.Rating));
            Assert.Equal(1, result.Current.Evaluation.Version);
        }

        await using (var db = database.CreateContext())
        {
            Assert.All(await db.Answers.Where(a => a.ReturnId == r.ReturnId && standard.Items.Select(i => i.Id).Contains(a.ItemId)).ToListAsync(),
                a => Assert.Equal("fully-met", a.Rating));

            // Saving again at the version the conflict showed is a deliberate overwrite, and goes through.
            var mine = Answer(standard, 1, "partially-met", "My action", new DateInput("1", "6", "2027"));
            Assert.Equal(SaveOutcome.Saved, (await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 1, mine, complete: true, user)).Outcome);
        }
    }

    [Fact]
    public async Task A_save_that_races_past_the_version_check_is_still_caught_by_the_database()
    {
        var (r, user, framework) = await NewReturnAsync();
        var standard = framework.Standards.Single(s => s.Number == 1);
        await using var db = database.CreateContext();
        var evaluation = await db.StandardEvaluations.SingleAsync(e => e.ReturnId == r.ReturnId && e.StandardId == standard.Id);

        // Another node bumps the version after this context read it but before it writes.
        await using (var other = database.CreateContext())
        {
            await other.StandardEvaluations.Where(e => e.Id == evaluation.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Version, 1).SetProperty(e => e.Rating, "not-met"));
        }

        evaluation.Rating = "fully-met";
        evaluation.Version++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Every_changed_field_is_logged_with_who_when_old_and_new_in_the_same_save()
    {
        var (r, user, framework) = await NewReturnAsync();
        var standard = framework.Standards.Single(s => s.Number == 8);
        await using (var db = database.CreateContext())
        {
            await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 8, Answer(standard, 0, "fully-met"), complete: true, user);
        }

        _time.Now = Now.AddHours(1);
        await using (var db = database.CreateContext())
        {
            var input = Answer(standard, 1, "fully-met");
            input = input with { Answers = [input.Answers[0] with { Rating = "partially-met", ActionRequired = "Train reception staff", Timescale = new DateInput("5", "1", "2027") }, .. input.Answers.Skip(1)] };
            Assert.Equal(SaveOutcome.Saved, (await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, 8, input, complete: true, user)).Outcome);
        }

        await using (var db = database.CreateContext())
        {
            var second = await db.ChangeLog.Where(c => c.ReturnId == r.ReturnId && c.At == Now.AddHours(1).UtcDateTime).OrderBy(c => c.Id).ToListAsync();
            Assert.Equal(["Rating", "ActionRequired", "Timescale"], second.Select(c => c.Field));
            Assert.Equal(("fully-met", "partially-met"), (second[0].OldValue, second[0].NewValue));
            Assert.Equal((null, "2027-01-05"), (second[2].OldValue, second[2].NewValue));
            Assert.All(second, c => Assert.Equal(user, c.UserId));
            var evaluation = await db.StandardEvaluations.SingleAsync(e => e.ReturnId == r.ReturnId && e.StandardId == standard.Id);
            Assert.Equal(2, evaluation.Version);
        }
    }

    [Fact]
    public async Task A_return_cannot_be_submitted_until_complete_and_cannot_change_afterwards()
    {
        var (r, user, framework) = await NewReturnAsync("masa-2018");
        var signOff = new SignOffInput("Dr Amy Lee", "Chief Nurse", "Test trust", new DateInput("20", "11", "2026"), true);

        await using (var db = database.CreateContext())
        {
            var refused = await Service(db).SubmitAsync(r.ReturnId, signOff, user);
            Assert.Contains("Standard 1: Select a rating for 1.1", refused.Select(e => e.Message));
        }

        foreach (var standard in framework.Standards)
        {
            await using var db = database.CreateContext();
            Assert.Equal(SaveOutcome.Saved, (await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, standard.Number, Answer(standard, 0, "good"), complete: true, user)).Outcome);
        }

        await using (var db = database.CreateContext())
        {
            Assert.Empty(await Service(db).SubmitAsync(r.ReturnId, signOff, user));
        }

        await using (var db = database.CreateContext())
        {
            var submitted = await db.Returns.SingleAsync(x => x.Id == r.ReturnId);
            Assert.Equal(ReturnStatus.Submitted, submitted.Status);
            Assert.Equal("Dr Amy Lee", submitted.SignOff!.SignatoryName);
            Assert.Equal(new DateOnly(2026, 11, 20), submitted.SignOff.SignedOn);
            Assert.Equal(Now.UtcDateTime, submitted.SubmittedAt);

            var standard = framework.Standards[0];
            var change = await Service(db).SaveStandardAsync((await Service(db).GetSummaryAsync(r.ReturnId))!, standard.Number, Answer(standard, 1, "inadequate"), complete: false, user);
            Assert.Equal(SaveOutcome.NotEditable, change.Outcome);
            Assert.Equal("This return has already been submitted and cannot be changed.",
                Assert.Single(await Service(db).SubmitAsync(r.ReturnId, signOff, user)).Message);
        }

        await using (var db = database.CreateContext())
        {
            Assert.DoesNotContain(await db.Answers.Where(a => a.ReturnId == r.ReturnId).ToListAsync(), a => a.Rating != "good");
        }
    }

    [Fact]
    public async Task Sending_for_sign_off_freezes_the_answers_until_the_lead_takes_it_back_or_it_is_signed()
    {
        var (r, user, framework) = await NewReturnAsync("masa-2018");
        await using var db = database.CreateContext();
        var service = Service(db);
        Assert.Equal("Standard 1: Select a rating for 1.1", (await service.SendForSignOffAsync(r.ReturnId, user))[0].Message);
        foreach (var standard in framework.Standards)
        {
            Assert.Equal(SaveOutcome.Saved, (await service.SaveStandardAsync((await service.GetSummaryAsync(r.ReturnId))!, standard.Number, Answer(standard, 0, "good"), complete: true, user)).Outcome);
        }

        Assert.Empty(await service.SendForSignOffAsync(r.ReturnId, user));
        var first = framework.Standards[0];
        Assert.Equal(SaveOutcome.NotEditable, (await service.SaveStandardAsync((await service.GetSummaryAsync(r.ReturnId))!, first.Number, Answer(first, 1, "inadequate"), complete: false, user)).Outcome);

        Assert.Empty(await service.WithdrawAsync(r.ReturnId, user));
        Assert.Equal(ReturnStatus.Draft, (await service.GetSummaryAsync(r.ReturnId))!.Status);
        Assert.Equal("Only a return waiting for sign-off can be taken back.", Assert.Single(await service.WithdrawAsync(r.ReturnId, user)).Message);

        Assert.Empty(await service.SendForSignOffAsync(r.ReturnId, user));
        Assert.Empty(await service.SubmitAsync(r.ReturnId, new SignOffInput("Dr Amy Lee", "Chief Nurse", "Trust", new DateInput("22", "11", "2026"), true), user));
        Assert.Equal(ReturnStatus.Submitted, (await service.GetSummaryAsync(r.ReturnId))!.Status);
        var statuses = await db.ChangeLog.Where(c => c.ReturnId == r.ReturnId && c.Field == "Status").OrderBy(c => c.Id).Select(c => c.NewValue).ToListAsync();
        Assert.Equal(["AwaitingSignOff", "Draft", "AwaitingSignOff", "Submitted"], statuses);
    }

    [Theory]
    [InlineData("", "Chief Nurse", "Trust", "20", "11", "2026", true, "SignatoryName", "Enter the name of the senior manager signing off")]
    [InlineData("Amy", "", "Trust", "20", "11", "2026", true, "PostHeld", "Enter the post held")]
    [InlineData("Amy", "Chief Nurse", " ", "20", "11", "2026", true, "Organisation", "Enter the organisation")]
    [InlineData("Amy", "Chief Nurse", "Trust", "", "", "", true, "SignedOn", "Enter the date of sign-off")]
    [InlineData("Amy", "Chief Nurse", "Trust", "30", "2", "2026", true, "SignedOn", "Date of sign-off must be a real date")]
    [InlineData("Amy", "Chief Nurse", "Trust", "23", "11", "2026", true, "SignedOn", "Date of sign-off must be today or in the past")]
    [InlineData("Amy", "Chief Nurse", "Trust", "20", "11", "2026", false, "DeclarationAccepted", "Confirm the declaration to submit the return")]
    public void Sign_off_needs_every_declared_field(string name, string post, string org, string d, string m, string y, bool accepted, string key, string message)
    {
        var errors = SignOffRules.Check(DeclarationDefinition.Default, new SignOffInput(name, post, org, new DateInput(d, m, y), accepted), new DateOnly(2026, 11, 22));
        var error = Assert.Single(errors);
        Assert.Equal((key, message), (error.Key, error.Message));
    }
}
