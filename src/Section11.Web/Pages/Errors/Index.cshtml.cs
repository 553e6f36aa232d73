using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Section11.Web.Pages.Errors;

/// <summary>The page behind every error status, in plain words.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class IndexModel : PageModel
{
    public string Heading { get; private set; } = "";
    public IReadOnlyList<string> Lines { get; private set; } = [];

    /// <summary>The request's id, which every log line written while serving it carries (RequestId): for support.</summary>
    public string? RequestId { get; private set; }

    /// <summary>On a failed POST, the text the person typed, so a 500 does not lose it.</summary>
    public IReadOnlyList<Infrastructure.TypedText.Field> Typed { get; private set; } = [];

    // The code is read from the route, not model-bound: binding would read the posted form, and when that form is
    // the reason for the error (unreadable), binding failed, the code became 0 and the page answered 404.
    public void OnGet() => Describe(Code);

    public void OnPost()
    {
        Describe(Code);
        if (Code >= 500 && Request.HasFormContentType)
        {
            // The form was read (and cached) before the failure, so this reads no body again.
            Typed = Infrastructure.TypedText.From(Request.Form);
        }
    }

    private int Code => int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 404;

    private void Describe(int code)
    {
        if (code == 400 && HttpContext.Features.Get<Infrastructure.UnreadableForm>() is { } unreadable)
        {
            Response.StatusCode = code;
            (Heading, Lines) = ("Your form could not be read", [
                unreadable.Reason,
                "Nothing was saved.",
                "Go back, reload the page and try again. If you pasted text from another document, paste it as plain text, or in smaller parts.",
            ]);
            return;
        }

        // Only shown when re-executed for an error; a direct visit keeps the status it names.
        Response.StatusCode = code is >= 400 and < 600 ? code : 404;
        RequestId = code >= 500 ? HttpContext.TraceIdentifier : null;
        (Heading, Lines) = code switch
        {
            400 => ("Sorry, there is a problem with that request", (IReadOnlyList<string>)["The form sent was not one this service made, so nothing was saved.", "Go back, reload the page and try again."]),
            403 => ("You do not have permission to do that", (IReadOnlyList<string>)["Ask your agency's safeguarding lead if you need to change this return."]),
            409 => ("This return can no longer be changed", (IReadOnlyList<string>)["It has been submitted, so nothing was saved. You can still read and print it."]),
            429 => ("Too many requests from your network", (IReadOnlyList<string>)["A lot has been sent from your network in the last minute, so nothing was saved.", "Wait a minute, then go back and send it again."]),
            404 => ("Page not found", (IReadOnlyList<string>)["If you typed the web address, check it is correct.", "If you pasted the web address, check you copied the entire address."]),
            _ => ("Sorry, there is a problem with the service", (IReadOnlyList<string>)["Try again later. Your saved answers are safe."]),
        };
    }
}
