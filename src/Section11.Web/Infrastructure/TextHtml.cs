using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Section11.Core.Frameworks;

namespace Section11.Web.Infrastructure;

/// <summary>Framework text to HTML: blank lines make paragraphs, "- " lines make bullet lists. Everything is encoded.</summary>
public static class TextHtml
{
    public static IHtmlContent Format(string? text, string paragraphClass = "govuk-body")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return HtmlString.Empty;
        }

        var html = new StringBuilder();
        var paragraph = new List<string>();
        var inList = false;

        void FlushParagraph()
        {
            if (paragraph.Count > 0)
            {
                html.Append($"<p class=\"{paragraphClass}\">").Append(string.Join(" ", paragraph.Select(Encode))).Append("</p>");
                paragraph.Clear();
            }
        }

        void CloseList()
        {
            if (inList)
            {
                html.Append("</ul>");
                inList = false;
            }
        }

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                FlushParagraph();
                CloseList();
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                FlushParagraph();
                if (!inList)
                {
                    html.Append("<ul class=\"govuk-list govuk-list--bullet\">");
                    inList = true;
                }

                html.Append("<li>").Append(Encode(line[2..])).Append("</li>");
            }
            else
            {
                CloseList();
                paragraph.Add(line);
            }
        }

        FlushParagraph();
        CloseList();
        return new HtmlString(html.ToString());
    }

    /// <summary>Text a person typed: kept as typed, line breaks shown.</summary>
    public static IHtmlContent Typed(string? text) =>
        string.IsNullOrEmpty(text)
            ? new HtmlString("<span class=\"app-not-answered\">Not answered</span>")
            : new HtmlString(Encode(text).Replace("\n", "<br>", StringComparison.Ordinal));

    public static IHtmlContent RatingTag(ScaleLevel? level) =>
        level is null
            ? new HtmlString("<strong class=\"govuk-tag govuk-tag--grey\">Not rated</strong>")
            : new HtmlString($"<strong class=\"govuk-tag app-tag--{Encode(level.Colour)}\">{Encode(level.Label)}</strong>");

    private static string Encode(string s) => HtmlEncoder.Default.Encode(s);
}
