using System.Globalization;
using System.IO.Compression;
using Section11.Core.Exports;
using Section11.Core.Reporting;
using Section11.Core.Reporting.Exports;
using SkiaSharp;

namespace Section11.Core.Review.Panels;

/// <summary>
/// A challenge panel's pre-read pack: a zip of one PDF per agency (the pattern of <see cref="ReturnReportZip"/>). Each
/// PDF opens with what the panel should ask about (consistency prompts, open challenges and evidence requests, last
/// round's moderated grades), then the agency's return as its report prints it (<see cref="ReturnReportPdf"/>).
/// </summary>
public static class PreReadPack
{
    public const string ContentType = "application/zip";

    public static void WritePdf(PreRead pack, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var title = $"{pack.AgencyName}: pre-read for {pack.PanelTitle}";
        using var layout = new PdfLayout();
        layout.Heading(title, 1);
        ReturnReportPdf.Labels(layout,
        [
            ("Agency", pack.AgencyName), ("Panel", pack.PanelTitle), ("Date", ReportText.Date(pack.HeldOn)), ("Where", pack.Place),
            ("Round", pack.RoundTitle), ("Partnership", pack.PartnershipName), ("Prepared", ReportText.Date(pack.GeneratedOn)),
        ]);
        List(layout, "Consistency prompts", pack.Prompts, "None: nothing in the return's answers calls for a question.");
        List(layout, "Open challenges and evidence requests", pack.OpenNotes, "None: every challenge and evidence request has been answered.");
        List(layout, pack.LastRound is { } last ? $"Last round's moderated grades ({last.RoundTitle})" : "Last round's moderated grades",
            pack.LastRound?.Lines ?? [], "None: the agency has no moderated grades from an earlier round of the partnership.");

        layout.NewPage();
        if (pack.Report is { } report)
        {
            ReturnReportPdf.Body(layout, report);
        }
        else
        {
            layout.Heading($"{pack.AgencyName}: Section 11 return", 1);
            layout.Paragraph("No return has been received from this agency yet.");
        }

        var generated = pack.GeneratedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        layout.Write(stream, new SKDocumentPdfMetadata
        {
            Title = title,
            Author = pack.PartnershipName,
            Subject = $"Challenge panel pre-read, {pack.RoundTitle}",
            Creator = "Section11",
            Producer = "Section11",
            Creation = generated,
            Modified = generated,
        }, title);
    }

    /// <summary>Writes the zip: one PDF per agency, named from a slug of the agency's name.</summary>
    public static void Write(IReadOnlyList<PreRead> packs, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(packs);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var names = ReportText.FileNames(packs.Select(p => p.AgencyName), "pdf");
        for (var i = 0; i < packs.Count; i++)
        {
            // PDF streams are deflated already.
            var entry = zip.CreateEntry(names[i], CompressionLevel.NoCompression);
            entry.LastWriteTime = new DateTimeOffset(packs[i].GeneratedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            using var file = new MemoryStream();
            WritePdf(packs[i], file);
            file.Position = 0;
            using var target = entry.Open();
            file.CopyTo(target);
        }
    }

    public static byte[] ToBytes(IReadOnlyList<PreRead> packs)
    {
        using var stream = new MemoryStream();
        Write(packs, stream);
        return stream.ToArray();
    }

    /// <summary>The zip's file name: "Pre-read pack - Panel title - 12 March 2027.zip".</summary>
    public static string FileName(string panelTitle, DateOnly heldOn) =>
        $"Pre-read pack - {ExportText.Slug(panelTitle, whenEmpty: "panel")} - {heldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.zip";

    private static void List(PdfLayout layout, string heading, IReadOnlyList<string> lines, string none)
    {
        layout.Heading(heading, 2);
        if (lines.Count == 0)
        {
            layout.Paragraph(none);
        }

        foreach (var line in lines)
        {
            layout.Paragraph(line);
        }
    }
}
