using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Section11.Core.Data;
using Section11.Core.Exports;

namespace Section11.Core.Reporting.Exports;

/// <summary>
/// Everything a partnership may see (<see cref="PartnershipExportTables"/>), for its own analysts: a zip of CSV files
/// with a data dictionary, or one JSON document. Each table is read row by row from the database and written as it
/// comes, so memory stays bounded by one row and the writers' buffers, whatever the partnership's size.
/// </summary>
public static class PartnershipExport
{
    public const string DictionaryFile = "data-dictionary.csv";

    /// <summary>The tables, in the order they are written, with their columns' meanings: the data dictionary.</summary>
    public static IReadOnlyList<ExportTable> Tables(Section11DbContext db, int partnershipId) => PartnershipExportTables.For(db, partnershipId);

    /// <summary>
    /// Writes the zip: one CSV per table (UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting, text that a spreadsheet
    /// would run as a formula neutralised) and the data dictionary. Returns each file's row count (header not counted).
    /// <paramref name="progress"/> hears each table's name as it starts.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> WriteZipAsync(Section11DbContext db, int partnershipId, Stream output, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var tables = Tables(db, partnershipId);
        var counts = new Dictionary<string, long>();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var dictionary = Writer(zip.CreateEntry(DictionaryFile, CompressionLevel.Optimal).Open()))
            {
                RoundExport.WriteRecord(dictionary, ["file", "column", "meaning"]);
                foreach (var table in tables)
                {
                    RoundExport.WriteRecord(dictionary, [$"{table.Name}.csv", "", table.Meaning]);
                    foreach (var column in table.Columns)
                    {
                        RoundExport.WriteRecord(dictionary, [$"{table.Name}.csv", column.Name, column.Meaning]);
                    }
                }
            }

            foreach (var table in tables)
            {
                progress?.Report(table.Name);
                await using var writer = Writer(zip.CreateEntry($"{table.Name}.csv", CompressionLevel.Optimal).Open());
                RoundExport.WriteRecord(writer, [.. table.Columns.Select(c => c.Name)]);
                var fields = new string[table.Columns.Count];
                long rows = 0;
                await foreach (var row in table.Rows().WithCancellation(ct))
                {
                    for (var i = 0; i < fields.Length; i++)
                    {
                        fields[i] = Csv(row[i]);
                    }

                    RoundExport.WriteRecord(writer, fields);
                    rows++;
                }

                counts[table.Name] = rows;
            }
        }

        return counts;
    }

    /// <summary>
    /// Writes one JSON document: <c>{"partnershipId": …, "tables": {"rounds": {"meaning": …, "columns": {…}, "rows": [{…}]}, …}}</c>,
    /// flushed as it goes. Returns each table's row count.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> WriteJsonAsync(Section11DbContext db, int partnershipId, Stream output, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var counts = new Dictionary<string, long>();
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteNumber("partnershipId", partnershipId);
        json.WriteStartObject("tables");
        foreach (var table in Tables(db, partnershipId))
        {
            progress?.Report(table.Name);
            json.WriteStartObject(table.Name);
            json.WriteString("meaning", table.Meaning);
            json.WriteStartObject("columns");
            foreach (var column in table.Columns)
            {
                json.WriteString(column.Name, column.Meaning);
            }

            json.WriteEndObject();
            json.WriteStartArray("rows");
            long rows = 0;
            await foreach (var row in table.Rows().WithCancellation(ct))
            {
                json.WriteStartObject();
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    json.WritePropertyName(table.Columns[i].Name);
                    Json(json, row[i]);
                }

                json.WriteEndObject();
                if (++rows % 1000 == 0)
                {
                    await json.FlushAsync(ct);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            counts[table.Name] = rows;
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(ct);
        return counts;
    }

    private static StreamWriter Writer(Stream entry) => new(entry, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024) { NewLine = "\r\n" };

    private static string Csv(object? value) => value switch
    {
        null => "",
        string s => RoundExport.Neutralise(s),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => RoundExport.Neutralise(value.ToString()),
    };

    private static void Json(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case bool b: json.WriteBooleanValue(b); break;
            case DateOnly d: json.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case DateTime t: json.WriteStringValue(DateTime.SpecifyKind(t, DateTimeKind.Utc)); break;
            case Enum e: json.WriteStringValue(e.ToString()); break;
            default: json.WriteStringValue(value.ToString()); break;
        }
    }
}

/// <summary>The full export's formats, and the name and type its file is downloaded with.</summary>
public static class PartnershipExportFiles
{
    public static readonly IReadOnlyList<string> Formats = ["zip", "json"];

    public static string ContentType(string format) => format == "zip" ? "application/zip" : "application/json";

    /// <summary>"northshire-safeguarding-children-partnership-data.zip".</summary>
    public static string FileName(string partnershipName, string format) => $"{ExportText.Slug(partnershipName, whenEmpty: "partnership")}-data.{format}";
}
