using System.IO.Compression;

namespace Section11.Core.Reporting.Exports;

/// <summary>A whole round's reports in one zip: one file per agency, named from a slug of the agency's name.</summary>
public static class ReturnReportZip
{
    public const string ContentType = "application/zip";

    /// <summary>The formats a round can be downloaded in, by their file extension.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["docx", "pdf"];

    /// <summary>Writes the zip; <paramref name="format"/> is "docx" or "pdf".</summary>
    public static void Write(IReadOnlyList<ReturnReport> reports, string format, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(reports);
        Action<ReturnReport, Stream> write = format switch
        {
            "docx" => ReturnReportDocx.Write,
            "pdf" => ReturnReportPdf.Write,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Reports are made as docx or pdf"),
        };

        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var names = ReportText.FileNames(reports, format);
        for (var i = 0; i < reports.Count; i++)
        {
            // Both formats are compressed already (docx is a zip, PDF streams are deflated).
            var entry = zip.CreateEntry(names[i], CompressionLevel.NoCompression);
            entry.LastWriteTime = new DateTimeOffset(reports[i].GeneratedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            using var file = new MemoryStream();
            write(reports[i], file);
            file.Position = 0;
            using var target = entry.Open();
            file.CopyTo(target);
        }
    }

    public static byte[] ToBytes(IReadOnlyList<ReturnReport> reports, string format)
    {
        using var stream = new MemoryStream();
        Write(reports, format, stream);
        return stream.ToArray();
    }
}
