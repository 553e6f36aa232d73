using System.Globalization;
using System.Text;

namespace Section11.Core.Exports;

/// <summary>Text helpers every Office export shares.</summary>
internal static class ExportText
{
    /// <summary>Drops characters XML cannot carry (control characters, lone surrogates) and normalises line ends to "\n".</summary>
    public static string Clean(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (System.Xml.XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A spreadsheet column's letters: 1 is "A", 26 "Z", 27 "AA".</summary>
    public static string ColumnName(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26)
        {
            name = (char)('A' + ((number - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>
    /// The one slug rule for file names: "Birch Police (North)" becomes "birch-police-north" (letters lower-cased,
    /// digits kept, every other run of characters one hyphen, at most 80 characters); <paramref name="whenEmpty"/> when nothing is left.
    /// </summary>
    public static string Slug(string text, string whenEmpty)
    {
        var builder = new StringBuilder(text.Length);
        // Letters outside ASCII are kept (zip entries and downloads carry UTF-8 names): invariant globalization cannot strip accents.
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? whenEmpty : slug[..Math.Min(slug.Length, 80)].TrimEnd('-');
    }

    /// <summary>An A1-style cell reference.</summary>
    public static string Cell(int column, int row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);
}
