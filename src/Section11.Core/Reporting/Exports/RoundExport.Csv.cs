using System.Globalization;
using System.Text;
using Section11.Core.Organisations;
using Section11.Core.Returns;

namespace Section11.Core.Reporting.Exports;

public static partial class RoundExport
{
    /// <summary>The CSV file's columns, in order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "Round", "Agency", "Sector", "Status", "Standard number", "Standard title", "Item number", "Item text",
        "Rating", "Rating value", "Meets", "Evidence", "Action required", "Timescale",
        "Moderated rating", "Moderated rating value", "Moderation",
    ];

    /// <summary>
    /// Writes the round as CSV (RFC 4180, UTF-8 with a byte-order mark so Excel reads it as UTF-8, CRLF line ends):
    /// one row per agency and item, agencies in name order, items in framework order. A return that is not submitted
    /// has its rows with its status and nothing else (<see cref="DraftsRule"/>). Text that a spreadsheet would run as
    /// a formula is neutralised (<see cref="Neutralise"/>). The partnership's moderated grade of each item, if any, is
    /// beside the agency's own (<paramref name="moderation"/>). <paramref name="output"/> is left open.
    /// </summary>
    public static void WriteCsv(RoundData data, Stream output, ModerationComparison? moderation = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        WriteRecord(writer, CsvColumns);
        var fields = new string[CsvColumns.Count];
        foreach (var r in data.Returns)
        {
            foreach (var standard in data.Standards)
            {
                foreach (var item in RoundData.ItemsOf(standard))
                {
                    var answer = Shown(data, r, item);
                    var level = data.Level(answer?.Rating);
                    fields[0] = Neutralise(data.Round.Title);
                    fields[1] = Neutralise(r.AgencyName);
                    fields[2] = ReportLabels.Sector(r.Sector);
                    fields[3] = r.TrackerStatus.Label();
                    fields[4] = standard.Number.ToString(CultureInfo.InvariantCulture);
                    fields[5] = Neutralise(standard.Title);
                    fields[6] = item.Number;
                    fields[7] = Neutralise(item.Text);
                    fields[8] = Neutralise(level?.Label);
                    fields[9] = level?.Value?.ToString("0.##########", CultureInfo.InvariantCulture) ?? "";
                    fields[10] = level is null ? "" : level.Meets ? "Yes" : "No";
                    fields[11] = Neutralise(answer?.ActualEvidence);
                    fields[12] = Neutralise(answer?.ActionRequired);
                    fields[13] = answer?.Timescale?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
                    var moderated = r.IsSubmitted ? moderation?.Of(r.ReceiptId, standard.Id, item.Id) : null;
                    fields[14] = Neutralise(moderated?.Moderated.Label);
                    fields[15] = moderated?.Moderated.Value?.ToString("0.##########", CultureInfo.InvariantCulture) ?? "";
                    fields[16] = moderated?.Way ?? "";
                    WriteRecord(writer, fields);
                }
            }
        }
    }

    /// <summary>
    /// CSV formula injection (OWASP): a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return
    /// before one) as a formula, so text starting with any of those gets a leading apostrophe and is shown as text.
    /// Applied to every text field (names, titles, item text, evidence, actions); numbers and dates the export formats
    /// itself are left alone.
    /// </summary>
    public static string Neutralise(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text ?? "";

    /// <summary>One record: a field with a comma, quote, CR or LF is quoted and its quotes doubled (RFC 4180).</summary>
    internal static void WriteRecord(TextWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                writer.Write('"');
                writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(field);
            }
        }

        writer.WriteLine();
    }
}
