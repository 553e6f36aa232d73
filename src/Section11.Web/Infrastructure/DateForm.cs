using Section11.Core.Returns;

namespace Section11.Web.Infrastructure;

/// <summary>
/// A GOV.UK date input as a form posts it (drawn by _DateInput from a <see cref="DateField"/>). Day, month and year
/// stay text so what was typed comes back on an error; Core's DateInput says whether it is a date.
/// </summary>
public sealed class DateForm
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public DateInput ToInput() => new(Day, Month, Year);
}
