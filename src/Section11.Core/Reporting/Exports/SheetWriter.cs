using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Section11.Core.Exports;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Section11.Core.Reporting.Exports;

/// <summary>
/// Writes one worksheet element by element (OpenXmlWriter), so a sheet of tens of thousands of cells never exists as
/// an object tree: memory stays at the shared-string table. Cells are written left to right, rows top to bottom.
/// </summary>
internal sealed class SheetWriter : IDisposable
{
    // Reused for their names only: the writer takes the element's name and the attributes given.
    private static readonly S.Row RowElement = new();
    private static readonly S.Cell CellElement = new();
    private static readonly S.CellValue ValueElement = new();

    private readonly OpenXmlWriter _writer;
    private readonly SharedStrings _strings;
    private int _row;
    private int _column;
    private bool _rowOpen;

    /// <summary>Starts the sheet: frozen panes above <paramref name="frozenRows"/> and left of <paramref name="frozenColumns"/>, column widths in characters.</summary>
    public SheetWriter(WorksheetPart part, SharedStrings strings, int frozenRows, int frozenColumns, IReadOnlyList<double> widths, bool selected)
    {
        _strings = strings;
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartElement(new S.Worksheet());

        var topLeft = ExportText.Cell(frozenColumns + 1, frozenRows + 1);
        var pane = frozenColumns > 0 ? S.PaneValues.BottomRight : S.PaneValues.BottomLeft;
        _writer.WriteElement(new S.SheetViews(new S.SheetView(
            new S.Pane
            {
                VerticalSplit = frozenRows, HorizontalSplit = frozenColumns > 0 ? frozenColumns : null,
                TopLeftCell = topLeft, ActivePane = pane, State = S.PaneStateValues.Frozen,
            },
            new S.Selection { Pane = pane, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } })
        { TabSelected = selected, WorkbookViewId = 0 }));
        _writer.WriteElement(new S.SheetFormatProperties { DefaultRowHeight = 15 });
        _writer.WriteElement(new S.Columns(widths.Select((width, i) =>
            new S.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })));
        _writer.WriteStartElement(new S.SheetData());
    }

    /// <summary>The row being written, counting from 1.</summary>
    public int CurrentRow => _row;

    public void Row()
    {
        EndRow();
        _row++;
        _column = 0;
        _writer.WriteStartElement(RowElement, [new OpenXmlAttribute("r", "", _row.ToString(CultureInfo.InvariantCulture))]);
        _rowOpen = true;
    }

    /// <summary>A text cell; nothing for null or empty text. Text is always a string cell, never a formula.</summary>
    public void Text(string? text, uint style = RoundExport.Styles.Plain)
    {
        _column++;
        if (!string.IsNullOrEmpty(text))
        {
            Write("s", style, _strings.Index(text).ToString(CultureInfo.InvariantCulture));
        }
        else if (style != RoundExport.Styles.Plain)
        {
            Write(null, style, null);
        }
    }

    public void Number(double? value, uint style = RoundExport.Styles.Plain)
    {
        _column++;
        if (value is { } number)
        {
            Write(null, style, number.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A date as Excel stores it (days since 30 December 1899), shown with the given date format.</summary>
    public void Date(DateOnly? date) => Number(date?.ToDateTime(TimeOnly.MinValue).ToOADate(), RoundExport.Styles.Date);

    public void DateTime(DateTime? at) => Number(at?.ToOADate(), RoundExport.Styles.DateTime);

    /// <summary>Ends the sheet data, then adds an autofilter over <paramref name="autoFilter"/> when given.</summary>
    public void Finish(string? autoFilter)
    {
        EndRow();
        _writer.WriteEndElement(); // sheetData
        if (autoFilter is not null)
        {
            _writer.WriteElement(new S.AutoFilter { Reference = autoFilter });
        }

        _writer.WriteElement(new S.PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        _writer.WriteEndElement(); // worksheet
    }

    public void Dispose() => _writer.Dispose();

    private void Write(string? type, uint style, string? value)
    {
        List<OpenXmlAttribute> attributes = [new("r", "", ExportText.Cell(_column, _row))];
        if (style != RoundExport.Styles.Plain)
        {
            attributes.Add(new("s", "", style.ToString(CultureInfo.InvariantCulture)));
        }

        if (type is not null)
        {
            attributes.Add(new("t", "", type));
        }

        _writer.WriteStartElement(CellElement, attributes);
        if (value is not null)
        {
            _writer.WriteStartElement(ValueElement);
            _writer.WriteString(value);
            _writer.WriteEndElement();
        }

        _writer.WriteEndElement();
    }

    private void EndRow()
    {
        if (_rowOpen)
        {
            _writer.WriteEndElement();
            _rowOpen = false;
        }
    }
}
