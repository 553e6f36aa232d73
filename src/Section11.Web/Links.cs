namespace Section11.Web;

/// <summary>
/// Every address the app links or redirects to, spelt once. Pages declare their routes with <c>@page</c>; this
/// class is the other half, so a route change is one edit here and a grep for the method finds every caller.
/// A test (LinksTests) fails on a hand-built app address anywhere else under Pages and Infrastructure.
/// </summary>
public static class Links
{
    // Signed-out and own account
    public static string Home() => "/";
    public static string Accessibility() => "/accessibility";
    public static string Cookies() => "/cookies";
    public static string SignIn(string? returnUrl = null) => "/sign-in" + Query(returnUrl);
    public static string SignInCode(string? returnUrl = null) => "/sign-in/code" + Query(returnUrl);
    public static string SignInRecoveryCode(string? returnUrl = null) => "/sign-in/recovery-code" + Query(returnUrl);
    public static string SignInExternalCallback(string? returnUrl = null) => "/sign-in/external/callback" + Query(returnUrl);
    public static string SignInExternal() => "/sign-in/external";
    public static string SignOut() => "/sign-out";
    public static string SignOutEverywhere() => "/sign-out?everywhere=true";
    public static string KeepAlive() => "/session/keep-alive";
    public static string YourAccount() => "/account";
    public static string ChangePassword() => "/account/change-password";
    public static string ForgotPassword() => "/account/forgot-password";
    public static string ForgotPasswordSent() => "/account/forgot-password/sent";
    public static string ResetPasswordDone() => "/account/reset-password/done";
    public static string SetUpMfa(string? returnUrl = null) => "/account/set-up-mfa" + Query(returnUrl);
    public static string RecoveryCodes(string? returnUrl = null) => "/account/recovery-codes" + Query(returnUrl);
    public static string AccountHandler(string handler) => $"/account?handler={handler}";
    public static string AcceptRole(int grantId) => $"/account/roles/{grantId}";

    // Platform administrators' accounts pages
    public static string Accounts() => "/accounts";
    public static string Account(string userId) => $"/accounts/{Uri.EscapeDataString(userId)}";
    public static string DeactivateAccount(string userId) => $"{Account(userId)}/deactivate";
    public static string ReactivateAccount(string userId) => $"{Account(userId)}/reactivate";

    // Returns
    public static string Return(int returnId) => $"/returns/{returnId}";
    public static string Standard(int returnId, int number) => $"/returns/{returnId}/standards/{number}";

    /// <summary>A standard's page; a partnership's own local section carries its round, as two of a shared return may share a number.</summary>
    public static string Standard(int returnId, Core.Frameworks.Standard standard) =>
        standard.RoundId is { } round ? $"{Standard(returnId, standard.Number)}?round={round}" : Standard(returnId, standard.Number);
    /// <summary>An item's place on its standard page (and, prefixed "answer-", on the read-only view).</summary>
    public static string ItemAnchor(string itemNumber) => $"item-{itemNumber.Replace('.', '-')}";

    /// <summary>Where a consistency prompt points for the agency: the item or evaluation on its standard page, or the action.</summary>
    public static string PromptOnStandardPage(int returnId, int agencyId, Core.Review.ConsistencyPrompt prompt) =>
        prompt.ActionId is { } actionId ? PlanAction(agencyId, actionId)
        : $"{Standard(returnId, prompt.Standard!)}#{(prompt.ItemNumber is { } item ? ItemAnchor(item) : "evaluation")}";

    /// <summary>Where a consistency prompt points on the read-only view: the item or standard further down, or the action.</summary>
    public static string PromptOnView(int agencyId, Core.Review.ConsistencyPrompt prompt) =>
        prompt.ActionId is { } actionId ? PlanAction(agencyId, actionId)
        : prompt.ItemNumber is { } item ? $"#answer-{ItemAnchor(item)}" : $"#standard-{prompt.StandardNumber}";
    public static string CheckAnswers(int returnId) => $"/returns/{returnId}/check-answers";
    public static string SendForSignOff(int returnId) => $"{CheckAnswers(returnId)}?handler=SendForSignOff";
    public static string Withdraw(int returnId) => $"{ViewReturn(returnId)}?handler=Withdraw";
    public static string SignOff(int returnId) => $"/returns/{returnId}/sign-off";
    public static string Confirmation(int returnId) => $"/returns/{returnId}/confirmation";
    public static string ViewReturn(int returnId) => $"/returns/{returnId}/view";
    public static string Assignments(int returnId) => $"/returns/{returnId}/assignments";

