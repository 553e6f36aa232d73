using System.Net;
using System.Text;
using AngleSharp;
using AngleSharp.Dom;

namespace Section11.Web.Tests.Support;

/// <summary>Posts what no page of ours would send, the way an attacker with a valid session would.</summary>
public static class ForgedPosts
{
    /// <summary>The antiforgery token of the signed-in client (any of its pages' forms carries it).</summary>
    public static async Task<string> TokenAsync(this HtmlClient client, string url) =>
        (await client.GetAsync(url)).Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"No antiforgery token on {url}");

    public static HttpContent Form(string token, IEnumerable<(string Key, string Value)> fields) =>
        new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]);

    public static HttpContent Form(string token, params (string Key, string Value)[] fields) => Form(token, fields.AsEnumerable());

    /// <summary>A multipart body cut off before its closing boundary.</summary>
    public static HttpContent TruncatedMultipart(string token)
    {
        var content = new StringContent(
            $"--b\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n--b\r\nContent-Disposition: form-data; name=\"Text\"\r\n\r\nhalf a sent", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        return content;
    }

    /// <summary>A body over the limit, with its length declared (Content-Length) or not (streamed, chunked).</summary>
    public static HttpContent Oversized(string token, bool declared)
    {
        // 40 fields of 240 KB: each under the field limit, together over the body limit.
        var bytes = Encoding.ASCII.GetBytes($"__RequestVerificationToken={token}" + string.Concat(Enumerable.Range(0, 40).Select(i => $"&f{i}=" + new string('a', 240 * 1024))));
        HttpContent content = declared ? new ByteArrayContent(bytes) : new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        return content;
    }

    public sealed record Answer(HttpStatusCode Status, string H1, IReadOnlyList<string> ErrorSummary, string Text);

    public static async Task<Answer> SendAsync(this HtmlClient client, string url, HttpContent content)
    {
        using var response = await client.Http.PostAsync(url, content);
        var html = await response.Content.ReadAsStringAsync();
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        return new(response.StatusCode, document.QuerySelector("h1")?.TextContent.Trim() ?? "",
            [.. document.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim())],
            document.QuerySelector("main")?.TextContent ?? "");
    }

    /// <summary>A stream that does not say how long it is, so the client sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
