namespace Section11.Core;

/// <summary>
/// Counts and possessives in the service's words, so "1 item" and "Young Carers' return" are right on every page and
/// in every email rather than each place choosing its own form.
/// </summary>
public static class Wording
{
    /// <summary>"1 item", "2 items": <paramref name="many"/> is given, not made, because English plurals are irregular.</summary>
    public static string Count(int count, string one, string many) =>
        $"{count.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Noun(count, one, many)}";

    /// <summary>The noun alone, for "0 of 1 standard" where the number is said before it.</summary>
    public static string Noun(int count, string one, string many) => count == 1 ? one : many;

    /// <summary>"Riverside's", and "Young Carers'" for a name ending in s (the style GOV.UK uses for plural names).</summary>
    public static string Possessive(string name) =>
        name.EndsWith('s') || name.EndsWith('S') ? $"{name}'" : $"{name}'s";
}
