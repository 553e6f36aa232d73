using Section11.Core.Returns;
using Section11.Web.Infrastructure;

namespace Section11.Web.Pages.Returns;

/// <summary>What the standard page posts for one item. Everything is text so nothing typed is lost on an error.</summary>
public sealed class AnswerForm
{
    public int ItemId { get; set; }
    public string? Rating { get; set; }
    public string? ActualEvidence { get; set; }
    public string? ActionRequired { get; set; }
    public DateForm Timescale { get; set; } = new();

    public static AnswerForm From(Answer a)
    {
        var date = DateInput.From(a.Timescale);
        return new()
        {
            ItemId = a.ItemId,
            Rating = a.Rating,
            ActualEvidence = a.ActualEvidence,
            ActionRequired = a.ActionRequired,
            Timescale = new DateForm { Day = date.Day, Month = date.Month, Year = date.Year },
        };
    }

    public AnswerValues ToValues() => new(ItemId, Blank(Rating), ActualEvidence, ActionRequired, Timescale.ToInput());

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

public sealed class EvaluationForm
{
    public string? Rating { get; set; }
    public string? Statement { get; set; }

    public EvaluationValues ToValues() => new(string.IsNullOrWhiteSpace(Rating) ? null : Rating, Statement);
}
