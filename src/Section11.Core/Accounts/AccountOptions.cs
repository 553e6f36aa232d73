namespace Section11.Core.Accounts;

/// <summary>Settings under "Accounts".</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>How long an invitation link works.</summary>
    public int InvitationDays { get; set; } = 7;

    /// <summary>How long a password reset link works.</summary>
    public int PasswordResetHours { get; set; } = 2;

    /// <summary>
    /// The address people use, e.g. https://section11.example.org, for links in emails. Required outside Development
    /// (the web app refuses to start without it); only `dotnet run` may fall back to the request's address, which a
    /// client can choose.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>A session ends after this long without a request; pages warn before it does.</summary>
    public int SessionIdleMinutes { get; set; } = 30;

    /// <summary>How long before the end of an idle session the warning appears (WCAG 2.2.1 asks for at least 20 seconds).</summary>
    public int SessionWarningSeconds { get; set; } = 120;

    /// <summary>How often a signed-in session is checked against the account, so "sign out everywhere" takes effect.</summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The base for links in emails: the configured public address, else (Development only) the request's.</summary>
    public string LinkBase(string? requestBase) =>
        (string.IsNullOrWhiteSpace(PublicBaseUrl) ? requestBase ?? "http://localhost:5000" : PublicBaseUrl).TrimEnd('/');
}