    /// <summary>The agency's side of one partnership's review of its return: the challenges and its answers (docs/review.md).</summary>
    public static string ReturnReview(int returnId, int receiptId) => $"/returns/{returnId}/reviews/{receiptId}";

    public static string ReturnReviewHandler(int returnId, int receiptId, string handler) => $"{ReturnReview(returnId, receiptId)}?handler={handler}";
    public static string ReturnHistory(int returnId) => $"/returns/{returnId}/history";
    /// <summary>The return's report for one of the rounds it goes to (<paramref name="roundId"/>; none: its only one).</summary>
    public static string ReturnReport(int returnId, int? roundId = null) => $"/returns/{returnId}/report{RoundQuery(roundId)}";
    public static string ReturnReportFile(int returnId, string format, int? roundId = null) => $"/returns/{returnId}/report/{format}{RoundQuery(roundId)}";
    private static string RoundQuery(int? roundId) => roundId is { } id ? $"?roundId={id}" : "";

    // Agencies: action plan, people, membership requests
    public static string ActionPlan(int agencyId) => $"/agencies/{agencyId}/action-plan";
    public static string ActionPlanExport(int agencyId, string format) => $"{ActionPlan(agencyId)}/export/{format}";
    public static string ActionPlanFromReturn(int agencyId, int returnId) => $"{ActionPlan(agencyId)}/from-return/{returnId}";
    public static string NewAction(int agencyId, int areaId) => $"{PlanArea(agencyId, areaId)}/actions/new";
    public static string NewArea(int agencyId) => $"{ActionPlan(agencyId)}/areas/new";
    public static string PlanArea(int agencyId, int areaId) => $"{ActionPlan(agencyId)}/areas/{areaId}";
    public static string DeleteArea(int agencyId, int areaId) => $"{PlanArea(agencyId, areaId)}/delete";
    public static string PlanAction(int agencyId, int actionId) => $"{ActionPlan(agencyId)}/actions/{actionId}";
    public static string DeleteAction(int agencyId, int actionId) => $"{PlanAction(agencyId, actionId)}/delete";

    /// <summary>The buttons that move an area or an action one place up or down its list.</summary>
    public static string MoveArea(int agencyId, int areaId, bool up) => $"{PlanArea(agencyId, areaId)}?handler={(up ? "MoveUp" : "MoveDown")}";
    public static string MoveAction(int agencyId, int actionId, bool up) => $"{PlanAction(agencyId, actionId)}?handler={(up ? "MoveUp" : "MoveDown")}";
    public static string NewMonitoring(int agencyId, int actionId) => $"{PlanAction(agencyId, actionId)}/monitoring/new";
    public static string Agency(int agencyId) => $"/agencies/{agencyId}";
    public static string EditAgency(int agencyId) => $"{Agency(agencyId)}/edit";
    public static string AgencyPeople(int agencyId) => $"/agencies/{agencyId}/people";
    public static string InviteToAgency(int agencyId) => $"{AgencyPeople(agencyId)}/invite";
    public static string RemoveAgencyRole(int agencyId, int roleId) => $"{AgencyPeople(agencyId)}/{roleId}/remove";
    public static string MembershipRequests(int agencyId) => $"/agencies/{agencyId}/membership-requests";
    public static string MembershipRequest(int agencyId, int requestId) => $"{MembershipRequests(agencyId)}/{requestId}";
    public static string ReturnRequest(int agencyId, int receiptId) => $"/agencies/{agencyId}/return-requests/{receiptId}";

