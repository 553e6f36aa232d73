using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Section11.Core.ActionPlans.Exports;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Section11.Core.Exports;

/// <summary>The Word building blocks every export shares: the package with its styles, paragraphs, bordered tables and cells.</summary>
internal static class WordParts
{
    /// <summary>A4 in twentieths of a point.</summary>
    public const int A4Short = 11906, A4Long = 16838;

    /// <summary>
    /// Writes a document to <paramref name="stream"/>: core properties (title), en-GB styles with Heading 1 to 3, Word 2013+
    /// compatibility, then the body <paramref name="content"/> returns (which must end with its section properties).
    /// </summary>
    public static void Write(Stream stream, string title, Func<IEnumerable<OpenXmlElement>> content) => Write(stream, title, _ => content());

    /// <summary>As <see cref="Write(Stream, string, Func{IEnumerable{OpenXmlElement}})"/>, for content that adds parts (images) to the main part.</summary>
    public static void Write(Stream stream, string title, Func<MainDocumentPart, IEnumerable<OpenXmlElement>> content)
    {
        using var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        document.PackageProperties.Title = ExportText.Clean(title);
        document.PackageProperties.Creator = "Section 11";
        var main = document.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
        main.AddNewPart<DocumentSettingsPart>().Settings = new W.Settings(new W.Compatibility(new W.CompatibilitySetting
        {
            Name = W.CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15",
        }));
        main.Document = new W.Document(new W.Body(content(main)));
    }

