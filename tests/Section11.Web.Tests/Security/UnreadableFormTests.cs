using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Security;

/// <summary>
/// A form that cannot be read answers 400 with a page that says why, and is logged (issue 11, item 8). Before, each
/// of these answered 404 "Sorry, there is a problem with the service" and logged nothing.
/// </summary>
[Trait("Category", "Security")]
public sealed class UnreadableFormTests(UnreadableFormTests.LoggingFactory factory) : IClassFixture<UnreadableFormTests.LoggingFactory>
{
    public sealed class LoggingFactory : Section11Factory
    {
        public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(new Provider(Logs)));
        }

        private sealed class Provider(ConcurrentQueue<(LogLevel, string, string)> logs) : ILoggerProvider
        {
            public ILogger CreateLogger(string categoryName) => new Logger(logs, categoryName);

            public void Dispose()
            {
            }
        }

        private sealed class Logger(ConcurrentQueue<(LogLevel, string, string)> logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }

    public enum Shape
    {
        NulCharacter,
        NulCharacterInMultipart,
        ValueOverTheLimit,
        MoreThan1024Fields,
        TruncatedMultipart,
        BodyOverTheLimitDeclared,
        BodyOverTheLimitStreamed,
    }

    [Theory]
    [InlineData(Shape.NulCharacter, "It contained a character that no answer may hold, such as a NUL (a zero byte).")]
    [InlineData(Shape.NulCharacterInMultipart, "It contained a character that no answer may hold, such as a NUL (a zero byte).")]
    [InlineData(Shape.ValueOverTheLimit, "One of its fields was longer than the 262,144 characters a field may be sent as.")]
    [InlineData(Shape.MoreThan1024Fields, "It had more than 1,024 fields.")]
    [InlineData(Shape.TruncatedMultipart, "It arrived incomplete: the connection may have been interrupted while it was sent.")]
    [InlineData(Shape.BodyOverTheLimitDeclared, "It was larger than the 8 MB a form may be.")]
    [InlineData(Shape.BodyOverTheLimitStreamed, "It was larger than the 8 MB a form may be.")]
    public async Task A_form_that_cannot_be_read_answers_400_with_the_reason_and_is_logged_without_its_body(Shape shape, string reason)
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        var url = $"/returns/{lead.ReturnId}/standards/1";
        var token = await client.TokenAsync(url);
        const string Secret = "safeguarding-detail-that-must-not-be-logged";
        var content = shape switch
        {
            Shape.NulCharacter => ForgedPosts.Form(token, ("Evaluation.Statement", $"{Secret}\0")),
            Shape.ValueOverTheLimit => ForgedPosts.Form(token, ("Evaluation.Statement", Secret + new string('a', 300_000))),
            Shape.MoreThan1024Fields => ForgedPosts.Form(token, Enumerable.Range(0, 1100).Select(i => ($"f{i}", Secret))),
            Shape.NulCharacterInMultipart => new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent($"{Secret}\0"), "Evaluation.Statement" } },
            Shape.TruncatedMultipart => ForgedPosts.TruncatedMultipart(token),
            Shape.BodyOverTheLimitDeclared => ForgedPosts.Oversized(token, declared: true),
            _ => ForgedPosts.Oversized(token, declared: false),
        };

        var answer = await client.SendAsync(url, content);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Your form could not be read", answer.H1);
        Assert.Contains(reason, answer.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved.", answer.Text, StringComparison.Ordinal);
        var logged = Assert.Single(factory.Logs, l => l.Message.Contains(reason, StringComparison.Ordinal) && l.Message.Contains(url, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.DoesNotContain(factory.Logs, l => l.Message.Contains(Secret, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).Status);
    }

    [Fact]
    public async Task The_largest_standard_page_full_to_every_limit_is_read_and_saved()
    {
        // primary-care-2014 standard 6 has 13 items: 27 text areas of 10,000 characters that take 3 bytes each in UTF-8.
        var lead = await factory.CreateLeadAsync("primary-care-2014");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(lead.Email);
        var page = await client.GetAsync($"/returns/{lead.ReturnId}/standards/6");
        Assert.Equal(13, StandardForms.ItemCount(page));
        var full = new string('\u20ac', 10_000);
        var values = StandardForms.Complete(page, "partially-met", full, ("31", "3", "2030"));
        for (var i = 0; i < 13; i++)
        {
            values[$"Answers[{i}].ActualEvidence"] = full;
        }

        values["Evaluation.Statement"] = full;
        var saved = await client.SubmitAsync(page, values, "continue");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(full, (await client.GetAsync($"/returns/{lead.ReturnId}/standards/6")).Value("Answers[12].ActionRequired"));
    }
}
