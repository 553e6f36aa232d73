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

        if (!int.TryParse(Day!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(Month!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(Year!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return (null, "must be a real date");
        }

        if (Year.Trim().Length != 4)
        {
            return (null, "must include a year with 4 numbers, for example 2027");
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return (null, "must be a real date");
        }

        return (new DateOnly(year, month, day), null);
    }
}
