using DocumentFormat.OpenXml;
using Section11.Core.Exports;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Section11.Core.Review.Exports;

/// <summary>
/// A feedback letter as a Word document: portrait A4, the title as Heading 1 and each part as Heading 2 (so the
/// navigation pane lists them), the grades that changed as a table with a repeated header row.
/// </summary>
public static class FeedbackLetterDocx
{
    private const int Margin = 1200;
    private const string HeaderShade = "D9D9D9";

    /// <summary>Change table widths in twips, in <see cref="LetterDocument.ChangeColumns"/> order; they fill the text width.</summary>
    private static readonly int[] ChangeWidths = [1500, 1500, 1500, 1500, WordParts.A4Short - (2 * Margin) - 6000];

    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] ToBytes(LetterDocument letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        using var stream = new MemoryStream();
        WordParts.Write(stream, letter.Title, () => Body(letter));
        return stream.ToArray();
    }

    private static IEnumerable<OpenXmlElement> Body(LetterDocument letter)
    {
        yield return WordParts.Paragraph(letter.Title, "Heading1");
        if (letter.IsDraft)
        {
            yield return WordParts.Paragraph("Draft: not sent", null, bold: true);
        }

        yield return WordParts.Paragraph(letter.Addressee, null);
        yield return WordParts.Paragraph(LetterText.Date(letter.Date), null);
        yield return new W.Paragraph();
        foreach (var paragraph in WordParts.Paragraphs(letter.Opening))
        {
            yield return paragraph;
        }

        yield return WordParts.Paragraph(FeedbackLetterSections.Changes, "Heading2");
        if (letter.Changes.Count == 0)
        {
            yield return WordParts.Paragraph(LetterDocument.NoChanges, null);
        }
        else
        {
            var table = WordParts.Table(ChangeWidths);
            table.Append(WordParts.HeaderRow(LetterDocument.ChangeColumns, ChangeWidths, HeaderShade));
            foreach (var cells in FeedbackLetterSections.Rows(letter))
            {
                table.Append(new W.TableRow(cells.Select((text, i) => WordParts.Cell(text, ChangeWidths[i], 1, null, bold: i == 2))));
            }

            yield return table;
        }

        yield return WordParts.Paragraph(FeedbackLetterSections.Strengths, "Heading2");
        foreach (var paragraph in WordParts.Paragraphs(letter.Strengths ?? LetterDocument.NoStrengths))
        {
            yield return paragraph;
        }

        yield return WordParts.Paragraph(FeedbackLetterSections.Actions, "Heading2");
        foreach (var paragraph in WordParts.Paragraphs(letter.RequiredActions ?? LetterDocument.NoActions))
        {
            yield return paragraph;
        }

        yield return WordParts.Paragraph(FeedbackLetterSections.FollowUp, "Heading2");
        yield return WordParts.Paragraph(letter.FollowUpText, null);
        yield return new W.Paragraph();
        yield return WordParts.Paragraph(letter.Signature, null);
        yield return WordParts.Section(landscape: false, Margin);
    }
}

/// <summary>The letter's headings and change rows, the same in the page, the Word document and the PDF.</summary>
public static class FeedbackLetterSections
{
    public const string Changes = "Grades that changed";
    public const string Strengths = "Strengths";
    public const string Actions = "Required actions";
    public const string FollowUp = "Follow-up";

    /// <summary>Each grade that changed as its table row's cells, in <see cref="LetterDocument.ChangeColumns"/> order.</summary>
    public static IEnumerable<string[]> Rows(LetterDocument letter) =>
        letter.Changes.Select(c => new[] { $"{c.What} {c.Text}", c.Self, c.Moderated, c.Direction, c.Reason ?? "" });
}
