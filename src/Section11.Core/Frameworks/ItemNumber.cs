using System.Globalization;

namespace Section11.Core.Frameworks;

/// <summary>
/// Item numbers as printed ("5.10"), compared part by part as numbers so 5.2 sorts before 5.10.
/// </summary>
public static class ItemNumber
{
    public static bool IsValid(string number) =>
        number.Length > 0
        && number.Split('.').All(part => part.Length is > 0 and <= 4 && part.All(char.IsAsciiDigit));

    /// <summary>A text key that sorts like the number: each part zero-padded to four digits.</summary>
    public static string SortKey(string number) =>
        string.Join('.', number.Split('.').Select(p => int.Parse(p, CultureInfo.InvariantCulture).ToString("D4", CultureInfo.InvariantCulture)));

    public static int Compare(string a, string b) => string.CompareOrdinal(SortKey(a), SortKey(b));
}
