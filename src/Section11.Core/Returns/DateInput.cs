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
        if (IsEmpty)
        {
            return (null, null);
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(Day))
        {
            missing.Add("a day");
        }

        if (string.IsNullOrWhiteSpace(Month))
        {
            missing.Add("a month");
        }

        if (string.IsNullOrWhiteSpace(Year))
        {
            missing.Add("a year");
        }

        if (missing.Count > 0)
        {
            return (null, $"must include {string.Join(" and ", missing)}");
        }

        // Only plain digits, and never more than a part can hold: "-1", "1e3", "+5" and 20-digit numbers are not dates.
        var (dayText, monthText, yearText) = (Day!.Trim(), Month!.Trim(), Year!.Trim());
        if (!Digits(dayText) || !Digits(monthText) || !yearText.All(char.IsAsciiDigit))
        {
            return (null, "must be a real date");
        }

        if (yearText.Length != 4)
        {
            return (null, "must include a year with 4 numbers, for example 2027");
        }

        var (day, month, year) = (int.Parse(dayText, CultureInfo.InvariantCulture), int.Parse(monthText, CultureInfo.InvariantCulture), int.Parse(yearText, CultureInfo.InvariantCulture));
        // Year 0000 does not exist (DateTime.DaysInMonth would throw); check the month before asking its length.
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return (null, "must be a real date");
        }

        if (year is < InputLimits.EarliestYear or > InputLimits.LatestYear)
        {
            return (null, $"must be a real date between {InputLimits.EarliestYear} and {InputLimits.LatestYear}");
        }

        return (new DateOnly(year, month, day), null);
    }

    private static bool Digits(string text) => text.Length is > 0 and <= 4 && text.All(char.IsAsciiDigit);
}
