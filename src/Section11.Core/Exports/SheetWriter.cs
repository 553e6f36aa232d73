using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Section11.Core.Exports;

/// <summary>
/// Writes one worksheet element by element (OpenXmlWriter), so a sheet of tens of thousands of cells never exists as
/// an object tree: memory stays at the shared-string table. Cells are written left to right, rows top to bottom.
/// Every workbook the service writes goes through it, so a sheet's layout is written one way.
/// </summary>
internal sealed class SheetWriter : IDisposable
{
    /// <summary>The stylesheet's first cell format, which every stylesheet here keeps plain.</summary>
    public const uint DefaultStyle = 0;

    // Reused for their names only: the writer takes the element's name and the attributes given.
    private static readonly S.Row RowElement = new();
    private static readonly S.Cell CellElement = new();
    private static readonly S.CellValue ValueElement = new();

    private readonly OpenXmlWriter _writer;
    private readonly SharedStrings _strings;
    private readonly List<string> _merges = [];
    private int _row;
    private int _column;
    private bool _rowOpen;

    /// <summary>
    /// Starts the sheet: frozen panes above <paramref name="frozenRows"/> and left of <paramref name="frozenColumns"/>,
    /// column widths in characters; <paramref name="fitToPage"/> prints it scaled to the page (see <see cref="PrintSetup"/>).
    /// </summary>
    public SheetWriter(WorksheetPart part, SharedStrings strings, int frozenRows, int frozenColumns, IReadOnlyList<double> widths, bool selected, bool fitToPage = false)
    {
        _strings = strings;
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartElement(new S.Worksheet());
        if (fitToPage)
        {
            _writer.WriteElement(new S.SheetProperties(new S.PageSetupProperties { FitToPage = true }));
        }

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

    /// <summary>
    /// Starts the next row. A <paramref name="height"/> in points is not marked custom, so Excel refits the row when
    /// someone edits it (neither Excel nor LibreOffice fits wrapped text when opening a file, and never a merged row).
    /// </summary>
    public void Row(double? height = null)
    {
        EndRow();
        _row++;
        _column = 0;
        List<OpenXmlAttribute> attributes = [new("r", "", _row.ToString(CultureInfo.InvariantCulture))];
        if (height is { } points)
        {
            attributes.Add(new("ht", "", points.ToString("R", CultureInfo.InvariantCulture)));
        }

        _writer.WriteStartElement(RowElement, attributes);
        _rowOpen = true;
    }

    /// <summary>A text cell; nothing for null or empty text in the default style. Text is always a string cell, never a formula.</summary>
    public void Text(string? text, uint style = DefaultStyle)
    {
        _column++;
        if (!string.IsNullOrEmpty(text))
        {
            Write("s", style, _strings.Index(text).ToString(CultureInfo.InvariantCulture));
        }
        else if (style != DefaultStyle)
        {
            Write(null, style, null);
        }
    }

    /// <summary>Merges the current row's cells from the first column to <paramref name="columns"/>.</summary>
    public void MergeRow(int columns) => _merges.Add($"A{_row}:{ExportText.Cell(columns, _row)}");

    public void Number(double? value, uint style = DefaultStyle)
    {
        _column++;
        if (value is { } number)
        {
            Write(null, style, number.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A date as Excel stores it (days since 30 December 1899), shown with <paramref name="style"/>, a date format.</summary>
    public void Date(DateOnly? date, uint style) => Number(date?.ToDateTime(TimeOnly.MinValue).ToOADate(), style);

    public void DateTime(DateTime? at, uint style) => Number(at?.ToOADate(), style);

    /// <summary>
    /// Ends the sheet data, then writes, in the order the schema requires, an autofilter over
    /// <paramref name="autoFilter"/> when given, the merged rows, the margins and the print setup when given.
    /// </summary>
    public void Finish(string? autoFilter, PrintSetup? print = null)
    {
        EndRow();
        _writer.WriteEndElement(); // sheetData
        if (autoFilter is not null)
        {
            _writer.WriteElement(new S.AutoFilter { Reference = autoFilter });
        }

        if (_merges.Count > 0)
        {
            _writer.WriteElement(new S.MergeCells(_merges.Select(m => new S.MergeCell { Reference = m })) { Count = (uint)_merges.Count });
        }

        _writer.WriteElement(new S.PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        if (print is not null)
        {
            // A4 (paper size 9), as wide as one page and as many pages long as it takes.
            _writer.WriteElement(new S.PageSetup
            {
                PaperSize = 9, Orientation = print.Landscape ? S.OrientationValues.Landscape : S.OrientationValues.Portrait,
                FitToWidth = 1, FitToHeight = 0,
            });
            var footer = ExportText.Clean(print.FooterTitle).Replace("&", "&&", StringComparison.Ordinal);
            _writer.WriteElement(new S.HeaderFooter(new S.OddFooter($"&L{footer}&RPage &P of &N")));
        }

        _writer.WriteEndElement(); // worksheet
    }

    public void Dispose() => _writer.Dispose();

    private void Write(string? type, uint style, string? value)
    {
        List<OpenXmlAttribute> attributes = [new("r", "", ExportText.Cell(_column, _row))];
        if (style != DefaultStyle)
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

/// <summary>How a sheet prints: A4 one page wide, and a footer with the title on the left and "Page N of M" on the right.</summary>
internal sealed record PrintSetup(bool Landscape, string FooterTitle);
