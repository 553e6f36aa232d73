using System.Globalization;

namespace Section11.Core.Email;

/// <summary>
/// The account emails, in plain text and GOV.UK style: what happened, what to do, the link, when it expires and
/// who sent it.
/// </summary>
public static class AccountEmails
{
    public const string ServiceName = "Section 11 safeguarding audit";

    private const string Footer =
        $"""
        {ServiceName}

        This email was sent automatically by the {ServiceName} service. Replies are not read.
        """;

    public static EmailMessage Invitation(string to, string name, string? invitedBy, string? roleText, string link, DateTime expiresAtUtc, int days) =>
        new(to, name, $"You have been invited to the {ServiceName} service",
            $"""
            Dear {name},

            {invitedBy ?? "The service administrator"} has invited you to use the {ServiceName} service{(roleText is null ? "" : $" as {roleText}")}.

            To accept, set your password using this link:
            {link}

            The link works once. It expires in {days} {(days == 1 ? "day" : "days")}, at {UkTime(expiresAtUtc)}.

            After you set your password you will set up an authenticator app, such as Microsoft Authenticator or Google Authenticator, on your phone. You will need a code from it each time you sign in.

            If the link has expired, ask {(invitedBy ?? "the person who invited you")} to send you a new invitation.

            If you were not expecting this email, you can ignore it. Nobody can use the account until a password is set with this link.

            {Footer}
            """);

    public static EmailMessage PasswordReset(string to, string name, string link, DateTime expiresAtUtc, int hours) =>
        new(to, name, $"Reset your {ServiceName} password",
            $"""
            Dear {name},

            We received a request to reset the password for your {ServiceName} account.

            To choose a new password, use this link:
            {link}

            The link works once. It expires in {hours} {(hours == 1 ? "hour" : "hours")}, at {UkTime(expiresAtUtc)}.

            You will still need a code from your authenticator app to sign in.

            If you did not ask to reset your password, you can ignore this email: your password has not changed. If you get several of these emails you did not ask for, tell your service administrator.

            {Footer}
            """);

    /// <summary>"3:15pm on 14 March 2027 (UK time)", the GOV.UK style; UTC where the machine has no time zone data.</summary>
    public static string UkTime(DateTime utc)
    {
        var (local, zone) = InUk(utc);
        return $"{Clock(local)} on {local.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} ({zone})";
    }

    /// <summary>"3:15pm (UK time)": a time later today, such as when an idle session ends.</summary>
    public static string UkClockTime(DateTime utc)
    {
        var (local, zone) = InUk(utc);
        return $"{Clock(local)} ({zone})";
    }

    private static (DateTime Local, string Zone) InUk(DateTime utc)
    {
        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var london)
            ? (TimeZoneInfo.ConvertTimeFromUtc(utc, london), "UK time")
            : (utc, "UTC");
    }

    // "%h", not "h": a one-letter format is read as a standard format, and there is no standard format "h".
    private static string Clock(DateTime local) =>
        local.ToString(local.Minute == 0 ? "%h" : "h:mm", CultureInfo.InvariantCulture) + (local.Hour < 12 ? "am" : "pm");
}
