using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

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

    /// <summary>An A1-style cell reference.</summary>
    public static string Cell(int column, int row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A workbook's shared-string table: each distinct text is stored once and cells refer to it by index, which keeps
/// a sheet of repeated ratings and names small. Text is cleaned for XML and shortened to what a cell can hold.
/// </summary>
/// <param name="truncatedNote">Appended to a text shortened to fit a cell, saying where the full text is.</param>
internal sealed class SharedStrings(string truncatedNote)
{
    /// <summary>Excel refuses a cell longer than this.</summary>
    public const int MaxCellLength = 32_767;

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];
    private int _uses;

    public int Index(string text)
    {
        text = ExportText.Clean(text);
        if (text.Length > MaxCellLength)
        {
            var keep = MaxCellLength - truncatedNote.Length;
            keep -= char.IsHighSurrogate(text[keep - 1]) ? 1 : 0;
            text = string.Concat(text.AsSpan(0, keep), truncatedNote);
        }

        _uses++;
        if (!_index.TryGetValue(text, out var index))
        {
            index = _strings.Count;
            _index[text] = index;
            _strings.Add(text);
        }

        return index;
    }

    public string this[int index] => _strings[index];

    public S.SharedStringTable Table() =>
        new(_strings.Select(s => new S.SharedStringItem(new S.Text(s) { Space = SpaceProcessingModeValues.Preserve })))
        {
            Count = (uint)_uses,
            UniqueCount = (uint)_strings.Count,
        };

    /// <summary>Writes the table element by element, for workbooks too big to build as one object tree.</summary>
    public void WriteTo(SharedStringTablePart part)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new S.SharedStringTable { Count = (uint)_uses, UniqueCount = (uint)_strings.Count });
        foreach (var text in _strings)
        {
            writer.WriteStartElement(new S.SharedStringItem());
            writer.WriteElement(new S.Text(text) { Space = SpaceProcessingModeValues.Preserve });
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
