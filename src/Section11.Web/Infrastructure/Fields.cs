namespace Section11.Web.Infrastructure;

/// <summary>What the shared GOV.UK field partials need. The key is the form name and the error key; the id derives from it.</summary>
/// <remarks>
/// One text input for every form (_TextInput). A password input (Type "password") never shows what was typed back:
/// the person types it again (the security exception in WCAG 2.2's 3.3.7 Redundant Entry).
/// </remarks>
public sealed record TextField(string Key, string Label, string? Value, string? Hint = null, string? Autocomplete = null, string InputClass = "", bool LabelIsHeading = false)
{
    public string Id => ModelStateExtensions.FieldId(Key);

    /// <summary>The input's type: "text", "email" or "password" (the GOV.UK password input).</summary>
    public string Type { get; init; } = "text";

    public string? InputMode { get; init; }

    public bool IsPassword => Type == "password";
}

public sealed record TextAreaField(string Key, string Label, string? Value, string? Hint = null, int Rows = 5, int MaxLength = Section11.Core.InputLimits.LongText)
{
    public string Id => ModelStateExtensions.FieldId(Key);
}

public sealed record DateField(string Key, string Legend, string? Day, string? Month, string? Year, string? Hint = "For example, 27 3 2027")
{
    public string Id => ModelStateExtensions.FieldId(Key);

    /// <summary>The boxes to mark when the date has an error.</summary>
    public Section11.Core.Returns.DateParts WrongParts => new Section11.Core.Returns.DateInput(Day, Month, Year).WrongParts;
}

public sealed record RadioOption(string Value, string Label, string? Hint = null);

public sealed record RadiosField(string Key, string Legend, string? Selected, IReadOnlyList<RadioOption> Options, string? Hint = null, bool LegendIsHeading = false)
{
    public string Id => ModelStateExtensions.FieldId(Key);
}

public sealed record CheckboxesField(string Key, string Legend, IReadOnlyCollection<string> Selected, IReadOnlyList<RadioOption> Options, string? Hint = null)
{
    public string Id => ModelStateExtensions.FieldId(Key);
}

/// <summary>
/// The choice of a survey result to cite as evidence (docs/survey.md): radios, "None" first, then each result the agency
/// may cite (SurveyService's list). Drawn only when there is one to cite.
/// </summary>
public sealed record SurveyCitationField(string Key, string? Selected, IReadOnlyList<Section11.Core.Surveys.SurveyCitation> Citable,
    string Legend = "Survey result cited as evidence (optional)")
{
    public RadiosField Radios => new(Key, Legend, Selected ?? "",
        [new("", "None"), .. Citable.Select(c => new RadioOption(c.QuestionId.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Question, $"{c.RoundTitle} all-staff survey: {c.Share}"))],
        "Your staff's answers to the all-staff survey, as your agency's survey results show them");

    /// <summary>What the form posted: none for empty; anything but a number is kept as an id no list holds, so the service refuses it.</summary>
    public static int? Read(string? posted) =>
        string.IsNullOrEmpty(posted) ? null : int.TryParse(posted, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : -1;
}
