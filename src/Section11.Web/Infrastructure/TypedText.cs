namespace Section11.Web.Infrastructure;

/// <summary>
/// What a person typed into a form whose save failed with a 500, offered back on the error page so it is not lost.
/// Only text they wrote: never a password, a code, a token or the antiforgery field, and not the hidden ids and
/// versions or the button that sent it.
/// </summary>
public static class TypedText
{
    public sealed record Field(string Label, string Value);

    private static readonly string[] Secret = ["password", "token", "code", "secret", "key", "__RequestVerificationToken"];

    private static readonly string[] NotTyped = ["Id", "Version", "action", "handler", "ReturnUrl"];

    public static IReadOnlyList<Field> From(IFormCollection form) =>
        [.. form
            .Where(f => !Secret.Any(s => f.Key.Contains(s, StringComparison.OrdinalIgnoreCase))
                && !NotTyped.Any(n => f.Key.EndsWith(n, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(f => f.Value.Where(v => !string.IsNullOrWhiteSpace(v) && v!.Any(char.IsLetter)).Select(v => new Field(Label(f.Key), v!)))];

    /// <summary>"Answers[0].ActualEvidence" reads "Answers 1: actual evidence".</summary>
    internal static string Label(string name)
    {
        var words = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (char.IsDigit(c))
            {
                words.Append(c);
            }
            else if (c == '[')
            {
                words.Append(' ');
            }
            else if (c == '.')
            {
                words.Append(": ");
            }
            else if (char.IsUpper(c) && words.Length > 0 && char.IsLetter(words[^1]))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else if (c != ']')
            {
                words.Append(c);
            }
        }

        // Form indexes count from 0; people count from 1.
        return System.Text.RegularExpressions.Regex.Replace(words.ToString(), @" (\d+)", m => " " + (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1));
    }
}
