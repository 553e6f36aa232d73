using Section11.Core.ActionPlans.Exports;
using Section11.Core.Exports;
using SkiaSharp;

namespace Section11.Core.Review.Exports;

/// <summary>A feedback letter as a PDF, in the same order as the Word version, "Page N of M" in every footer.</summary>
public static class FeedbackLetterPdf
{
    public const string ContentType = "application/pdf";

    private static readonly SKColor HeaderFill = SKColor.Parse("#" + ActionPlanExport.HeaderShade);

    /// <summary>Change table column weights, in <see cref="LetterDocument.ChangeColumns"/> order.</summary>
    private static readonly float[] ChangeWeights = [2.2f, 1.4f, 1.4f, 1.4f, 3.6f];

    public static byte[] ToBytes(LetterDocument letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        using var layout = new PdfLayout();
        layout.Heading(letter.Title, 1);
        if (letter.IsDraft)
        {
            layout.Paragraph("Draft: not sent", bold: true);
        }

        layout.Paragraph(letter.Addressee);
        layout.Paragraph(LetterText.Date(letter.Date));
        layout.Paragraph(letter.Opening);

        layout.Heading(FeedbackLetterSections.Changes, 2);
        if (letter.Changes.Count == 0)
        {
            layout.Paragraph(LetterDocument.NoChanges);
        }
        else
        {
            layout.Table(ChangeWeights, new PdfRow([.. LetterDocument.ChangeColumns.Select(c => new PdfCell(c, true, HeaderFill))]),
                FeedbackLetterSections.Rows(letter).Select(cells => new PdfRow([.. cells.Select((text, i) => new PdfCell(text, Bold: i == 2))])));
        }

        layout.Heading(FeedbackLetterSections.Strengths, 2);
        layout.Paragraph(letter.Strengths ?? LetterDocument.NoStrengths);
        layout.Heading(FeedbackLetterSections.Actions, 2);
        layout.Paragraph(letter.RequiredActions ?? LetterDocument.NoActions);
        layout.Heading(FeedbackLetterSections.FollowUp, 2);
        layout.Paragraph(letter.FollowUpText);
        layout.Space(12);
        layout.Paragraph(letter.Signature);

        var date = letter.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        using var stream = new MemoryStream();
        layout.Write(stream, new SKDocumentPdfMetadata
        {
            Title = letter.Title,
            Author = letter.PartnershipName,
            Subject = $"Feedback letter to {letter.AgencyName}",
            Creator = "Section11",
            Producer = "Section11",
            Creation = date,
            Modified = date,
        }, letter.Title);
        return stream.ToArray();
    }
}
