using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Api;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Returns;

namespace Section11.Core.Surveys;

/// <summary>An agency's link, just made: the token is in no row, so this is the only time it can be shown.</summary>
public sealed record IssuedSurveyLink(int AgencyId, string AgencyName, string Token);

/// <summary>How many responses a survey has had, per agency (every agency with a link) and per day.</summary>
public sealed record SurveyCounts(IReadOnlyList<(string Agency, int Responses)> PerAgency, IReadOnlyList<(DateOnly Day, int Responses)> PerDay)
{
    public int Total => PerAgency.Sum(a => a.Responses);
}

/// <summary>
/// A round's all-staff survey: the administrator designs it, opens it (a link per agency), sees the counts and
/// closes it; staff answer anonymously (<c>SurveyService.Answering.cs</c>).
/// </summary>
public sealed partial class SurveyService(Section11DbContext db, FrameworkCatalog catalog, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;
    private DateOnly Today => DateOnly.FromDateTime(Now);

    public Task<Survey?> GetAsync(int roundId, CancellationToken ct = default) => SurveyOf(db, roundId, ct);

    internal static Task<Survey?> SurveyOf(Section11DbContext db, int roundId, CancellationToken ct) =>
        db.Surveys.AsNoTracking().Include(s => s.Questions.OrderBy(q => q.Position)).SingleOrDefaultAsync(s => s.RoundId == roundId, ct);

    /// <summary>Item numbers of the round's framework (with its local section), for mapping questions.</summary>
    public async Task<IReadOnlySet<string>> RoundItemsAsync(int roundId, CancellationToken ct = default) =>
        (await catalog.GetForRoundAsync(db, roundId, ct)).Standards.SelectMany(s => s.Items).Select(i => i.Number).ToHashSet(StringComparer.Ordinal);

    /// <summary>Sets up the survey (the first time) or changes its introduction, dates and "about you" questions.</summary>
    public async Task<IReadOnlyList<FieldError>> SaveDetailsAsync(int roundId, SurveyDetailsInput input, string userId, CancellationToken ct = default)
    {
        var errors = SurveyRules.Check(input, out var opensOn, out var closesOn).ToList();
        var (groupSize, fewAgree, mostAgree) = SurveyRules.CheckSettings(input, errors);
        var survey = await db.Surveys.SingleOrDefaultAsync(s => s.RoundId == roundId, ct);
        if (survey?.ClosedAt is not null)
        {
            return [new("", "This survey has been closed, so it can no longer be changed.")];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var actor = new Actor(userId, Now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (survey is null)
        {
            survey = new Survey { RoundId = roundId, Introduction = "", CreatedAt = actor.At, CreatedById = userId };
            db.Surveys.Add(survey);
            await db.SaveChangesAsync(ct);
            db.Record(actor, "Survey", survey.Id, "Created", null, Invariant(roundId));
        }

        void Set<T>(string field, T old, T value, Action<T> apply)
        {
            if (!EqualityComparer<T>.Default.Equals(old, value))
            {
                db.Record(actor, "Survey", survey.Id, field, Convert.ToString(old, CultureInfo.InvariantCulture), Convert.ToString(value, CultureInfo.InvariantCulture));
                apply(value);
            }
        }

        Set("Introduction", survey.Introduction, input.Introduction!.Trim(), v => survey.Introduction = v);
        Set("OpensOn", survey.OpensOn, opensOn, v => survey.OpensOn = v);
        Set("ClosesOn", survey.ClosesOn, closesOn, v => survey.ClosesOn = v);
        Set("AsksRole", survey.AsksRole, input.AsksRole, v => survey.AsksRole = v);
        Set("AsksLengthOfService", survey.AsksLengthOfService, input.AsksLengthOfService, v => survey.AsksLengthOfService = v);
        Set("MinimumGroupSize", survey.MinimumGroupSize, groupSize ?? survey.MinimumGroupSize, v => survey.MinimumGroupSize = v);
        Set("MeetsButFewAgreePercent", survey.MeetsButFewAgreePercent, fewAgree ?? survey.MeetsButFewAgreePercent, v => survey.MeetsButFewAgreePercent = v);
        Set("NotMetButAgreePercent", survey.NotMetButAgreePercent, mostAgree ?? survey.NotMetButAgreePercent, v => survey.NotMetButAgreePercent = v);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    /// <summary>Adds a question at the end, before the survey opens; mapped items must be the round framework's.</summary>
    public async Task<IReadOnlyList<FieldError>> AddQuestionAsync(int roundId, QuestionInput input, string userId, CancellationToken ct = default)
    {
        var survey = await db.Surveys.Include(s => s.Questions).SingleOrDefaultAsync(s => s.RoundId == roundId, ct);
        if (survey is null || survey.OpenedAt is not null)
        {
            return [new("", survey is null ? "Set up the survey's introduction and dates first." : "This survey is open, so its questions can no longer be changed.")];
        }

        var errors = SurveyRules.Check(input, await RoundItemsAsync(roundId, ct), survey.Questions.Count);
        if (errors.Count > 0)
        {
            return errors;
        }

        var kind = input.Kind!.Value;
        var question = new SurveyQuestion
        {
            SurveyId = survey.Id, Position = survey.Questions.Count + 1, Kind = kind, Text = input.Text!.Trim(),
            Choices = string.Join('\n', SurveyRules.ChoicesOf(kind, input.Choices)), ItemNumbers = string.Join(',', SurveyRules.ItemNumbers(input.ItemNumbers)),
        };
        var actor = new Actor(userId, Now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.SurveyQuestions.Add(question);
        await db.SaveChangesAsync(ct);
        db.Record(actor, "SurveyQuestion", question.Id, "Added", null, $"{question.Position}. {question.Text} ({kind}; items {question.ItemNumbers})");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    /// <summary>Removes a question before the survey opens; the ones after it move up a place.</summary>
    public async Task<IReadOnlyList<FieldError>> RemoveQuestionAsync(int roundId, int questionId, string userId, CancellationToken ct = default)
    {
        var survey = await db.Surveys.Include(s => s.Questions).SingleOrDefaultAsync(s => s.RoundId == roundId, ct);
        var question = survey?.Questions.SingleOrDefault(q => q.Id == questionId);
        if (survey is null || question is null)
        {
            return [FieldError.NotOffered("", "That question is not in this survey.")];
        }

        if (survey.OpenedAt is not null)
        {
            return [new("", "This survey is open, so its questions can no longer be changed.")];
        }

        var actor = new Actor(userId, Now);
        db.SurveyQuestions.Remove(question);
        db.Record(actor, "SurveyQuestion", question.Id, "Removed", $"{question.Position}. {question.Text}", null);
        foreach (var later in survey.Questions.Where(q => q.Position > question.Position))
        {
            later.Position--;
        }

        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>
    /// Opens the survey: each agency of the round gets a new link (any earlier ones stop working). The tokens are
    /// returned to be shown once; only their hashes are stored.
    /// </summary>
    public async Task<(IReadOnlyList<IssuedSurveyLink> Links, IReadOnlyList<FieldError> Errors)> OpenAsync(int roundId, string userId, CancellationToken ct = default)
    {
        var survey = await db.Surveys.Include(s => s.Questions).SingleOrDefaultAsync(s => s.RoundId == roundId, ct);
        var agencies = await db.Receipts.Where(x => x.RoundId == roundId).OrderBy(x => x.Agency.Name).Select(x => new { x.AgencyId, x.Agency.Name }).ToListAsync(ct);
        string? refused = survey switch
        {
            null => "Set up the survey's introduction and dates first.",
            { ClosedAt: not null } => "This survey has been closed.",
            { Questions.Count: 0 } => "Add at least one question before you open the survey.",
            _ when agencies.Count == 0 => "Launch the round first: the survey's links are made for the round's agencies.",
            _ => null,
        };
        if (refused is not null)
        {
            return ([], [new("", refused)]);
        }

        var actor = new Actor(userId, Now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SurveyLinks.Where(l => l.SurveyId == survey!.Id).ExecuteDeleteAsync(ct);
        var issued = agencies.Select(a => new IssuedSurveyLink(a.AgencyId, a.Name, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)))).ToList();
        db.SurveyLinks.AddRange(issued.Select(l => new SurveyLink { SurveyId = survey!.Id, AgencyId = l.AgencyId, TokenHash = ApiTokenService.Hash(l.Token), CreatedAt = actor.At }));
        if (survey!.OpenedAt is null)
        {
            survey.OpenedAt = actor.At;
            survey.OpenedById = userId;
        }

        db.Record(actor, "Survey", survey.Id, "Links", null, $"{issued.Count} agency links made");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (issued, []);
    }

    /// <summary>Closes the survey, early or after its close date: it takes no more answers.</summary>
    public async Task<IReadOnlyList<FieldError>> CloseAsync(int roundId, string userId, CancellationToken ct = default)
    {
        var survey = await db.Surveys.SingleOrDefaultAsync(s => s.RoundId == roundId, ct);
        if (survey?.OpenedAt is null || survey.ClosedAt is not null)
        {
            return [new("", survey?.ClosedAt is not null ? "This survey has already been closed." : "This survey has not been opened, so there is nothing to close.")];
        }

        var actor = new Actor(userId, Now);
        survey.ClosedAt = actor.At;
        survey.ClosedById = userId;
        db.Record(actor, "Survey", survey.Id, "ClosedAt", null, actor.At.ToString("O", CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Responses per agency of the round (none is zero) and per day, oldest first.</summary>
    public async Task<SurveyCounts> GetCountsAsync(int surveyId, int roundId, CancellationToken ct = default)
    {
        var responses = db.SurveyResponses.Where(r => r.SurveyId == surveyId);
        var perAgency = await responses.GroupBy(r => r.AgencyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var agencies = await db.Receipts.Where(x => x.RoundId == roundId).OrderBy(x => x.Agency.Name).Select(x => new { x.AgencyId, x.Agency.Name }).ToListAsync(ct);
        var perDay = await responses.GroupBy(r => r.SubmittedOn).Select(g => new { g.Key, Count = g.Count() }).OrderBy(g => g.Key).ToListAsync(ct);
        return new([.. agencies.Select(a => (a.Name, perAgency.GetValueOrDefault(a.AgencyId)))], [.. perDay.Select(d => (d.Key, d.Count))]);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
