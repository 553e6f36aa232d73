using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Surveys;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Surveys;

/// <summary>The survey's design rules: kinds, choices for the choose kinds, item mapping against the round's framework.</summary>
[Trait("Category", "Survey")]
public sealed class SurveyDesignTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private static readonly HashSet<string> Items = ["1.1", "1.2", "2.1"];

    [Fact]
    public void A_question_needs_a_kind_and_its_wording()
    {
        var errors = SurveyRules.Check(new QuestionInput(null, "  ", null, null), Items, 0);
        Assert.Equal(["Enter the question", "Select the kind of question"], errors.Select(e => e.Message));
        Assert.Equal(["Text", "Kind"], errors.Select(e => e.Key));
    }

    [Theory]
    [InlineData(QuestionKind.ChooseOne)]
    [InlineData(QuestionKind.ChooseSeveral)]
    public void Choose_kinds_need_at_least_two_different_choices(QuestionKind kind)
    {
        var error = Assert.Single(SurveyRules.Check(new QuestionInput(kind, "Which?", "Only one\n Only one \n", null), Items, 0));
        Assert.Equal(("Choices", "Enter at least 2 choices, one on each line"), (error.Key, error.Message));
        Assert.Empty(SurveyRules.Check(new QuestionInput(kind, "Which?", "One\nTwo", null), Items, 0));
    }

    [Theory]
    [InlineData(QuestionKind.Likert)]
    [InlineData(QuestionKind.YesNoNotSure)]
    [InlineData(QuestionKind.FreeText)]
    public void Other_kinds_need_no_choices_and_have_their_fixed_ones(QuestionKind kind)
    {
        Assert.Empty(SurveyRules.Check(new QuestionInput(kind, "Do you?", null, null), Items, 0));
        Assert.Equal(kind switch { QuestionKind.Likert => 5, QuestionKind.YesNoNotSure => 3, _ => 0 }, SurveyRules.ChoicesOf(kind, "ignored\nlines").Count);
    }

    [Fact]
    public void Mapped_items_must_be_items_of_the_rounds_framework()
    {
        var error = Assert.Single(SurveyRules.Check(new QuestionInput(QuestionKind.Likert, "I know", null, "1.1, 9.9, 1.2,12"), Items, 0));
        Assert.Equal(("ItemNumbers", "9.9, 12 are not items of this round's framework: enter item numbers such as 1.2"), (error.Key, error.Message));
        Assert.Equal(["1.1", "2.1"], SurveyRules.ItemNumbers("1.1; 2.1 1.1"));
    }

    [Fact]
    public async Task The_service_validates_against_the_rounds_framework_stores_rows_and_fixes_questions_once_open()
    {
        await using var db = database.CreateContext();
        var s = await SurveyTestData.SurveyAsync(db, _catalog, _time, open: false);
        var surveys = new SurveyService(db, _catalog, _time);
        var wrong = await surveys.AddQuestionAsync(s.RoundId, new QuestionInput(QuestionKind.YesNoNotSure, "Do you?", null, "1.1, 99.1"), s.UserId);
        Assert.Equal("99.1 is not an item of this round's framework: enter item numbers such as 1.2", Assert.Single(wrong).Message);

        var survey = (await surveys.GetAsync(s.RoundId))!;
        Assert.Equal([(1, QuestionKind.Likert, "1.1"), (2, QuestionKind.ChooseSeveral, "")], survey.Questions.Select(q => (q.Position, q.Kind, q.ItemNumbers)));
        Assert.Equal(SurveyRules.Likert, survey.Questions[0].ChoiceList);
        Assert.Equal(["Level 1", "Level 2", "Level 3"], survey.Questions[1].ChoiceList);

        Assert.Empty(await surveys.RemoveQuestionAsync(s.RoundId, survey.Questions[0].Id, s.UserId));
        Assert.Equal([(1, "Which training have you had?")], (await surveys.GetAsync(s.RoundId))!.Questions.Select(q => (q.Position, q.Text)));

        var (links, errors) = await surveys.OpenAsync(s.RoundId, s.UserId);
        Assert.Empty(errors);
        Assert.Equal(2, links.Count);
        Assert.Equal("This survey is open, so its questions can no longer be changed.",
            Assert.Single(await surveys.AddQuestionAsync(s.RoundId, new QuestionInput(QuestionKind.FreeText, "Anything else?", null, null), s.UserId)).Message);

        // Only hashes are kept: no stored value is a token.
        var hashes = await db.SurveyLinks.Where(l => l.SurveyId == survey.Id).Select(l => l.TokenHash).ToListAsync();
        Assert.Equal(links.Select(l => Section11.Core.Api.ApiTokenService.Hash(l.Token)).Order(), hashes.Order());
        Assert.DoesNotContain(links[0].Token, hashes);
    }

    [Fact]
    public void Survey_dates_must_be_dates_and_close_on_or_after_opening()
    {
        var errors = SurveyRules.Check(new SurveyDetailsInput("Hello", new DateInput("2", "12", "2026"), new DateInput("1", "12", "2026"), false, false), out _, out _);
        Assert.Equal(("ClosesOn", "The date the survey closes must be the same as or after the date it opens"), (Assert.Single(errors).Key, errors[0].Message));
        Assert.Equal(["Introduction", "OpensOn", "ClosesOn"], SurveyRules.Check(new SurveyDetailsInput("", DateInput.Empty, DateInput.Empty, false, false), out _, out _).Select(e => e.Key));
    }
}
