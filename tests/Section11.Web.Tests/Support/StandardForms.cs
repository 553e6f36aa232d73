namespace Section11.Web.Tests.Support;

/// <summary>Fills a standard page's form the way a person would.</summary>
public static class StandardForms
{
    public static int ItemCount(HtmlClient.Page page) =>
        page.Document.QuerySelectorAll("input[name$='.ItemId']").Length;

    /// <summary>Every item rated <paramref name="rating"/> with evidence, and the standard evaluated the same way.</summary>
    public static Dictionary<string, string?> Complete(HtmlClient.Page page, string rating, string? action = null, (string D, string M, string Y)? timescale = null)
    {
        var values = new Dictionary<string, string?>();
        for (var i = 0; i < ItemCount(page); i++)
        {
            values[$"Answers[{i}].Rating"] = rating;
            values[$"Answers[{i}].ActualEvidence"] = $"Safeguarding policy section {i + 1}, reviewed 2026.";
            values[$"Answers[{i}].ActionRequired"] = action;
            values[$"Answers[{i}].Timescale.Day"] = timescale?.D;
            values[$"Answers[{i}].Timescale.Month"] = timescale?.M;
            values[$"Answers[{i}].Timescale.Year"] = timescale?.Y;
        }

        values["Evaluation.Rating"] = rating;
        values["Evaluation.Statement"] = "Policies are in place, known to staff and audited.";
        return values;
    }
}
