namespace Section11.Core;

/// <summary>
/// The one home for how long each thing a person types may be. Validation messages and the EF column lengths
/// (Data/Configurations) both read these, so a value that passes validation always fits its column on PostgreSQL
/// (SQLite ignores lengths, so a mismatch would only show in production).
/// </summary>
public static class InputLimits
{
    /// <summary>A person's full name, an agency's or a partnership's name.</summary>
    public const int Name = 200;

    /// <summary>An email address: the length of ASP.NET Core Identity's Email and UserName columns.</summary>
    public const int Email = 256;

    /// <summary>A telephone number (an agency's contact): digits, spaces, +, brackets and an extension.</summary>
    public const int Phone = 40;

    /// <summary>A round's title.</summary>
    public const int Title = 200;

    /// <summary>One line of text: sign-off name, post and organisation; an action's organisation and accountable person.</summary>
    public const int ShortText = 200;

    /// <summary>Free text: evidence, actions, statements, outcomes, monitoring entries, reasons, local items.</summary>
    public const int LongText = 10_000;

    /// <summary>One action a challenge panel requires of an agency: short enough that, with its due date, it fits an improvement area's outcome.</summary>
    public const int PanelAction = 2000;

    /// <summary>An improvement area's overarching standard, or the source named for an area not from a return.</summary>
    public const int OverarchingStandard = 300;

    /// <summary>A survey question's wording.</summary>
    public const int SurveyQuestion = 500;

    /// <summary>A short free-text answer to a survey question.</summary>
    public const int SurveyAnswer = 2000;

    /// <summary>The name of an API token.</summary>
    public const int TokenName = 100;

    /// <summary>The request path and detail kept with a security event (cut to fit, never refused).</summary>
    public const int EventPath = 500;

    public const int EventDetail = 1000;

    /// <summary>Years a typed date may have: enough for any real audit date, and safe for every export format.</summary>
    public const int EarliestYear = 1900;

    public const int LatestYear = 2999;

    /// <summary>The one wording of a length error, naming the field as the page labels it.</summary>
    public static string TooLong(string label, int limit) => $"{label} must be {limit:N0} characters or fewer";
}
