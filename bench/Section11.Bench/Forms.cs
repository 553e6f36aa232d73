using System.Net;
using System.Text.RegularExpressions;

namespace Section11.Bench;

/// <summary>
/// What a browser without JavaScript posts back for the first form inside main: hidden and text inputs, checked radios
/// and boxes, text areas. Regular expressions rather than a DOM, to keep the driver's CPU off the server's back.
/// </summary>
public static partial class Forms
{
    public static List<KeyValuePair<string, string>> Fields(string html)
    {
        var main = html.IndexOf("<main", StringComparison.Ordinal);
        var start = html.IndexOf("<form", Math.Max(0, main), StringComparison.Ordinal);
        var end = start < 0 ? -1 : html.IndexOf("</form>", start, StringComparison.Ordinal);
        if (start < 0 || end < 0)
        {
            throw new InvalidOperationException("No form in main");
        }

        var form = html[start..end];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in Input().Matches(form))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            var type = Attribute(tag, "type") ?? "text";
            if (name is null || type is "submit" or "button" || (type is "radio" or "checkbox" && !tag.Contains(" checked", StringComparison.Ordinal)))
            {
                continue;
            }

            fields.Add(new(name, Attribute(tag, "value") ?? ""));
        }

        foreach (Match area in TextArea().Matches(form))
        {
            var name = Attribute(area.Groups[1].Value, "name");
            if (name is not null)
            {
                // Browsers drop the newline that follows the opening tag.
                var text = WebUtility.HtmlDecode(area.Groups[2].Value);
                fields.Add(new(name, text.StartsWith("\r\n", StringComparison.Ordinal) ? text[2..] : text.StartsWith('\n') ? text[1..] : text));
            }
        }

        return fields;
    }

    public static string? Token(string html) =>
        AntiforgeryInput().Match(html) is { Success: true } m ? Attribute(m.Value, "value") : null;

    public static void Set(List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
    }

    private static string? Attribute(string tag, string name)
    {
        var m = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"", RegexOptions.CultureInvariant);
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Input();

    [GeneratedRegex("<textarea\\b([^>]*)>(.*?)</textarea>", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex TextArea();

    [GeneratedRegex("<input\\b[^>]*name=\"__RequestVerificationToken\"[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex AntiforgeryInput();
}
