namespace Section11.Core;

/// <summary>
/// The one way a value typed or posted becomes an enum. Enum.TryParse also accepts "7", "-1", " Red" and
/// "Red,Green" (which is Green), none of which a page offers; only a defined name, exactly as written, is read here.
/// </summary>
public static class StrictEnum
{
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        if (text is not null && Array.IndexOf(Enum.GetNames<T>(), text) >= 0)
        {
            value = Enum.Parse<T>(text);
            return true;
        }

        value = default;
        return false;
    }

    public static bool TryParse(Type type, string? text, out object? value)
    {
        value = text is not null && Array.IndexOf(Enum.GetNames(type), text) >= 0 ? Enum.Parse(type, text) : null;
        return value is not null;
    }

    public static T? ParseOrNull<T>(string? text)
        where T : struct, Enum => TryParse<T>(text, out var value) ? value : null;
}
