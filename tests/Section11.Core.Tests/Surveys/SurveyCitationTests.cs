using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Surveys;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Surveys;

/// <summary>Citing a survey result as evidence for an action or a review answer: the one list offered, a forged question refused, the change log.</summary>
[Trait("Category", "Survey")]
public sealed class SurveyCitationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private static ActionInput Action(int? question) => new("Brief all staff", new DateInput("31", "1", "2030"), "The practice", "Dr Anna Green",
        "Staff briefed", new DateInput("31", "1", "2030"), null, null, DateInput.Empty, question);

    [Fact]
    public async Task Only_the_agree_questions_of_a_closed_survey_where_the_agency_has_enough_answers_are_offered()
    {
        await using var db = database.CreateContext();
        var (s, _) = await SurveyTestData.FixedResponsesAsync(db, _catalog, _time);
        var surveys = new SurveyService(db, _catalog, _time);
        int police = s.Links[0].AgencyId, trust = s.Links[1].AgencyId;

        // Open: the numbers are not final, so nothing is offered.
        Assert.Empty(await surveys.GetCitableAsync(police));
        Assert.Empty(await surveys.CloseAsync(s.RoundId, s.UserId));

        // The agree/disagree question only (not choose several nor free text), with the results page's 5 of 8, 63%.
        var cited = Assert.Single(await surveys.GetCitableAsync(police));
        Assert.Equal(("I know how to refer a child to children's social care", 5, 8, 63), (cited.Question, cited.Agreeing, cited.Answered, cited.AgreePercent));
        Assert.Equal("63% agreed (5 of 8)", cited.Share);

        // Three answered for the trust: below the minimum group size, nothing to cite.
        Assert.Empty(await surveys.GetCitableAsync(trust));
    }

    [Fact]
    public async Task An_action_cites_an_offered_result_in_the_change_log_and_a_question_not_offered_is_refused_as_forged()
    {
        await using var db = database.CreateContext();
        var (s, _) = await SurveyTestData.FixedResponsesAsync(db, _catalog, _time);
        var surveys = new SurveyService(db, _catalog, _time);
        Assert.Empty(await surveys.CloseAsync(s.RoundId, s.UserId));
        int police = s.Links[0].AgencyId, trust = s.Links[1].AgencyId;
        var question = Assert.Single(await surveys.GetCitableAsync(police)).QuestionId;
        var plans = new ActionPlanService(db, _catalog, _time);
        var (policeArea, _) = await plans.AddAreaAsync(police, new AreaInput("Serious case review", "Staff know how to refer"), s.UserId);
        var (trustArea, _) = await plans.AddAreaAsync(trust, new AreaInput("Serious case review", "Staff know how to refer"), s.UserId);

        // Another agency's result (and an id no survey has) is a forged form: refused, nothing saved.
        var (none, forged) = await plans.AddActionAsync(trustArea!.Value, Action(question), s.UserId);
        Assert.Null(none);
        Assert.True(Assert.Single(forged).Tampered);
        Assert.True(Assert.Single((await plans.AddActionAsync(policeArea!.Value, Action(999_999), s.UserId)).Errors).Tampered);

        var (id, errors) = await plans.AddActionAsync(policeArea.Value, Action(question), s.UserId);
        Assert.Empty(errors);
        Assert.Equal(question, (await db.PlanActions.AsNoTracking().SingleAsync(a => a.Id == id)).SurveyQuestionId);
        Assert.True(await db.ChangeLog.AnyAsync(c => c.EntityType == "PlanAction" && c.EntityId == id!.Value.ToString() && c.Field == "SurveyQuestionId"
            && c.NewValue == question.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // The plan's downloads (xlsx, docx, the return report) print it in the impact and evidence cell.
        var document = await plans.GetDocumentAsync(police, "Police", null);
        Assert.Equal("Survey evidence: “I know how to refer a child to children's social care” (" + (await db.Rounds.SingleAsync(r => r.Id == s.RoundId)).Title
            + " all-staff survey): 63% agreed (5 of 8).", document.Groups.Single().Areas.Single().Actions.Single().Cells[6]);

        // Changing it back to none is recorded too.
        var version = (await db.PlanActions.AsNoTracking().SingleAsync(a => a.Id == id)).Version;
        Assert.Empty(await plans.UpdateActionAsync(id!.Value, version, Action(null), s.UserId));
        Assert.Null((await db.PlanActions.AsNoTracking().SingleAsync(a => a.Id == id)).SurveyQuestionId);
        Assert.True(await db.ChangeLog.AnyAsync(c => c.EntityType == "PlanAction" && c.Field == "SurveyQuestionId" && c.NewValue == null));

        // The plan draws the citation with the same numbers.
        var view = await plans.GetPlanViewAsync(police, null, new PlanFilter());
        Assert.Equal("63% agreed (5 of 8)", Assert.Single(view.Citable!).Share);
    }

    [Fact]
    public async Task A_review_answer_cites_an_offered_result_and_a_question_of_an_open_survey_or_of_another_agencys_is_refused()
    {
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(database, _catalog, _time);
        await using var db = database.CreateContext();
        var admin = await ReviewTestData.PartnershipPersonAsync(db, r.PartnershipId, Role.PartnershipAdministrator, "Ada Admin");
        var reviews = new ReviewService(db, _catalog, _time);
        Assert.Empty(await reviews.ActAsync(r.ReceiptId, ReviewAction.Start, admin));
        var item = (await new ModerationService(db, _catalog, reviews, _time).GetStandardAsync(r.ReceiptId, 1))!.Items[0].ItemId;
        var notes = new ReviewNoteService(db, _catalog, reviews, _time);
        Assert.Empty(await notes.AddAsync(r.ReceiptId, 1, new(item, "Challenge", "How do your staff know how to refer?", DateInput.Empty), admin));
        Assert.Empty(await notes.SendToAgencyAsync(r.ReceiptId, admin));
        var answers = new ReviewAnswerService(db, _catalog, _time);
        var noteId = Assert.Single((await answers.GetAsync(r.ReceiptId))!.Open).NoteId;
        var surveys = new SurveyService(db, _catalog, _time);

        // The agency's own survey on the round, four of five agreeing, still open: nothing is offered, and citing its
        // question is a forged form, refused with nothing saved.
        await SurveyTestData.AnsweredOnRoundAsync(db, _catalog, _time, r.PartnershipId, r.RoundId, r.Summary.AgencyId, admin, agrees: 4);
        var question = (await surveys.GetAsync(r.RoundId))!.Questions[0].Id;
        Assert.Empty((await answers.GetAsync(r.ReceiptId))!.Offered);
        Assert.True(Assert.Single(await answers.SaveDraftsAsync(r.ReceiptId, [new(noteId, "All staff are trained", question)], r.AgencyUser)).Tampered);

        // Another agency's closed survey (enough answered there): its question is refused too.
        var (other, _) = await SurveyTestData.FixedResponsesAsync(db, _catalog, _time);
        Assert.Empty(await surveys.CloseAsync(other.RoundId, other.UserId));
        var othersQuestion = Assert.Single(await surveys.GetCitableAsync(other.Links[0].AgencyId)).QuestionId;
        Assert.True(Assert.Single(await answers.SendAsync(r.ReceiptId, [new(noteId, "All staff are trained", othersQuestion)], r.AgencyUser)).Tampered);
        Assert.False(await db.ReviewAnswers.AnyAsync(a => a.ReceiptId == r.ReceiptId));

        // Closed: offered with the results page's numbers; the draft keeps the choice, and sending it saves it.
        Assert.Empty(await surveys.CloseAsync(r.RoundId, admin));
        var offered = Assert.Single((await answers.GetAsync(r.ReceiptId))!.Offered);
        Assert.Equal((question, "80% agreed (4 of 5)"), (offered.QuestionId, offered.Share));
        Assert.Empty(await answers.SaveDraftsAsync(r.ReceiptId, [new(noteId, "All staff are trained", question)], r.AgencyUser));
        Assert.Equal(question, Assert.Single((await answers.GetAsync(r.ReceiptId))!.Open).DraftCitation);
        Assert.Empty(await answers.SendAsync(r.ReceiptId, [new(noteId, "All staff are trained", question)], r.AgencyUser));

        var saved = await db.ReviewAnswers.AsNoTracking().SingleAsync(a => a.ReceiptId == r.ReceiptId);
        Assert.Equal((question, true), (saved.SurveyQuestionId, saved.SentAt is not null));
        Assert.Equal([(null, question.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            (await db.ChangeLog.Where(c => c.EntityType == nameof(ReviewAnswer) && c.EntityId == saved.Id.ToString() && c.Field == "SurveyQuestionId")
                .Select(c => new { c.OldValue, c.NewValue }).ToListAsync()).Select(c => (c.OldValue, c.NewValue)));

        // Both threads draw it with the same numbers, and the round's partnership to read them under.
        var cited = Assert.Single(await notes.GetAsync(r.ReceiptId), n => n.Answer is not null).Answer!.Citation!;
        Assert.Equal(("80% agreed (4 of 5)", r.PartnershipId), (cited.Share, cited.PartnershipId));
        Assert.Equal(cited, Assert.Single((await answers.GetAsync(r.ReceiptId))!.Items.SelectMany(i => i.Notes), n => n.Answer is not null).Answer!.Citation);
    }
}
