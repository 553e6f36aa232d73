using System.Globalization;
using System.Net;
using System.Text;
using Section11.Core.Email;

namespace Section11.Core.Notifications;

/// <summary>
/// The notification emails, each in plain text and HTML from the same paragraphs. Everything in the HTML part is
/// encoded: agency names, round titles and reasons are typed by people.
/// </summary>
public static class NotificationEmails
{
    /// <summary>The app's addresses an email links to. They mirror the Web project's <c>Links</c> (a test checks they agree).</summary>
    public static class Paths
    {
        public static string Return(int returnId) => $"/returns/{returnId}";
        public static string ViewReturn(int returnId) => $"/returns/{returnId}/view";
        public static string ReturnRequest(int agencyId, int receiptId) => $"/agencies/{agencyId}/return-requests/{receiptId}";
        public static string Round(int partnershipId, int roundId) => $"/partnerships/{partnershipId}/rounds/{roundId}";
        public static string ReturnReview(int returnId, int receiptId) => $"/returns/{returnId}/reviews/{receiptId}";
        public static string Review(int partnershipId, int roundId, int receiptId) => $"/partnerships/{partnershipId}/rounds/{roundId}/reviews/{receiptId}";
        public static string DataExportJob(int partnershipId, int jobId) => $"/partnerships/{partnershipId}/data-export/{jobId}";
        public static string ReturnLetter(int returnId, int receiptId) => $"/returns/{returnId}/letters/{receiptId}";
    }

    /// <summary>The reference a submitted return is known by, as its confirmation page shows it.</summary>
    public static string Reference(int returnId) => $"S11-{returnId:D6}";

    public static string Subject(string kind, NotificationFacts f) => kind switch
    {
        NotificationKinds.RoundLaunched => $"{f.Partnership} has launched {f.Round}: {Wording.Possessive(f.Agency)} return is due by {Date(f.Date)}",
        NotificationKinds.SignOffRequested => $"A Section 11 return is ready for you to sign off: {f.Agency}",
        NotificationKinds.Submitted => $"Section 11 return submitted: {f.Agency}, reference {f.Reference}",
        NotificationKinds.ReturnedForChanges => $"{f.Partnership} has sent {Wording.Possessive(f.Agency)} return back for changes",
        NotificationKinds.DateExtended => $"{Wording.Possessive(f.Agency)} return-by date is now {Date(f.Date)}",
        NotificationKinds.Chase => $"Reminder from {f.Partnership}: {Wording.Possessive(f.Agency)} return is due by {Date(f.Date)}",
        NotificationKinds.ChallengesSent => $"{f.Partnership} has challenges about {Wording.Possessive(f.Agency)} return for you to answer",
        NotificationKinds.WeeklyDigest => $"This week in {f.Round}: {f.Headline}",
        NotificationKinds.AgencyAnswered => $"{f.Agency} has answered the challenges about its return: {f.Round}",
        NotificationKinds.ModerationFinished => $"{f.Partnership} has finished moderating {Wording.Possessive(f.Agency)} return",
        NotificationKinds.EvidenceDue => $"Evidence {f.Partnership} asked for is due on {Date(f.Date)}: {f.Agency}",
        NotificationKinds.ExportReady => $"Your export of {Wording.Possessive(f.Partnership)} data is ready to download",
        NotificationKinds.LetterSent => $"{f.Partnership} has sent its feedback letter on {Wording.Possessive(f.Agency)} return",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The email to one person: its subject, plain-text body and HTML body.</summary>
    public static EmailMessage Message(string to, string name, string kind, NotificationFacts facts, string link)
    {
        var paragraphs = Paragraphs(kind, facts);
        var essential = NotificationKinds.IsEssential(kind);
        var why = essential
            ? $"You get this email because of your role on the {AccountEmails.ServiceName} service."
            : "You can turn off emails like this one on your account page.";
        var text = new StringBuilder().Append("Dear ").Append(name).Append(",\n\n");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(Subject(kind, facts))).Append("</title></head>")
            .Append("<body style=\"font-family: Arial, sans-serif; font-size: 19px; line-height: 1.3; color: #0b0c0c;\">")
            .Append("<p>Dear ").Append(Encode(name)).Append(",</p>");
        foreach (var (words, isLink) in paragraphs)
        {
            if (isLink)
            {
                text.Append(words).Append('\n').Append(link).Append("\n\n");
                html.Append("<p>").Append(Encode(words)).Append("<br><a href=\"").Append(Encode(link)).Append("\" style=\"color: #1d70b8;\">")
                    .Append(Encode(link)).Append("</a></p>");
            }
            else
            {
                text.Append(words).Append("\n\n");
                foreach (var line in words.Split('\n'))
                {
                    html.Append("<p>").Append(Encode(line)).Append("</p>");
                }
            }
        }

        text.Append(why).Append("\n\n").Append(AccountEmails.ServiceName).Append("\n\n")
            .Append($"This email was sent automatically by the {AccountEmails.ServiceName} service. Replies are not read.\n");
        html.Append("<p>").Append(Encode(why)).Append("</p><hr><p>").Append(Encode(AccountEmails.ServiceName)).Append("</p>")
            .Append("<p style=\"font-size: 16px; color: #505a5f;\">").Append(Encode($"This email was sent automatically by the {AccountEmails.ServiceName} service. Replies are not read."))
            .Append("</p></body></html>");
        return new EmailMessage(to, name, Subject(kind, facts), text.ToString(), html.ToString());
    }

