namespace Section11.Web.Pages.Account;

/// <summary>
/// One GOV.UK text or password input, rendered by _Field.cshtml. Password inputs never show what was typed back:
/// the person types it again (the security exception in WCAG 2.2's 3.3.7 Redundant Entry).
/// </summary>
public sealed record Field(string Key, string Label, string? Error)
{
    public string? Value { get; init; }
    public string? Hint { get; init; }
    public string Type { get; init; } = "text";
    public string? Autocomplete { get; init; }
    public string? InputMode { get; init; }
    public string? Width { get; init; }

    /// <summary>The label as the page heading, for one-question pages.</summary>
    public bool LabelIsHeading { get; init; }

    public bool IsPassword => Type == "password";

    public string? DescribedBy =>
        string.Join(' ', new[] { Hint is null ? null : $"{Key}-hint", Error is null ? null : $"{Key}-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
}