    /// <summary>
    /// A paragraph holding a PNG, scaled to <paramref name="widthTwips"/> wide, with <paramref name="description"/> as
    /// its alternative text. <paramref name="id"/> must be unique in the document.
    /// </summary>
    public static W.Paragraph Image(MainDocumentPart main, byte[] png, int pixelWidth, int pixelHeight, int widthTwips, string description, uint id)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var data = new MemoryStream(png))
        {
            part.FeedData(data);
        }

        var cx = widthTwips * 635L; // 635 EMU to a twip
        var cy = cx * pixelHeight / pixelWidth;
        var name = $"Chart {id.ToString(CultureInfo.InvariantCulture)}";
        var picture = new PIC.Picture(
            new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0, Name = name + ".png", Description = ExportText.Clean(description) }, new PIC.NonVisualPictureDrawingProperties()),
            new PIC.BlipFill(new A.Blip { Embed = main.GetIdOfPart(part) }, new A.Stretch(new A.FillRectangle())),
            new PIC.ShapeProperties(
                new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = name, Description = ExportText.Clean(description) },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0,
        };
        return new W.Paragraph(new W.Run(new W.Drawing(inline)));
    }

    public static W.SectionProperties Section(bool landscape, int margin) => new(
        landscape
            ? new W.PageSize { Width = A4Long, Height = A4Short, Orient = W.PageOrientationValues.Landscape }
            : new W.PageSize { Width = A4Short, Height = A4Long },
        new W.PageMargin { Top = margin, Right = (uint)margin, Bottom = margin, Left = (uint)margin, Header = 360, Footer = 360, Gutter = 0 });

    /// <summary>A fixed-layout table with single borders and the given column widths (twips).</summary>
    public static W.Table Table(IReadOnlyList<int> widths) => new(
        new W.TableProperties(
            new W.TableWidth { Width = Twips(widths.Sum()), Type = W.TableWidthUnitValues.Dxa },
            new W.TableBorders(
                new W.TopBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                new W.LeftBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                new W.BottomBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                new W.RightBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "auto" }),
            new W.TableLayout { Type = W.TableLayoutValues.Fixed },
            new W.TableCellMarginDefault(
                new W.TopMargin { Width = "40", Type = W.TableWidthUnitValues.Dxa },
                new W.TableCellLeftMargin { Width = 80, Type = W.TableWidthValues.Dxa },
                new W.BottomMargin { Width = "40", Type = W.TableWidthUnitValues.Dxa },
                new W.TableCellRightMargin { Width = 80, Type = W.TableWidthValues.Dxa }),
            new W.TableLook { Val = "04A0" }),
        new W.TableGrid(widths.Select(w => new W.GridColumn { Width = Twips(w) })));

    /// <summary>A header row that Word repeats at the top of every page the table runs onto.</summary>
    public static W.TableRow HeaderRow(IReadOnlyList<string> texts, IReadOnlyList<int> widths, string shade)
    {
        var header = new W.TableRow(new W.TableRowProperties(new W.TableHeader()));
        header.Append(texts.Select((text, i) => Cell(text, widths[i], 1, shade, bold: true)));
        return header;
    }

    public static W.Paragraph Paragraph(string text, string? style, bool bold = false)
    {
        var paragraph = new W.Paragraph();
        if (style is not null)
        {
            paragraph.Append(new W.ParagraphProperties(new W.ParagraphStyleId { Val = style }));
        }

        paragraph.Append(Run(ExportText.Clean(text), bold));
        return paragraph;
    }

    /// <summary>One paragraph per line of <paramref name="text"/>, so typed line breaks survive.</summary>
    public static IEnumerable<W.Paragraph> Paragraphs(string text) =>
        ExportText.Clean(text).Split('\n').Select(line => Paragraph(line, null));

    /// <summary>A table cell with one paragraph per line of <paramref name="text"/> (at least one, as Word requires).</summary>
    public static W.TableCell Cell(string text, int width, int span, string? shade, bool bold)
    {
        var properties = new W.TableCellProperties(new W.TableCellWidth { Width = Twips(width), Type = W.TableWidthUnitValues.Dxa });
        if (span > 1)
        {
            properties.Append(new W.GridSpan { Val = span });
        }

        if (shade is not null)
        {
            properties.Append(new W.Shading { Val = W.ShadingPatternValues.Clear, Color = "auto", Fill = shade });
        }

        var cell = new W.TableCell(properties);
        foreach (var line in ExportText.Clean(text).Split('\n'))
        {
            var run = Run(line, bold);
            cell.Append(run.HasChildren ? new W.Paragraph(run) : new W.Paragraph());
        }

        return cell;
    }

    private static W.Run Run(string text, bool bold)
    {
        var run = new W.Run();
        if (bold)
        {
            run.Append(new W.RunProperties(new W.Bold()));
        }

        if (text.Length > 0)
        {
            run.Append(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    private static string Twips(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static W.Style Heading(int level, int halfPoints) => new(
        new W.StyleName { Val = $"heading {level}" },
        new W.BasedOn { Val = "Normal" },
        new W.NextParagraphStyle { Val = "Normal" },
        new W.UIPriority { Val = 9 },
        new W.PrimaryStyle(),
        new W.StyleParagraphProperties(
            new W.KeepNext(),
            new W.SpacingBetweenLines { Before = level == 1 ? "0" : "240", After = "120" },
            new W.OutlineLevel { Val = level - 1 }),
        new W.StyleRunProperties(new W.Bold(), new W.FontSize { Val = Twips(halfPoints) }, new W.FontSizeComplexScript { Val = Twips(halfPoints) }))
    {
        Type = W.StyleValues.Paragraph, StyleId = $"Heading{level}",
    };

    private static W.Styles Styles() => new(
        new W.DocDefaults(
            new W.RunPropertiesDefault(new W.RunPropertiesBaseStyle(
                new W.RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial", EastAsia = "Arial" },
                new W.FontSize { Val = "20" },
                new W.FontSizeComplexScript { Val = "20" },
                new W.Languages { Val = "en-GB" })),
            new W.ParagraphPropertiesDefault(new W.ParagraphPropertiesBaseStyle(
                new W.SpacingBetweenLines { After = "0", Line = "259", LineRule = W.LineSpacingRuleValues.Auto }))),
        new W.Style(new W.StyleName { Val = "Normal" }, new W.PrimaryStyle())
        {
            Type = W.StyleValues.Paragraph, StyleId = "Normal", Default = true,
        },
        Heading(1, 32),
        Heading(2, 26),
        Heading(3, 22),
        new W.Style(new W.StyleName { Val = "Normal Table" }, new W.UIPriority { Val = 99 }, new W.SemiHidden(), new W.UnhideWhenUsed(),
            new W.StyleTableProperties(
                new W.TableIndentation { Width = 0, Type = W.TableWidthUnitValues.Dxa },
                new W.TableCellMarginDefault(
                    new W.TopMargin { Width = "0", Type = W.TableWidthUnitValues.Dxa },
                    new W.TableCellLeftMargin { Width = 108, Type = W.TableWidthValues.Dxa },
                    new W.BottomMargin { Width = "0", Type = W.TableWidthUnitValues.Dxa },
                    new W.TableCellRightMargin { Width = 108, Type = W.TableWidthValues.Dxa })))
        {
            Type = W.StyleValues.Table, StyleId = "TableNormal", Default = true,
        });
}
