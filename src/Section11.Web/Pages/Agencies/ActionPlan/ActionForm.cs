using Section11.Web.Infrastructure;
using Section11.Core.ActionPlans;
using Section11.Core.Returns;

namespace Section11.Web.Pages.Agencies.ActionPlan;

/// <summary>An action as the form posts it: text as typed, dates as three boxes.</summary>
public sealed class ActionForm
{
    public string? SpecificAction { get; set; }
    public DateForm Deadline { get; set; } = new();
    public string? LeadOrganisation { get; set; }
    public string? AccountablePerson { get; set; }
    public string? SuccessIndicators { get; set; }
    public DateForm SuccessIndicatorsBy { get; set; } = new();
    public string? Rag { get; set; }
    public string? ImpactAndEvidence { get; set; }
    public DateForm CompletedOn { get; set; } = new();

    /// <summary>The survey result cited as evidence: a question's id, or empty for none.</summary>
    public string? SurveyQuestionId { get; set; }

    public ActionInput ToInput() => new(SpecificAction, Deadline.ToInput(), LeadOrganisation, AccountablePerson, SuccessIndicators,
        SuccessIndicatorsBy.ToInput(), ImpactAndEvidence, string.IsNullOrEmpty(Rag) ? null : Rag, CompletedOn.ToInput(),
        SurveyCitationField.Read(SurveyQuestionId));

    public static DateForm Date(DateOnly? date)
    {
        var d = DateInput.From(date);
        return new DateForm { Day = d.Day, Month = d.Month, Year = d.Year };
    }

    public static ActionForm From(PlanAction a) => new()
    {
        SpecificAction = a.SpecificAction,
        Deadline = Date(a.Deadline),
        LeadOrganisation = a.LeadOrganisation,
        AccountablePerson = a.AccountablePerson,
        SuccessIndicators = a.SuccessIndicators,
        SuccessIndicatorsBy = Date(a.SuccessIndicatorsBy),
        Rag = a.Rag?.ToString(),
        ImpactAndEvidence = a.ImpactAndEvidence,
        CompletedOn = Date(a.CompletedOn),
        SurveyQuestionId = a.SurveyQuestionId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