    // Partnerships
    public static string Partnerships() => "/partnerships";
    public static string NewPartnership() => "/partnerships/new";
    public static string Partnership(int partnershipId) => $"/partnerships/{partnershipId}";
    public static string PartnershipAgencies(int partnershipId) => $"/partnerships/{partnershipId}/agencies";
    public static string AddAgency(int partnershipId) => $"/partnerships/{partnershipId}/agencies/new";
    public static string RemoveAgencyFromPartnership(int partnershipId, int agencyId) => $"{PartnershipAgencies(partnershipId)}/{agencyId}/remove";
    public static string PartnershipPeople(int partnershipId) => $"/partnerships/{partnershipId}/people";
    public static string InviteToPartnership(int partnershipId) => $"{PartnershipPeople(partnershipId)}/invite";
    public static string InviteAgencyLead(int partnershipId, int agencyId) => $"{InviteToPartnership(partnershipId)}?agencyId={agencyId}";
    public static string RemovePartnershipRole(int partnershipId, int roleId) => $"{PartnershipPeople(partnershipId)}/{roleId}/remove";
    public static string ApiTokens(int partnershipId) => $"/partnerships/{partnershipId}/api-tokens";
    public static string DataExport(int partnershipId) => $"/partnerships/{partnershipId}/data-export";
    public static string NewApiToken(int partnershipId) => $"{ApiTokens(partnershipId)}/new";
    public static string RevokeApiToken(int partnershipId, int tokenId) => $"{ApiTokens(partnershipId)}/{tokenId}/revoke";

