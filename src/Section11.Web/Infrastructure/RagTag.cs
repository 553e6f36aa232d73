using System.Text.Encodings.Web;
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

    public static string Definition(Rag rag) => HtmlEncoder.Default.Encode(rag switch
    {
        Rag.Red => "Work is significantly behind schedule and no progress has been made, and/or progress has been made but the timescale has not been achieved.",
        Rag.Amber => "Progress is being made, progress is good and the action is likely to be achieved within timescale. Or the action has been completed but evidence is required to demonstrate achievement.",
        _ => "The action has been completed and there is a record of evidence to support its completion.",
    });
}
