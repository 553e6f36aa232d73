using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Data;

namespace Section11.Core.Reporting.Exports;

/// <summary>A column of the full export and what it means (the data dictionary's line).</summary>
public sealed record ExportColumn(string Name, string Meaning);

/// <summary>
/// One file of the full export: its name, what a row is, its columns, and its rows as a query read one row at a time
/// (never the whole table in memory).
/// </summary>
public sealed record ExportTable(string Name, string Meaning, IReadOnlyList<ExportColumn> Columns, Func<IAsyncEnumerable<object?[]>> Rows);

/// <summary>
/// What a partnership may see, table by table: its rounds and receipts, the returns it received (answers and
/// evaluations of the framework's items and its own local sections only, never another partnership's), sign-offs, its
/// reviews, the action plan areas of its rounds (<see cref="PlanScope"/>), and the change-log rows of those.
/// </summary>
internal static class PartnershipExportTables
{
    private static ExportColumn C(string name, string meaning) => new(name, meaning);

    // A survey result cited as evidence (docs/survey.md): appended last, so the columns before keep their places.
    private const string CitedId = "The id of the all-staff survey question cited as evidence, empty for none";
    private const string CitedText = "The cited question's text (its numbers are the agency's rows of survey_results for that question)";

    public static IReadOnlyList<ExportTable> For(Section11DbContext db, int partnershipId)
    {
        var rounds = db.Rounds.AsNoTracking().Where(r => r.PartnershipId == partnershipId);
        var receipts = db.Receipts.AsNoTracking().Where(x => x.Round.PartnershipId == partnershipId);
        var returnIds = receipts.Where(x => x.ReturnId != null).Select(x => x.ReturnId!.Value);
        var receiptIds = receipts.Select(x => x.Id);
        // The framework's standards, and the local sections of this partnership's own rounds.
        var standardIds = db.Standards.Where(s => s.RoundId == null || rounds.Any(r => r.Id == s.RoundId)).Select(s => s.Id);
        var areas = PlanScope.OfPartnerships([partnershipId]).Filter(db.ImprovementAreas.AsNoTracking(), db);
        var actions = db.PlanActions.AsNoTracking().Where(a => areas.Any(x => x.Id == a.ImprovementAreaId));
        var answers = db.Answers.AsNoTracking().Where(a => returnIds.Contains(a.ReturnId) && standardIds.Contains(a.Item.StandardId));
        var evaluations = db.StandardEvaluations.AsNoTracking().Where(e => returnIds.Contains(e.ReturnId) && standardIds.Contains(e.StandardId));

        return
        [
            new("rounds", "One row per audit round of the partnership.",
                [C("round_id", "The round's id"), C("title", "The round's title"), C("framework", "The framework's key"), C("framework_version", "The framework's version"),
                 C("opens_on", "The date the round opened (yyyy-MM-dd)"), C("due_on", "The round's return-by date"), C("launched_at", "When it was launched to agencies (UTC)"),
                 C("closed_at", "When it was closed (UTC), empty while open")],
                () => rounds.OrderBy(r => r.Id).Select(r => new object?[] { r.Id, r.Title, r.FrameworkVersion.FrameworkKey, r.FrameworkVersion.Version, r.OpensOn, r.DueOn, r.LaunchedAt, r.ClosedAt }).AsAsyncEnumerable()),
            new("receipts", "One row per agency in a round: the partnership's receipt of the agency's return, with the return's headline facts.",
                [C("receipt_id", "The receipt's id"), C("round_id", "The round (rounds.csv)"), C("agency_id", "The agency's id"), C("agency", "The agency's name"),
                 C("sector", "The agency's sector"), C("return_id", "The return received, empty while the agency chooses whether to share one"),
                 C("due_on", "This agency's return-by date (later when extended)"), C("extended", "Whether the date was extended"), C("status", "The return's status"),
                 C("submitted_at", "When it was last submitted (UTC)"), C("revision", "Times submitted (above 1: revised after submission)"),
                 C("returned_reason", "This partnership's request for changes, if any"), C("review_state", "The partnership's review of the return")],
                () => receipts.OrderBy(x => x.Id).Select(x => new object?[] { x.Id, x.RoundId, x.AgencyId, x.Agency.Name, x.Agency.Sector, x.ReturnId, x.DueOn, x.IsExtended,
                    x.Return == null ? null : x.Return.Status, x.Return == null ? null : x.Return.SubmittedAt, x.Return == null ? null : (int?)x.Return.Revision, x.ReturnedReason, x.ReviewState }).AsAsyncEnumerable()),
            new("answers", "One row per item of a return received: the agency's rating, evidence, action required and timescale.",
                [C("answer_id", "The answer's id"), C("return_id", "The return (receipts.csv)"), C("standard_number", "The standard's number"), C("item_number", "The item's number"),
                 C("rating", "The rating's key on the framework's scale"), C("evidence", "The actual evidence"), C("action_required", "The action required"), C("timescale", "The action's timescale")],
                () => answers.OrderBy(a => a.Id).Select(a => new object?[] { a.Id, a.ReturnId, a.Item.Standard.Number, a.Item.Number, a.Rating, a.ActualEvidence, a.ActionRequired, a.Timescale }).AsAsyncEnumerable()),
            new("evaluations", "One row per standard of a return received: the agency's evaluation of the standard.",
                [C("evaluation_id", "The evaluation's id"), C("return_id", "The return"), C("standard_number", "The standard's number"), C("rating", "The rating's key"), C("statement", "The supporting statement")],
                () => evaluations.OrderBy(e => e.Id).Select(e => new object?[] { e.Id, e.ReturnId, e.Standard.Number, e.Rating, e.Statement }).AsAsyncEnumerable()),
            new("sign_offs", "One row per return received that a senior signatory signed off.",
                [C("return_id", "The return"), C("signatory", "The signatory's name"), C("post_held", "Their post"), C("organisation", "Their organisation"), C("signed_on", "The date signed")],
                () => db.Returns.AsNoTracking().Where(r => returnIds.Contains(r.Id) && r.SignOff != null).OrderBy(r => r.Id)
                    .Select(r => new object?[] { r.Id, r.SignOff!.SignatoryName, r.SignOff.PostHeld, r.SignOff.Organisation, r.SignOff.SignedOn }).AsAsyncEnumerable()),
            new("moderated_ratings", "One row per moderated rating the partnership gave, beside the agency's own.",
                [C("receipt_id", "The receipt reviewed"), C("standard_id", "The standard's id"), C("item_id", "The item's id, empty for the standard's evaluation"),
                 C("rating", "The moderated rating's key"), C("reason", "Why"), C("updated_at", "When last changed (UTC)")],
                () => db.ModeratedRatings.AsNoTracking().Where(m => receiptIds.Contains(m.ReceiptId)).OrderBy(m => m.Id)
                    .Select(m => new object?[] { m.ReceiptId, m.StandardId, m.ItemId, m.Rating, m.Reason, m.UpdatedAt }).AsAsyncEnumerable()),
            new("review_notes", "One row per review note (challenge, comment or evidence request) on a receipt.",
                [C("note_id", "The note's id"), C("receipt_id", "The receipt"), C("item_id", "The item"), C("kind", "Challenge, comment or evidence request"), C("text", "The note"),
                 C("wanted_by", "When evidence is wanted by"), C("created_at", "When written (UTC)"), C("sent_at", "When sent to the agency (UTC)")],
                () => db.ReviewNotes.AsNoTracking().Where(n => receiptIds.Contains(n.ReceiptId)).OrderBy(n => n.Id)
                    .Select(n => new object?[] { n.Id, n.ReceiptId, n.ItemId, n.Kind, n.Text, n.WantedBy, n.CreatedAt, n.SentAt }).AsAsyncEnumerable()),
            new("review_answers", "One row per answer the agency sent to a review note (drafts are the agency's own and are left out).",
                [C("note_id", "The note answered"), C("receipt_id", "The receipt"), C("text", "The answer"), C("sent_at", "When sent (UTC)"),
                 C("survey_question_id", CitedId), C("survey_question", CitedText)],
                () => db.ReviewAnswers.AsNoTracking().Where(a => receiptIds.Contains(a.ReceiptId) && a.SentAt != null).OrderBy(a => a.Id)
                    .Select(a => new object?[] { a.NoteId, a.ReceiptId, a.Text, a.SentAt, a.SurveyQuestionId,
                        db.SurveyQuestions.Where(q => q.Id == a.SurveyQuestionId).Select(q => q.Text).FirstOrDefault() }).AsAsyncEnumerable()),
            new("improvement_areas", "One row per action plan area from the partnership's rounds.",
                [C("area_id", "The area's id"), C("agency_id", "The agency"), C("round_id", "The round it came from"), C("overarching_standard", "The overarching standard"),
                 C("outcome", "What the agency intends to achieve"), C("position", "Its place in the agency's plan")],
                () => areas.OrderBy(a => a.Id).Select(a => new object?[] { a.Id, a.AgencyId, a.RoundId, a.OverarchingStandard, a.Outcome, a.Position }).AsAsyncEnumerable()),
            new("actions", "One row per action of those areas.",
                [C("action_id", "The action's id"), C("area_id", "The area"), C("position", "Its place in the area"), C("action", "The specific action"), C("deadline", "Its deadline"),
                 C("lead_organisation", "The lead organisation"), C("accountable_person", "The accountable person"), C("success_indicators", "How success is measured"),
                 C("rag", "Red, Amber or Green, empty when not rated"), C("impact_and_evidence", "Impact and evidence (Green)"), C("completed_on", "When completed"),
                 C("survey_question_id", CitedId), C("survey_question", CitedText)],
                () => actions.OrderBy(a => a.Id).Select(a => new object?[] { a.Id, a.ImprovementAreaId, a.Position, a.SpecificAction, a.Deadline, a.LeadOrganisation, a.AccountablePerson,
                    a.SuccessIndicators, a.Rag, a.ImpactAndEvidence, a.CompletedOn, a.SurveyQuestionId,
                    db.SurveyQuestions.Where(q => q.Id == a.SurveyQuestionId).Select(q => q.Text).FirstOrDefault() }).AsAsyncEnumerable()),
            new("monitoring", "One row per monitoring entry of those actions (append-only).",
                [C("entry_id", "The entry's id"), C("action_id", "The action"), C("entry_date", "The date it is about"), C("kind", "What kind of entry"), C("text", "What was recorded"), C("recorded_at", "When recorded (UTC)")],
                () => db.MonitoringEntries.AsNoTracking().Where(m => actions.Any(a => a.Id == m.PlanActionId)).OrderBy(m => m.Id)
                    .Select(m => new object?[] { m.Id, m.PlanActionId, m.EntryDate, m.Kind, m.Text, m.RecordedAt }).AsAsyncEnumerable()),
            new("change_log", "One row per recorded change to the partnership's rounds and receipts, and to the returns it received (their answers and evaluations of the items it may see).",
                [C("change_id", "The change's id"), C("at", "When (UTC)"), C("entity", "What kind of thing changed"), C("entity_id", "Its id"), C("return_id", "The return it belongs to"),
                 C("field", "The field"), C("old_value", "The value before"), C("new_value", "The value after")],
                () => ChangeLog(db, rounds, receipts, returnIds, answers, evaluations).OrderBy(c => c.Id)
                    .Select(c => new object?[] { c.Id, c.At, c.EntityType, c.EntityId, c.ReturnId, c.Field, c.OldValue, c.NewValue }).AsAsyncEnumerable()),
            new("survey_results", "One row per answer counted in a round's all-staff survey, for all agencies and for each agency, as the survey's results page shows them: "
                + "a group (all staff, a role, other roles) with fewer responses than the survey's minimum group size has no rows, an agency below it has one row saying so, "
                + "and free text is only the answers an administrator marked publishable. Individual responses are never exported.",
                [C("round_id", "The round (rounds.csv)"), C("agency_id", "The agency, empty for all agencies together"), C("scope", "The agency's name, or all agencies"),
                 C("scope_responses", "How many responses the agency (or all agencies) gave"), C("question", "The question's number"), C("question_text", "The question"),
                 C("group", "All staff, a role, or other roles together"), C("answer", "The answer counted, agreeing (agree and strongly agree, or yes), a published comment, or that too few responded"),
                 C("count", "How many in the group gave the answer"), C("percent", "Their share of the group's answers to the question (whole percent)")],
                () => SurveyResults(db, rounds)),
        ];
    }

