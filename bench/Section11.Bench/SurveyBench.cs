using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Section11.Core.Data;
using Section11.Core.Returns;
using Section11.Core.Surveys;

namespace Section11.Bench;

/// <summary>
/// The all-staff survey answered in a burst (docs/survey.md): the driver sets up and opens a survey on the largest round
/// through the real <see cref="SurveyService"/> (so every agency has a link), then staff send answers anonymously:
/// <c>raw-survey</c> is the durable-commit ceiling of what one answer writes (one response row, in its own transaction,
/// <c>synchronous_commit=on</c>), <c>survey</c> is <c>POST /survey/{token}</c> on the real server. Each answer comes
/// from an address of its own (X-Forwarded-For, as a phone on a mobile network or a proxy would pass it on), so the
/// per-address rate limit counts each person once, as it would in a real burst.
/// </summary>
public sealed class SurveyBench(NpgsqlDataSource data, string connection)
{
    private static readonly string[] LikertChoices = [.. SurveyRules.Likert];
    private static readonly string[] YesNoChoices = [.. SurveyRules.YesNoNotSure];
    private long _next;

    public int SurveyId { get; private set; }
    public IReadOnlyList<(int AgencyId, string Token)> Links { get; private set; } = [];
    public IReadOnlyList<SurveyQuestion> Questions { get; private set; } = [];

    /// <summary>The survey of the round with the most agencies: set up and opened the first time, new links every run.</summary>
    public async Task SetUpAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSection11Core(new DatabaseSettings(DatabaseProvider.Postgres, connection));
        await using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var surveys = scope.ServiceProvider.GetRequiredService<SurveyService>();

        await using var find = data.CreateCommand("""
            SELECT ro."Id", (SELECT u."Id" FROM "RoleAssignments" ra JOIN "AspNetUsers" u ON u."Id" = ra."UserId"
                             WHERE ra."PartnershipId" = ro."PartnershipId" AND ra."Role" = 'PartnershipAdministrator' ORDER BY u."Email" LIMIT 1)
            FROM "Rounds" ro JOIN "Receipts" x ON x."RoundId" = ro."Id" LEFT JOIN "Surveys" s ON s."RoundId" = ro."Id"
            WHERE s."ClosedAt" IS NULL
            GROUP BY ro."Id" ORDER BY count(*) DESC, ro."Id" DESC LIMIT 1
            """);
        await using var reader = await find.ExecuteReaderAsync();
        if (!await reader.ReadAsync() || reader.IsDBNull(1))
        {
            throw new InvalidOperationException("No launched round with a partnership administrator: run `generate national` first.");
        }

        var (roundId, admin) = (reader.GetInt32(0), reader.GetString(1));
        await reader.CloseAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Check(await surveys.SaveDetailsAsync(roundId, new SurveyDetailsInput("Tell us what you know about safeguarding here. It takes two minutes.",
            DateInput.From(today.AddDays(-1)), DateInput.From(today.AddDays(30)), true, true), admin));
        if ((await surveys.GetAsync(roundId))!.OpenedAt is null)
        {
            Check(await surveys.AddQuestionAsync(roundId, new QuestionInput(QuestionKind.Likert, "I know how to refer a child to children's social care", null, null), admin));
            Check(await surveys.AddQuestionAsync(roundId, new QuestionInput(QuestionKind.Likert, "I know who my agency's safeguarding lead is", null, null), admin));
            Check(await surveys.AddQuestionAsync(roundId, new QuestionInput(QuestionKind.YesNoNotSure, "Have you had safeguarding training in the last two years?", null, null), admin));
            Check(await surveys.AddQuestionAsync(roundId, new QuestionInput(QuestionKind.ChooseSeveral, "Which training have you had?", "Level 1\nLevel 2\nLevel 3", null), admin));
            Check(await surveys.AddQuestionAsync(roundId, new QuestionInput(QuestionKind.FreeText, "What would help you safeguard children better?", null, null), admin));
        }

