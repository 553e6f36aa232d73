using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Section11.Core.Exports;

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

    /// <summary>Writes the table element by element, so a big workbook's strings never exist as one object tree.</summary>
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
