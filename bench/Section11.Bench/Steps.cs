using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Section11.Bench;

public static class Steps
{
    public static double Ms(long scheduled) => Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds;

    /// <summary>GETs a page; 200 is a success, 404 is counted apart (pages not built yet), anything else is an error.</summary>
    public static async Task<string?> GetAsync(HttpClient http, string url, string page, Recorder recorder, long scheduled)
    {
        try
        {
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            var ms = Ms(scheduled);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                recorder.Ok(page, ms, body.Length);
                return response.Content.Headers.ContentType?.MediaType?.StartsWith("text/", StringComparison.Ordinal) == true ? System.Text.Encoding.UTF8.GetString(body) : "";
            }

            recorder.Error(page, ms, $"{(int)response.StatusCode} for GET {url} {response.Headers.Location}", response.StatusCode == HttpStatusCode.NotFound);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            recorder.Error(page, Ms(scheduled), e.Message);
        }

        return null;
    }

    /// <summary>Posts a standard form with every item's evidence changed (so the save writes); a success redirects.</summary>
    public static async Task<bool> PostStandardAsync(HttpClient http, string url, List<KeyValuePair<string, string>> form, int? version, string page, Recorder recorder, long scheduled, int saveNumber)
    {
        var fields = form.Select(f => f.Key.EndsWith(".ActualEvidence", StringComparison.Ordinal)
            ? new KeyValuePair<string, string>(f.Key, Edited(f.Value, saveNumber))
            : f).ToList();
        if (version is { } v)
        {
            Forms.Set(fields, "Version", v.ToString(CultureInfo.InvariantCulture));
        }

        fields.Add(new("action", "later"));
        try
        {
            using var content = new FormUrlEncodedContent(fields);
            using var response = await http.PostAsync(url, content);
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                recorder.Ok(page, Ms(scheduled));
                return true;
            }

            recorder.Error(page, Ms(scheduled), $"{(int)response.StatusCode} for POST {url} (200 is a validation error or a conflict)");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            recorder.Error(page, Ms(scheduled), e.Message);
        }

        return false;
    }

    private static string Edited(string evidence, int n)
    {
        var cut = evidence.IndexOf(" (bench save ", StringComparison.Ordinal);
        var text = cut >= 0 ? evidence[..cut] : evidence;
        return string.Create(CultureInfo.InvariantCulture, $"{(text.Length == 0 ? "Policy in place" : text)} (bench save {n})");
    }

    /// <summary>Saving standard 1 again and again, with the version the last save left: only the POST, no page read.</summary>
    public static async Task SaveAsync(BenchUser u, Recorder recorder, long scheduled)
    {
        if (await PostStandardAsync(u.Http, u.SaveUrl, u.SaveForm!, u.SaveVersion, "standard POST", recorder, scheduled, ++u.Saves))
        {
            u.SaveVersion++;
        }
        else
        {
            // After an error start again from the page as stored.
            await Setup.SaveFormAsync(u, null);
        }
    }

    /// <summary>The completion journey, one request per step: open a standard, save it, go on to the next.</summary>
    public static async Task JourneyAsync(BenchUser u, Recorder recorder, long scheduled)
    {
        if (u.JourneyForm is null)
        {
            var html = await GetAsync(u.Http, u.StandardUrl, "journey: standard GET", recorder, scheduled);
            u.JourneyForm = html is null ? null : Forms.Fields(html);
            return;
        }

        await PostStandardAsync(u.Http, u.StandardUrl, u.JourneyForm, null, "journey: standard POST", recorder, scheduled, ++u.Saves);
        u.JourneyForm = null;
        u.Standard = (u.Standard % u.StandardCount) + 1;
    }
}