    // Rounds
    public static string NewRound(int partnershipId) => $"/partnerships/{partnershipId}/rounds/new";
    public static string Round(int partnershipId, int roundId) => $"/partnerships/{partnershipId}/rounds/{roundId}";
    public static string RoundLaunch(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/launch";
    public static string RoundClose(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/close";
    public static string RoundRepeat(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/repeat";
    public static string RoundAddAgencies(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/add-agencies";
    public static string RoundLocalItems(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/local-items";
    public static string RoundDashboard(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/dashboard";

    /// <summary>A page of the dashboard's heatmap, with the sector chosen, opened at the heatmap; page 1 has no number.</summary>
    public static string RoundDashboardPage(int partnershipId, int roundId, string? sector, int page) =>
        RoundDashboard(partnershipId, roundId) + QueryString.Create(new Dictionary<string, string?>
        {
            ["sector"] = sector, ["page"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent() + "#standards";
    public static string RoundActionPlans(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/action-plans";
    public static string OverarchingPlan(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/overarching-plan";

    /// <summary>The overarching plan's download, with the filters the page shows (so the file holds what the page lists).</summary>
    public static string OverarchingPlanFile(int partnershipId, int roundId, string format, int? agencyId, string? rag, bool overdue) =>
        $"{OverarchingPlan(partnershipId, roundId)}/{format}" + QueryString.Create(new Dictionary<string, string?>
        {
            ["agency"] = agencyId?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["rag"] = rag, ["overdue"] = overdue ? "true" : null,
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
    public static string RoundExport(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/export";
    public static string RoundExportFile(int partnershipId, int roundId, string format) => $"{RoundExport(partnershipId, roundId)}/{format}";
    public static string RoundReports(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/reports";

    /// <summary>The round's annual-report chapter; with no choice in the address it names no agency.</summary>
    public static string AnnualReport(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/annual-report";

    public static string AnnualReport(int partnershipId, int roundId, bool anonymous) =>
        $"{AnnualReport(partnershipId, roundId)}?agencies={(anonymous ? "anonymous" : "named")}";

    public static string AnnualReportFile(int partnershipId, int roundId, string format, bool anonymous) =>
        $"{AnnualReport(partnershipId, roundId)}/{format}?agencies={(anonymous ? "anonymous" : "named")}";
    public static string RoundReportsZip(int partnershipId, int roundId, string format) => $"{RoundReports(partnershipId, roundId)}/{format}";
    public static string ExtendReturn(int partnershipId, int roundId, int returnId) => $"{Round(partnershipId, roundId)}/returns/{returnId}/extend";
    public static string ReturnForChanges(int partnershipId, int roundId, int returnId) => $"{Round(partnershipId, roundId)}/returns/{returnId}/return-for-changes";
    public static string Chase(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/chase";
    /// <summary>The chase's preview and send: to one agency, or with none, every agency not yet submitted.</summary>
    public static string ChasePreview(int partnershipId, int roundId, int? agencyId) =>
        $"{Chase(partnershipId, roundId)}/preview" + (agencyId is { } id ? $"?agencyId={id}" : "");

    // The round's all-staff survey (docs/survey.md): the administrator's pages, and the anonymous answering pages
    public static string Survey(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/survey";
    public static string SurveyDetails(int partnershipId, int roundId) => $"{Survey(partnershipId, roundId)}/details";
    public static string NewSurveyQuestion(int partnershipId, int roundId) => $"{Survey(partnershipId, roundId)}/questions/new";
    /// <summary>Questions offered from the round's priority items and the bank; each "Add" posts to the Add handler.</summary>
    public static string SuggestedSurveyQuestions(int partnershipId, int roundId) => $"{Survey(partnershipId, roundId)}/suggested-questions";
    public static string SuggestedSurveyQuestionsHandler(int partnershipId, int roundId, string handler) => $"{SuggestedSurveyQuestions(partnershipId, roundId)}?handler={handler}";
    public static string SurveyOpen(int partnershipId, int roundId) => $"{Survey(partnershipId, roundId)}/open";
    /// <summary>A button on the survey page: Remove (a question) or Close (a handler of the page).</summary>
    public static string SurveyHandler(int partnershipId, int roundId, string handler) => $"{Survey(partnershipId, roundId)}?handler={handler}";
    /// <summary>Every survey link is under it (the path of the survey's answered-here cookie).</summary>
    public const string SurveyLinks = "/survey";
    public static string AnswerSurvey(string token) => $"{SurveyLinks}/{Uri.EscapeDataString(token)}";
    /// <summary>The survey's form even though this browser has answered it (a computer several staff share).</summary>
    public static string AnswerSurveyAgain(string token) => $"{AnswerSurvey(token)}?again=true";
    public static string SurveyConfirmation(string token) => $"{AnswerSurvey(token)}/confirmation";
    public static string SurveyResults(int partnershipId, int roundId) => $"{Survey(partnershipId, roundId)}/results";
    public static string SurveyAgencyResults(int partnershipId, int roundId, int agencyId) => $"{SurveyResults(partnershipId, roundId)}/{agencyId}";
    /// <summary>The partnership's results (every agency and the total) as xlsx or csv.</summary>
    public static string SurveyExportFile(int partnershipId, int roundId, string format) => $"{Survey(partnershipId, roundId)}/export/{format}";
    public static string SurveyAgencyExportFile(int partnershipId, int roundId, int agencyId, string format) => $"{SurveyAgencyResults(partnershipId, roundId, agencyId)}/export/{format}";
    /// <summary>Free-text answers to read and mark publishable or not (the Publishable / NotPublishable handlers post here).</summary>
    public static string SurveyFreeText(int partnershipId, int roundId) => $"{Survey(partnershipId, roundId)}/free-text";
    public static string SurveyFreeTextHandler(int partnershipId, int roundId, string handler) => $"{SurveyFreeText(partnershipId, roundId)}?handler={handler}";
    public static string SurveyTriangulation(int partnershipId, int roundId) => $"{Survey(partnershipId, roundId)}/triangulation";
    /// <summary>An agency lead's view of its own staff's answers to a round's survey, once it has closed.</summary>
    public static string AgencySurveyResults(int agencyId, int roundId) => $"/agencies/{agencyId}/surveys/{roundId}/results";
    /// <summary>
    /// Where the person looking reads a cited survey result's numbers (docs/survey.md): the agency's lead on its own
    /// results page, an administrator of the survey round's partnership on that partnership's page of the agency's
    /// results; anyone else, null (the citation is drawn without a link rather than with one that answers 403).
    /// </summary>
    public static string? CitedSurveyResults(Section11.Core.Surveys.SurveyCitation cited, Infrastructure.SurveyResultsViewer viewer) =>
        viewer.LeadsAgency ? AgencySurveyResults(cited.AgencyId, cited.RoundId)
        : viewer.AdministeredPartnerships.Contains(cited.PartnershipId) ? SurveyAgencyResults(cited.PartnershipId, cited.RoundId, cited.AgencyId)
        : null;

    // Review of one receipt (docs/review.md)
    public static string Review(int partnershipId, int roundId, int receiptId) => $"{Round(partnershipId, roundId)}/reviews/{receiptId}";
    /// <summary>A button on the review page: Start, Finish or Reopen (a handler of the page).</summary>
    public static string ReviewHandler(int partnershipId, int roundId, int receiptId, string handler) => $"{Review(partnershipId, roundId, receiptId)}?handler={handler}";
    public static string ReviewReviewers(int partnershipId, int roundId, int receiptId) => $"{Review(partnershipId, roundId, receiptId)}/reviewers";
    public static string ReviewStandard(int partnershipId, int roundId, int receiptId, int number) => $"{Review(partnershipId, roundId, receiptId)}/standards/{number}";
    public static string ReviewStandardHandler(int partnershipId, int roundId, int receiptId, int number, string handler) => $"{ReviewStandard(partnershipId, roundId, receiptId, number)}?handler={handler}";

    // The full export of a partnership, produced in the background (docs/reporting.md)
    /// <summary>One export's progress page; the email that says it is ready links here.</summary>
    public static string DataExportJob(int partnershipId, int jobId) => $"{DataExport(partnershipId)}/{jobId}";
    public static string DataExportJobFile(int partnershipId, int jobId) => $"{DataExportJob(partnershipId, jobId)}/file";

    // Challenge panels of a round (docs/review.md#challenge-panels)
    public static string Panels(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/panels";
    public static string NewPanel(int partnershipId, int roundId) => $"{Panels(partnershipId, roundId)}/new";
    public static string Panel(int partnershipId, int roundId, int panelId) => $"{Panels(partnershipId, roundId)}/{panelId}";
    /// <summary>The pre-read pack: a zip of one PDF per agency the panel sees.</summary>
    public static string PanelPreReadPack(int partnershipId, int roundId, int panelId) => $"{Panel(partnershipId, roundId, panelId)}/pre-read-pack";
    public static string PanelOutcome(int partnershipId, int roundId, int panelId, int receiptId) => $"{Panel(partnershipId, roundId, panelId)}/agencies/{receiptId}";

    /// <summary>The ReturnUrl a sign-in step carries on; only a local address, so no open redirect.</summary>
    private static string Query(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) || returnUrl == "/" || !IsLocal(returnUrl) ? "" : $"?ReturnUrl={Uri.EscapeDataString(returnUrl)}";

    // The same test as IUrlHelper.IsLocalUrl: one leading slash, not "//" or "/\".
    private static bool IsLocal(string url) =>
        url.StartsWith('/') && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    // Peer-agency reviewers invited for one round (docs/review.md, "Peer-agency reviewers")
    public static string PeerReviewers(int partnershipId, int roundId) => $"{Round(partnershipId, roundId)}/peer-reviewers";
    public static string InvitePeerReviewer(int partnershipId, int roundId) => $"{PeerReviewers(partnershipId, roundId)}/invite";
    public static string RemovePeerReviewer(int partnershipId, int roundId, int peerId) => $"{PeerReviewers(partnershipId, roundId)}/{peerId}/remove";

    // Feedback letters (docs/review.md#feedback-letters): the partnership's page, its buttons and files, and the agency's.
    public static string ReviewLetter(int partnershipId, int roundId, int receiptId) => $"{Review(partnershipId, roundId, receiptId)}/letter";
    /// <summary>A button of the letter's form: Send (the form's own post saves the draft).</summary>
    public static string ReviewLetterHandler(int partnershipId, int roundId, int receiptId, string handler) => $"{ReviewLetter(partnershipId, roundId, receiptId)}?handler={handler}";
    public static string ReviewLetterFile(int partnershipId, int roundId, int receiptId, string format) => $"{ReviewLetter(partnershipId, roundId, receiptId)}/{format}";
    public static string ReturnLetter(int returnId, int receiptId) => $"/returns/{returnId}/letters/{receiptId}";
    public static string ReturnLetterFile(int returnId, int receiptId, string format) => $"{ReturnLetter(returnId, receiptId)}/{format}";
}