        var (links, errors) = await surveys.OpenAsync(roundId, admin);
        Check(errors);
        var survey = (await surveys.GetAsync(roundId))!;
        (SurveyId, Questions, Links) = (survey.Id, survey.Questions, [.. links.Select(l => (l.AgencyId, l.Token))]);
    }

    private static void Check(IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Setting up the bench survey: " + string.Join("; ", errors.Select(e => e.Message)));
        }
    }

    /// <summary>One person's answers, varied by <paramref name="n"/>: what the form would send.</summary>
    private List<KeyValuePair<string, string>> Answers(long n)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var q in Questions)
        {
            var key = SurveyRules.Key(q.Id);
            switch (q.Kind)
            {
                case QuestionKind.Likert:
                    fields.Add(new(key, LikertChoices[(int)((n + q.Position) % LikertChoices.Length)]));
                    break;
                case QuestionKind.YesNoNotSure:
                    fields.Add(new(key, YesNoChoices[(int)(n % YesNoChoices.Length)]));
                    break;
                case QuestionKind.ChooseSeveral or QuestionKind.ChooseOne:
                    fields.Add(new(key, q.ChoiceList[(int)(n % q.ChoiceList.Count)]));
                    break;
                default:
                    if (n % 4 == 0)
                    {
                        fields.Add(new(key, string.Create(CultureInfo.InvariantCulture, $"More time for supervision, and a named contact for advice ({n}).")));
                    }

                    break;
            }
        }

        fields.Add(new(SurveyRules.RoleKey, SurveyRules.Roles[(int)(n % SurveyRules.Roles.Count)]));
        fields.Add(new(SurveyRules.ServiceKey, SurveyRules.LengthsOfService[(int)(n % SurveyRules.LengthsOfService.Count)]));
        return fields;
    }

    /// <summary>The ceiling: the row one answer writes, raw, in a transaction of its own with a durable commit.</summary>
    public async Task RawSaveAsync(Recorder recorder, long scheduled)
    {
        var n = Interlocked.Increment(ref _next);
        var (agencyId, _) = Links[(int)(n % Links.Count)];
        var answers = JsonSerializer.Serialize(Answers(n).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Select(f => f.Value).ToArray()));
        try
        {
            await using var connection = await data.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO "SurveyResponses" ("SurveyId", "AgencyId", "SubmittedOn", "Answers") VALUES ($1, $2, $3, $4)
                """, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = SurveyId });
            insert.Parameters.Add(new NpgsqlParameter { Value = agencyId });
            insert.Parameters.Add(new NpgsqlParameter { Value = DateOnly.FromDateTime(DateTime.UtcNow) });
            insert.Parameters.Add(new NpgsqlParameter { Value = answers });
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            recorder.Ok("raw survey save", Steps.Ms(scheduled));
        }
        catch (NpgsqlException e)
        {
            recorder.Error("raw survey save", Steps.Ms(scheduled), e.Message);
        }
    }

    /// <summary>One person answers through their agency's link on the real server; a saved answer redirects to the confirmation.</summary>
    public async Task SaveAsync(BenchUser u, Recorder recorder, long scheduled)
    {
        var n = Interlocked.Increment(ref _next);
        var (_, token) = Links[(int)(n % Links.Count)];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/survey/{Uri.EscapeDataString(token)}") { Content = new FormUrlEncodedContent(Answers(n)) };
        request.Headers.Add("X-Forwarded-For", string.Create(CultureInfo.InvariantCulture, $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"));
        try
        {
            using var response = await u.Http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                recorder.Ok("survey POST", Steps.Ms(scheduled));
                return;
            }

            recorder.Error("survey POST", Steps.Ms(scheduled), $"{(int)response.StatusCode} for POST /survey/… (200 is a validation error, 429 the rate limit)");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            recorder.Error("survey POST", Steps.Ms(scheduled), e.Message);
        }
    }

    /// <summary>How many answers the survey holds now (a check that the saves were saved).</summary>
    public async Task<long> CountAsync()
    {
        await using var count = data.CreateCommand("""SELECT count(*) FROM "SurveyResponses" WHERE "SurveyId" = $1""");
        count.Parameters.Add(new NpgsqlParameter { Value = SurveyId });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Anonymous people (no sign-in): each a connection of their own, as phones on a staff briefing would be.</summary>
    public static List<BenchUser> Responders(Uri baseAddress, int count) =>
        [.. Enumerable.Range(1, count).Select(i => new BenchUser(baseAddress, string.Create(CultureInfo.InvariantCulture, $"responder-{i}")))];
}
