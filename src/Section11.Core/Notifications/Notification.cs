namespace Section11.Core.Notifications;

/// <summary>
/// An email in the outbox. The service method that performs an event adds its rows in the same SaveChanges as the
/// event, so an event never happens without its emails and no email goes for an event that rolled back. The
/// dispatcher then claims each row once (<see cref="ClaimedAt"/>, set by a conditional UPDATE only one node wins)
/// and records <see cref="SentAt"/>.
/// </summary>
public class Notification
{
    public long Id { get; set; }

    /// <summary>The recipient; the address is read when sending, so a changed email address is used.</summary>
    public required string UserId { get; set; }

    public required string Kind { get; set; }
    public required string Subject { get; set; }

    /// <summary>The app-relative address the email links to; the link base is put in front when it is sent.</summary>
    public required string Path { get; set; }

    /// <summary>The facts the body is written from (<see cref="NotificationFacts"/> as JSON).</summary>
    public required string Facts { get; set; }

    public int? ReturnId { get; set; }
    public int? RoundId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Set by the node that won this row; cleared again when a send fails, so a later pass retries.</summary>
    public DateTime? ClaimedAt { get; set; }

    public DateTime? SentAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>What an email says, beyond its kind: kept with the row, so the email is written from what was true at the event.</summary>
public sealed record NotificationFacts(string Agency, string Round, string Partnership, DateOnly? Date = null, string? Reason = null, string? Reference = null, bool Asked = false, string? Summary = null, string? Headline = null);

/// <summary>
/// The kinds of notification, and the one rule for which a person may turn off. <b>Essential</b>: a return has been
/// put in your hands by someone's action on it and nothing else tells you (sent to you to sign off, sent back to you
/// for changes, challenged by its reviewers, answered by the agency you review). <b>Optional</b>: news and nudges (a round launched, a date extended, a chase, an administrator's weekly digest) and confirmations
/// (submitted); the tracker, the return's pages and the reminders say the same.
/// </summary>
public static class NotificationKinds
{
    public const string RoundLaunched = "round-launched";
    public const string SignOffRequested = "sign-off-requested";
    public const string Submitted = "submitted";
    public const string ReturnedForChanges = "returned-for-changes";
    public const string DateExtended = "date-extended";
    public const string Chase = "chase";
    public const string ChallengesSent = "challenges-sent";
    public const string WeeklyDigest = "weekly-digest";
    public const string AgencyAnswered = "agency-answered";
    public const string ModerationFinished = "moderation-finished";
    public const string EvidenceDue = "evidence-due";
    public const string ExportReady = "export-ready";
    public const string LetterSent = "letter-sent";

    public static IReadOnlyList<string> All { get; } =
        [RoundLaunched, SignOffRequested, Submitted, ReturnedForChanges, DateExtended, Chase, ChallengesSent, AgencyAnswered, ModerationFinished, EvidenceDue, LetterSent, WeeklyDigest, ExportReady];

    /// <summary>
    /// The agency's answers put the review back in its reviewers' hands, and a feedback letter puts its required actions in
    /// the agency's; moderation finished and evidence due are news and a nudge.
    /// </summary>
    public static IReadOnlyList<string> Essential { get; } = [SignOffRequested, ReturnedForChanges, ChallengesSent, AgencyAnswered, LetterSent];

    public static bool IsEssential(string kind) => Essential.Contains(kind);

    public static string Label(string kind) => kind switch
    {
        RoundLaunched => "A round is launched to your agency",
        SignOffRequested => "A return is ready for you to sign off",
        Submitted => "A return is submitted",
        ReturnedForChanges => "A return is sent back for changes",
        DateExtended => "Your return-by date is extended",
        Chase => "Your partnership chases a return",
        ChallengesSent => "A partnership sends challenges about your return",
        WeeklyDigest => "A weekly summary of each open round you administer",
        AgencyAnswered => "An agency answers the challenges on a return you review",
        ModerationFinished => "A partnership finishes moderating your return",
        EvidenceDue => "Evidence a partnership asked for is due",
        ExportReady => "A data export you asked for is ready",
        LetterSent => "A partnership sends its feedback letter on your return",
        _ => kind,
    };
}
