using SkiaSharp;
using Section11.Core.Exports;

namespace Section11.Core.Reporting.Charts;

/// <summary>A chart drawn as a PNG image (for Word documents), from the same shapes as the pages' SVG.</summary>
public static class ChartPng
{
    /// <summary>Pixels per chart unit: twice the SVG's size, so the image stays sharp when printed.</summary>
    public const int Scale = 2;

    public static byte[] Draw(ChartDrawing drawing)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        var info = new SKImageInfo(drawing.Width * Scale, drawing.Height * Scale);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(Scale);
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var outline = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1, Color = SKColors.White };
        foreach (var r in drawing.Rects)
        {
            var rect = SKRect.Create(r.X, r.Y, r.Width, r.Height);
            fill.Color = SKColor.Parse(r.Fill);
            canvas.DrawRect(rect, fill);
            if (r.Outlined)
            {
                canvas.DrawRect(rect, outline);
            }
        }

        foreach (var t in drawing.Texts)
        {
            using var font = new SKFont(PdfLayout.Regular, t.Size);
            fill.Color = SKColor.Parse(t.Fill);
            var align = t.Anchor switch { ChartAnchor.Middle => SKTextAlign.Center, ChartAnchor.End => SKTextAlign.Right, _ => SKTextAlign.Left };
            canvas.DrawText(t.Text, t.X, t.Y, align, font, fill);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
