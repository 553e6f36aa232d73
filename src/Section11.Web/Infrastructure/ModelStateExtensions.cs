using Microsoft.AspNetCore.Mvc.ModelBinding;
using Section11.Core.Returns;

namespace Section11.Web.Infrastructure;

public static class ModelStateExtensions
{
    public static string? ErrorFor(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public static void AddErrors(this ModelStateDictionary modelState, IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            modelState.AddModelError(error.Key, error.Message);
        }
    }

    /// <summary>The id the error summary links to for a key: "Answers[2].Rating" → "Answers-2-Rating".</summary>
    public static string FieldId(string key) => key.Replace('.', '-').Replace('[', '-').Replace("]", "", StringComparison.Ordinal);
}