    /// <summary>
    /// The survey results of each round, through the same rules as the results page (<see cref="Surveys.SurveyResultRules"/>):
    /// one round's results are worked out at a time, from its responses' counts.
    /// </summary>
    private static async IAsyncEnumerable<object?[]> SurveyResults(Section11DbContext db, IQueryable<Rounds.Round> rounds)
    {
        var roundIds = await rounds.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        foreach (var roundId in roundIds)
        {
            if (await Surveys.SurveyService.ResultsAsync(db, roundId, CancellationToken.None) is not { } view)
            {
                continue;
            }

            foreach (var set in (IEnumerable<Surveys.SurveyResultSet>)[view.Partnership, .. view.Agencies])
            {
                foreach (var (text, count, percent) in Surveys.SurveyResultsExport.Rows([set]))
                {
                    yield return [roundId, set.AgencyId, text[0], set.Responses, text[1], text[2], text[3], text[4], count, percent];
                }
            }
        }
    }

    /// <summary>
    /// The change-log rows the partnership may see: its rounds' and receipts' own rows, and a received return's rows
    /// about the return itself or an answer or evaluation it may see (never another partnership's receipt or local section).
    /// </summary>
    private static IQueryable<Auditing.ChangeLogEntry> ChangeLog(Section11DbContext db, IQueryable<Rounds.Round> rounds, IQueryable<Returns.Receipt> receipts,
        IQueryable<int> returnIds, IQueryable<Returns.Answer> answers, IQueryable<Returns.StandardEvaluation> evaluations)
    {
        var roundKeys = rounds.Select(r => r.Id.ToString());
        var receiptKeys = receipts.Select(x => x.Id.ToString());
        var answerKeys = answers.Select(a => a.Id.ToString());
        var evaluationKeys = evaluations.Select(e => e.Id.ToString());
        return db.ChangeLog.AsNoTracking().Where(c =>
            (c.EntityType == "Round" && roundKeys.Contains(c.EntityId))
            || (c.EntityType == "Receipt" && receiptKeys.Contains(c.EntityId))
            || (c.ReturnId != null && returnIds.Contains(c.ReturnId.Value) && (
                c.EntityType == "Return"
                || (c.EntityType == "Answer" && answerKeys.Contains(c.EntityId))
                || (c.EntityType == "StandardEvaluation" && evaluationKeys.Contains(c.EntityId)))));
    }
}
