using System.Globalization;

namespace Section11.Core.Returns;

/// <summary>A date as typed into a GOV.UK date input: three boxes that may hold anything.</summary>
public sealed record DateInput(string? Day, string? Month, string? Year)
{
    public static DateInput Empty { get; } = new(null, null, null);

    public static DateInput From(DateOnly? date) => date is { } d
        ? new(d.Day.ToString(CultureInfo.InvariantCulture), d.Month.ToString(CultureInfo.InvariantCulture), d.Year.ToString(CultureInfo.InvariantCulture))
        : Empty;

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    /// <summary>
    /// Reads the date. Returns null when nothing was entered; otherwise the date, or the GOV.UK-style reason
    /// it is not one, to follow "{name} ...".
    /// </summary>
    public (DateOnly? Date, string? Error) Parse()
    {
        var (date, error, _) = Read();
        return (date, error);
    }

    /// <summary>
    /// The boxes an error is about, for the page to mark and the error summary to link to (GOV.UK date input):
    /// "must include a month" is the month; a date that is wrong as a whole, or an error that is not about what
    /// was typed (nothing entered, a date in the past), is all three.
    /// </summary>
    public DateParts WrongParts => Read().Wrong is var wrong && wrong != DateParts.None ? wrong : DateParts.All;

    private (DateOnly? Date, string? Error, DateParts Wrong) Read()
    {
        if (IsEmpty)
        {
            return (null, null, DateParts.None);
        }

        var missing = new List<string>();
        var missingParts = DateParts.None;
        if (string.IsNullOrWhiteSpace(Day))
        {
            missing.Add("a day");
            missingParts |= DateParts.Day;
        }

        if (string.IsNullOrWhiteSpace(Month))
        {
            missing.Add("a month");
            missingParts |= DateParts.Month;
        }

        if (string.IsNullOrWhiteSpace(Year))
        {
            missing.Add("a year");
            missingParts |= DateParts.Year;
        }

        if (missing.Count > 0)
        {
            return (null, $"must include {string.Join(" and ", missing)}", missingParts);
        }

        // Only plain digits, and never more than a part can hold: "-1", "1e3", "+5" and 20-digit numbers are not dates.
        var (dayText, monthText, yearText) = (Day!.Trim(), Month!.Trim(), Year!.Trim());
        var notNumbers = (Digits(dayText) ? DateParts.None : DateParts.Day)
            | (Digits(monthText) ? DateParts.None : DateParts.Month)
            | (yearText.All(char.IsAsciiDigit) ? DateParts.None : DateParts.Year);
        if (notNumbers != DateParts.None)
        {
            return (null, "must be a real date", notNumbers);
        }

        if (yearText.Length != 4)
        {
            return (null, "must include a year with 4 numbers, for example 2027", DateParts.Year);
        }

        var (day, month, year) = (int.Parse(dayText, CultureInfo.InvariantCulture), int.Parse(monthText, CultureInfo.InvariantCulture), int.Parse(yearText, CultureInfo.InvariantCulture));
        // Year 0000 does not exist (DateTime.DaysInMonth would throw); check the month before asking its length.
        var outOfRange = (year < 1 ? DateParts.Year : DateParts.None) | (month is < 1 or > 12 ? DateParts.Month : DateParts.None);
        if (outOfRange == DateParts.None && (day < 1 || day > DateTime.DaysInMonth(year, month)))
        {
            outOfRange = DateParts.Day;
        }
        else if (day is < 1 or > 31)
        {
            outOfRange |= DateParts.Day;
        }

        if (outOfRange != DateParts.None)
        {
            return (null, "must be a real date", outOfRange);
        }

        if (year is < InputLimits.EarliestYear or > InputLimits.LatestYear)
        {
            return (null, $"must be a real date between {InputLimits.EarliestYear} and {InputLimits.LatestYear}", DateParts.Year);
        }

        return (new DateOnly(year, month, day), null, DateParts.None);
    }

    private static bool Digits(string text) => text.Length is > 0 and <= 4 && text.All(char.IsAsciiDigit);
}

/// <summary>The boxes of a date input.</summary>
[Flags]
public enum DateParts
{
    None = 0,
    Day = 1,
    Month = 2,
    Year = 4,
    All = Day | Month | Year,
}
