using System.Globalization;
using System.Net;
using Section11.Core.Accounts;

namespace Section11.Bench;

/// <summary>One signed-in person: their own cookies and connection, like a browser.</summary>
public sealed class BenchUser : IDisposable
{
    public BenchUser(Uri baseAddress, string email)
    {
        Email = email;
        Http = new HttpClient(new BehindTlsProxy())
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public string Email { get; }
    public HttpClient Http { get; }

    /// <summary>Open loop: one request at a time per person (a second waits, and the wait counts in its latency).</summary>
    public SemaphoreSlim Busy { get; } = new(1, 1);

    // Completion journey state: the return, the standard reached, the form in hand.
    public int ReturnId { get; set; }
    public int StandardCount { get; set; }
    public int Standard { get; set; } = 1;
    public List<KeyValuePair<string, string>>? JourneyForm { get; set; }
    public int Saves { get; set; }

    // Save workload: standard 1's form as stored, and the version the last save left.
    public List<KeyValuePair<string, string>>? SaveForm { get; set; }
    public int SaveVersion { get; set; }
    public string SaveUrl => string.Create(CultureInfo.InvariantCulture, $"/returns/{ReturnId}/standards/1");

    // Reviewer: the pages to read, in turn.
    public IReadOnlyList<(string Page, string Url)> Reading { get; set; } = [];
    public int Next { get; set; }

    // Raw write ceiling: the rows standard 1 of the return has.
    public int[] AnswerIds { get; set; } = [];
    public int EvaluationId { get; set; }
    public int EvaluationVersion { get; set; }
    public string UserId { get; set; } = "";

    /// <summary>Password, then the authenticator code (the published demo key), as a person would.</summary>
    public async Task SignInAsync(string password)
    {
        var page = await Http.GetStringAsync("/sign-in");
        var fields = Forms.Fields(page);
        Forms.Set(fields, "Email", Email);
        Forms.Set(fields, "Password", password);
        using var posted = await Http.PostAsync("/sign-in", new FormUrlEncodedContent(fields));
        var next = posted.Headers.Location?.OriginalString;
        if (next is null || !next.StartsWith("/sign-in/code", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Email}: password step answered {(int)posted.StatusCode} {next}");
        }

        // A code is accepted once per time step: try now, then the next steps (two either side are accepted).
        var now = AuthenticatorCodes.StepAt(DateTimeOffset.UtcNow);
        var key = AuthenticatorCodes.DecodeKey(DemoAccounts.AuthenticatorKey);
        for (var step = now; step <= now + 2; step++)
        {
            var codePage = await Http.GetStringAsync(next);
            var codeFields = Forms.Fields(codePage);
            Forms.Set(codeFields, "Code", AuthenticatorCodes.Compute(key, step));
            using var done = await Http.PostAsync(next, new FormUrlEncodedContent(codeFields));
            if (done.StatusCode == HttpStatusCode.Redirect && done.Headers.Location?.OriginalString is { } to && !to.StartsWith("/sign-in", StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException($"{Email}: the authenticator code was refused");
    }

    public string StandardUrl => string.Create(CultureInfo.InvariantCulture, $"/returns/{ReturnId}/standards/{Standard}");

    public void Dispose()
    {
        Http.Dispose();
        Busy.Dispose();
    }

    /// <summary>
    /// The server runs as in production behind a proxy that ends TLS (ASPNETCORE_FORWARDEDHEADERS_ENABLED=true), so
    /// its cookies are Secure: this handler says the request came over HTTPS and keeps the cookies as a browser
    /// talking HTTPS to the proxy would.
    /// </summary>
    private sealed class BehindTlsProxy() : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 4 })
    {
        private readonly CookieContainer _jar = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var asHttps = new UriBuilder(request.RequestUri!) { Scheme = "https", Port = -1 }.Uri;
            var cookies = _jar.GetCookieHeader(asHttps);
            if (cookies.Length > 0)
            {
                request.Headers.Add("Cookie", cookies);
            }

            request.Headers.Add("X-Forwarded-Proto", "https");
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    _jar.SetCookies(asHttps, value);
                }
            }

            return response;
        }
    }
}
