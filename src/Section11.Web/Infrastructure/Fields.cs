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
