using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using QRCoder;

namespace Section11.Web.Infrastructure;

/// <summary>
/// A QR code drawn as SVG (one path of dark squares with the quiet zone around it), so it prints sharp at any size
/// on a poster. Drawn here from QRCoder's module matrix rather than its SVG renderer, which writes style attributes
/// the Content-Security-Policy forbids.
/// </summary>
public static class QrSvg
{
    public static IHtmlContent For(string text, string id, string title)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix; // includes the four-module quiet zone
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (matrix[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        var e = HtmlEncoder.Default;
        return new HtmlString(
            $"<svg class=\"app-qr\" id=\"{e.Encode(id)}\" role=\"img\" aria-labelledby=\"{e.Encode(id)}-title\" viewBox=\"0 0 {size} {size}\" width=\"160\" height=\"160\" shape-rendering=\"crispEdges\" focusable=\"false\">"
            + $"<title id=\"{e.Encode(id)}-title\">{e.Encode(title)}</title><rect width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/><path d=\"{path}\" fill=\"#0b0c0c\"/></svg>");
    }
}
