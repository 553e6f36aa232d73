using System.Collections.Concurrent;
using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Section11.Core.Data;
using Section11.Core.Returns;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Errors;

/// <summary>The 500 page: the typed text offered back, and the request id that the logs carry.</summary>
[Trait("Category", "Reliability")]
public sealed class ErrorPageTests
{
    private const string Poison = "Fail this save";

    /// <summary>The database refuses a save whose evidence holds <see cref="Poison"/>, as a failing disk or server would.</summary>
    private sealed class FailingSave : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<Answer>().Any(a => a.Entity.ActualEvidence?.Contains(Poison, StringComparison.Ordinal) == true)
                ? throw new InvalidOperationException("Injected fault: the save failed.")
                : base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private sealed class FaultyNode : Section11Factory
    {
        public ScopedLog Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s =>
            {
                s.ConfigureDbContext<Section11DbContext>(o => o.AddInterceptors(new FailingSave()));
                s.AddSingleton<ILoggerProvider>(Log);
            });
        }
    }

    /// <summary>Error lines with the RequestId of the scope they were written in.</summary>
    private sealed class ScopedLog : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<(string Message, string? RequestId)> Errors { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(ScopedLog owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                string? requestId = null;
                owner._scopes.ForEachScope((scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "RequestId").Value is string id)
                    {
                        requestId = id;
                    }
                }, (object?)null);
                owner.Errors.Enqueue((formatter(state, exception), requestId));
            }
        }
    }

    [Fact]
    public async Task A_save_that_fails_with_a_500_offers_the_typed_text_back_and_a_reference_the_logs_carry()
    {
        var node = new FaultyNode();
        await node.InitializeAsync();
        try
        {
            var lead = await node.CreateLeadAsync("masa-2018");
            using var client = node.CreateHtmlClient();
            await client.SignInAsync(lead.Email);
            var page = await client.GetAsync($"/returns/{lead.ReturnId}/standards/1");
            var evidence = $"{Poison}: two paragraphs of evidence the lead spent an hour on.\nThe second paragraph.";

            var failed = await client.SubmitAsync(page, new Dictionary<string, string?>
            {
                ["Answers[0].Rating"] = "good",
                ["Answers[0].ActualEvidence"] = evidence,
                ["Answers[0].ActionRequired"] = "Refresh the training plan",
            }, "later");

            Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
            Assert.Equal("Sorry, there is a problem with the service", failed.H1);
            Assert.Contains("Copy anything you need", failed.Document.Body!.TextContent, StringComparison.Ordinal);
            var typed = failed.Document.QuerySelectorAll("textarea[readonly]").Select(t => t.TextContent).ToList();
            Assert.Contains(evidence, typed);
            Assert.Contains("Refresh the training plan", typed);
            var token = HtmlClient.FormFields(page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form")!).Single(f => f.Key == "__RequestVerificationToken").Value;
            Assert.DoesNotContain(token, failed.Document.Body!.InnerHtml, StringComparison.Ordinal);

            var reference = failed.Text("#request-id");
            Assert.NotEmpty(reference);
            Assert.Contains(node.Log.Errors, e => e.RequestId == reference && e.Message.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            await ((Xunit.IAsyncLifetime)node).DisposeAsync();
        }
    }

    [Fact]
    public async Task Logging_format_json_writes_json_lines_with_every_scope_and_an_unknown_format_refuses_to_start()
    {
        var folder = Directory.CreateTempSubdirectory("section11-logs-").FullName;
        try
        {
            string[] args = ["--Database:Provider=Sqlite", $"--ConnectionStrings:Section11=Data Source={Path.Combine(folder, "logs.db")}", "--Accounts:PublicBaseUrl=https://section11.example.org"];
            await using (var app = Startup.Build([.. args, "--Logging:Format=json"]))
            {
                Assert.Equal(ConsoleFormatterNames.Json, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
                Assert.True(app.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue.IncludeScopes);
            }

            var refused = Assert.Throws<Infrastructure.StartupConfigurationException>(() => Startup.Build([.. args, "--Logging:Format=yaml"]));
            Assert.Contains("Logging:Format", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
