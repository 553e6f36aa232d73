using Section11.Core.ActionPlans;

namespace Section11.Web.Infrastructure;

/// <summary>RAG as a tag: colour and the word, never colour alone.</summary>
public static class RagTag
{
    public static string Html(Rag? rag) => rag switch
    {
        Rag.Red => "<strong class=\"govuk-tag app-tag--red\">Red</strong>",
        Rag.Amber => "<strong class=\"govuk-tag app-tag--amber\">Amber</strong>",
        Rag.Green => "<strong class=\"govuk-tag app-tag--green\">Green</strong>",
        _ => "<strong class=\"govuk-tag app-tag--grey\">Not rated</strong>",
    };

    /// <summary>
    /// The framework's definition of a RAG rating, as the area's framework words it (seed 000's "Progress/indicator
    /// RAG status" table); null when the framework defines none.
    /// </summary>
    public static string? Definition(Rag rag, Section11.Core.Frameworks.ActionPlanDefinition? plan) =>
        plan?.Rag.FirstOrDefault(r => string.Equals(r.Key, rag.ToString(), StringComparison.OrdinalIgnoreCase))?.Definition;
}
