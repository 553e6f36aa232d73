using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section11.Core.Returns;

namespace Section11.Web.Infrastructure;

public static class ModelStateExtensions
{
    public static string? ErrorFor(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public const string ErrorOrderKey = "ErrorOrder";

    /// <summary>
    /// Adds the errors and remembers their order, because ModelState does not keep it and the error summary must
    /// list problems in the order the fields appear on the page. The page is drawn again with its error summary at
    /// 200 for what a person typed, and at 400 when the form said something the page never offers.
    /// </summary>
    public static void AddErrors(this PageModel page, IEnumerable<FieldError> errors)
    {
        var order = page.ViewData[ErrorOrderKey] as List<string> ?? [];
        foreach (var error in errors)
        {
            if (error.Tampered)
            {
                page.Response.StatusCode = StatusCodes.Status400BadRequest;
            }

            page.ModelState.AddModelError(error.Key, error.Message);
            if (!order.Contains(error.Key))
            {
                order.Add(error.Key);
            }
        }

        page.ViewData[ErrorOrderKey] = order;
    }

    /// <summary>
    /// Where the error summary links for a key: its field's id, or for a date input (_DateInput, whose day box has
    /// the date's id) the first box the error is about, as the boxes were sent: "must include a month" → the month.
    /// </summary>
    public static string SummaryTarget(this ModelStateDictionary modelState, string key)
    {
        var id = FieldId(key);
        string? Sent(string part) => modelState.TryGetValue($"{key}.{part}", out var entry) ? entry.AttemptedValue : null;
        if (!modelState.ContainsKey($"{key}.Day") && !modelState.ContainsKey($"{key}.Month") && !modelState.ContainsKey($"{key}.Year"))
        {
            return id;
        }

        var wrong = new DateInput(Sent("Day"), Sent("Month"), Sent("Year")).WrongParts;
        return wrong.HasFlag(DateParts.Day) ? id : wrong.HasFlag(DateParts.Month) ? $"{id}-month" : $"{id}-year";
    }

    /// <summary>The id the error summary links to for a key: "Answers[2].Rating" → "Answers-2-Rating".</summary>
    public static string FieldId(string key) => key.Replace('.', '-').Replace('[', '-').Replace("]", "", StringComparison.Ordinal);
}
