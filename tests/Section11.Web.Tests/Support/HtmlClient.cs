using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Section11.Web.Tests.Support;

/// <summary>
/// Drives the server-rendered pages the way a browser without JavaScript does: fetch a page, fill in its form,
/// post it with the buttons and hidden fields the page rendered (antiforgery token included).
/// </summary>
public sealed class HtmlClient(HttpClient http, Section11Factory? factory = null) : IDisposable
{
    public HttpClient Http { get; } = http;

    public sealed record Page(HttpResponseMessage Response, IDocument Document)
    {
        public HttpStatusCode Status => Response.StatusCode;
        public string? Location => Response.Headers.Location?.OriginalString;
        public string Title => Document.Title ?? "";
        public string H1 => Document.QuerySelector("h1")?.TextContent.Trim() ?? "";

        public IReadOnlyList<string> ErrorSummary =>
            [.. Document.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim())];

        public IReadOnlyList<string> ErrorSummaryLinks =>
            [.. Document.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href") ?? "")];

        public string Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"No {selector} on {Title}");

        public string? Value(string name) =>
            Document.QuerySelector($"[name='{name}']:is(input:not([type=radio]):not([type=checkbox]), textarea)") switch
            {
                IHtmlTextAreaElement t => t.Value,
                IHtmlInputElement i => i.Value,
                _ => Document.QuerySelector<IHtmlInputElement>($"input[name='{name}']:checked")?.Value,
            };
    }

    public async Task<Page> GetAsync(string url) => await ReadAsync(await Http.GetAsync(url));

    /// <summary>Follows redirects like a browser, so a test sees the page a person lands on.</summary>
    public async Task<Page> FollowAsync(Page page)
    {
        for (var hops = 0; page.Location is { } location && hops < 5; hops++)
        {
            page = await GetAsync(location);
        }

        return page;
    }

    /// <summary>
    /// Posts a form as a browser would, with <paramref name="values"/> over its fields; <paramref name="formAction"/> is
    /// the address of a submit button that has a formaction of its own.
    /// </summary>
    public async Task<Page> SubmitAsync(Page page, IDictionary<string, string?> values, string? button = null, string formSelector = "main form", string? formAction = null)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form on {page.Title}");
        var fields = FormFields(form);
        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        if (button is not null)
        {
            var (name, value) = button.Split('=') is [var n, var v] ? (n, v) : ("action", button);
            fields.Add(new(name, value));
        }

        return await PostAsync(formAction ?? (form.GetAttribute("action") is { Length: > 0 } action ? action : page.Response.RequestMessage!.RequestUri!.PathAndQuery), fields);
    }

    public async Task<Page> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await ReadAsync(await Http.PostAsync(url, content));
    }

    /// <summary>What a browser would send for the form as rendered: hidden and text fields, checked radios and boxes, selects.</summary>
    public static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "radio" or "checkbox", IsChecked: false }:
                case IHtmlInputElement { Type: "submit" or "button" }:
                    continue;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, select.Value ?? ""));
                    break;
            }
        }

        return fields;
    }

    /// <summary>
    /// Signs in as a person would: password, then the code their authenticator app would show (read from the
    /// database through the factory). Returns the last response, a redirect to where they were going once signed in.
    /// </summary>
    public async Task<Page> SignInAsync(string email, string password = Section11Factory.Password)
    {
        var page = await GetAsync("/sign-in");
        var result = await SubmitAsync(page, new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });
        if (factory is null || result.Location?.StartsWith("/sign-in/code", StringComparison.Ordinal) != true)
        {
            return result;
        }

        var codePage = await GetAsync(result.Location);
        return await SubmitAsync(codePage, new Dictionary<string, string?> { ["Code"] = await factory.NextCodeAsync(email) });
    }

    private static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        return new Page(response, document);
    }

    public void Dispose() => Http.Dispose();
}