    private static List<(string Words, bool IsLink)> Paragraphs(string kind, NotificationFacts f) => kind switch
    {
        NotificationKinds.RoundLaunched =>
        [
            ($"{f.Partnership} has launched its Section 11 audit round, {f.Round}. {Wording.Possessive(f.Agency)} return is due by {Date(f.Date)}.", false),
            f.Asked
                ? ($"{f.Agency} already has a return on this framework for another partnership. Choose whether to share it or start a separate one:", true)
                : ("To start the return, sign in and go to:", true),
            ("Contributors can complete the standards; when every standard is complete, send it to your senior signatory to sign off and submit.", false),
        ],
        NotificationKinds.SignOffRequested =>
        [
            ($"{Wording.Possessive(f.Agency)} Section 11 return for {f.Round} has been sent to you to sign off and submit. It is due by {Date(f.Date)}.", false),
            ("To check the answers, sign off and submit it, sign in and go to:", true),
        ],
        NotificationKinds.Submitted =>
        [
            ($"{Wording.Possessive(f.Agency)} Section 11 return for {f.Round} ({f.Partnership}) has been signed off and submitted.", false),
            ($"Reference: {f.Reference}", false),
            ("To view the return, sign in and go to:", true),
        ],
        NotificationKinds.ReturnedForChanges =>
        [
            ($"{f.Partnership} has sent {Wording.Possessive(f.Agency)} Section 11 return for {f.Round} back for changes. It said:", false),
            (f.Reason ?? "", false),
            ("Make the changes, then send the return to your senior signatory to sign off and submit again. To change the return, sign in and go to:", true),
        ],
        NotificationKinds.DateExtended =>
        [
            ($"{f.Partnership} has given {f.Agency} more time: its Section 11 return for {f.Round} is now due by {Date(f.Date)}.", false),
            ("To continue the return, sign in and go to:", true),
        ],
        NotificationKinds.Chase =>
        [
            ($"{f.Partnership} is reminding you that {Wording.Possessive(f.Agency)} Section 11 return for {f.Round} is due by {Date(f.Date)} and has not been submitted yet.", false),
            f.Asked
                ? ($"{f.Agency} has still to choose whether to share the return it already has or start a separate one:", true)
                : ("To continue the return, sign in and go to:", true),
            ("If you need more time, ask the partnership: it can extend the date for your agency.", false),
        ],
        NotificationKinds.ChallengesSent =>
        [
            ($"{Wording.Possessive(f.Partnership)} reviewers have sent challenges about {Wording.Possessive(f.Agency)} Section 11 return for {f.Round}: {f.Summary}.", false),
            ("The submitted return does not change: your answers are kept beside it. To read the challenges and answer them, sign in and go to:", true),
        ],
        NotificationKinds.WeeklyDigest =>
        [
            ($"Where {f.Round} ({f.Partnership}) stands this week. Returns are due by {Date(f.Date)}.", false),
            (f.Summary ?? "", false),
            ("To see the round's tracker, sign in and go to:", true),
        ],
        NotificationKinds.AgencyAnswered =>
        [
            ($"{f.Agency} has sent its answers to the challenges about its Section 11 return for {f.Round} ({f.Partnership}): {f.Summary}.", false),
            ("The review is back in progress. To read the answers, sign in and go to:", true),
        ],
        NotificationKinds.ModerationFinished =>
        [
            ($"{f.Partnership} has finished moderating {Wording.Possessive(f.Agency)} Section 11 return for {f.Round}.", false),
            ("To read the challenges and your answers, sign in and go to:", true),
        ],
        NotificationKinds.EvidenceDue =>
        [
            ($"{f.Partnership} asked {f.Agency} for evidence about its Section 11 return for {f.Round} by {Date(f.Date)}, and it has not been sent yet.", false),
            ("To answer the evidence request, sign in and go to:", true),
        ],
        NotificationKinds.ExportReady =>
        [
            ($"The export of all {Wording.Possessive(f.Partnership)} data you asked for is ready: {f.Summary}. It is kept until {Date(f.Date)}, then deleted.", false),
            ("To download it, sign in and go to:", true),
        ],
        NotificationKinds.LetterSent =>
        [
            ($"{f.Partnership} has sent {f.Agency} its feedback letter on the Section 11 return for {f.Round}: the grades it moderated differently and why, the strengths it found and the actions it requires. It will follow up on {Date(f.Date)}.", false),
            ("To read the letter, and download it as a Word document or a PDF, sign in and go to:", true),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "";

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
