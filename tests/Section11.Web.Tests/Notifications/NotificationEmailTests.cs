using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Returns;
using Section11.Core.Review;
using Section11.Core.Rounds;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Notifications;

/// <summary>Every notification email, sent through the outbox and real SMTP: who gets it, its subject, its link, both parts.</summary>
[Trait("Category", "Operations")]
public sealed class NotificationEmailTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private static string Date(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>One email to the address with this kind of subject, with the link in both parts.</summary>
    private ReceivedEmail One(string to, string subjectStart, string link)
    {
        var email = Assert.Single(factory.Smtp.To(to), e => e.Subject.StartsWith(subjectStart, StringComparison.Ordinal));
        Assert.Contains($"https://localhost{link}", email.Body, StringComparison.Ordinal);
        Assert.Contains($"href=\"https://localhost{link}\"", email.Html, StringComparison.Ordinal);
        Assert.Equal("multipart/alternative", email.Message.Body!.ContentType.MimeType);
        return email;
    }

    private void NoneTo(string to, string subjectStart) =>
        Assert.DoesNotContain(factory.Smtp.To(to), e => e.Subject.StartsWith(subjectStart, StringComparison.Ordinal));

    [Fact]
    public async Task Launching_a_round_emails_each_agency_lead_with_the_date_and_a_link_to_its_return()
    {
        var w = await NotificationWorld.CreateAsync(factory);
        await w.LaunchAsync();
        Assert.Equal(3, await w.DispatchAsync());

        var subject = $"{w.PartnershipName} has launched {w.RoundTitle}";
        var alpha = await w.ReturnOfAsync(w.Alpha);
        foreach (var lead in new[] { w.LeadA, w.LeadA2 })
        {
            var email = One(lead.Email, subject, Links.Return(alpha));
            Assert.Contains(Date(NotificationWorld.DueOn), email.Subject, StringComparison.Ordinal);
            Assert.Contains($"{w.AlphaName}'s return is due by {Date(NotificationWorld.DueOn)}", email.Body, StringComparison.Ordinal);
            Assert.Contains(w.AlphaName, email.Html, StringComparison.Ordinal);
        }

        One(w.LeadB.Email, subject, Links.Return(await w.ReturnOfAsync(w.Beta)));
        foreach (var other in new[] { w.ContributorA, w.SignatoryA, w.Admin, w.Reviewer })
        {
            Assert.Empty(factory.Smtp.To(other.Email));
        }

        Assert.Equal(0, await w.DispatchAsync());
        Assert.Single(factory.Smtp.To(w.LeadB.Email));
    }

    [Fact]
    public async Task An_agency_asked_to_share_a_return_is_linked_to_the_choice()
    {
        var shared = await factory.CreateSharedAgencyAsync();
        var w = await NotificationWorld.CreateAsync(factory);
        await using (var db = factory.Database.CreateContext())
        {
            db.PartnershipMemberships.Add(new Section11.Core.Organisations.PartnershipMembership { PartnershipId = w.PartnershipId, AgencyId = shared.AgencyId });
            await db.SaveChangesAsync();
        }

        await w.WithAsync(async s => await s.GetRequiredService<RoundService>().LaunchAsync(w.RoundId, [shared.AgencyId], w.Admin.UserId));
        await w.DispatchAsync();

        await using var read = factory.Database.CreateContext();
        var receiptId = read.Receipts.Single(x => x.RoundId == w.RoundId).Id;
        var email = One(shared.LeadA.Email, $"{w.PartnershipName} has launched", Links.ReturnRequest(shared.AgencyId, receiptId));
        Assert.Contains("choose whether to share it or start a separate one", email.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sending_for_sign_off_emails_the_senior_signatory_and_submitting_emails_leads_and_administrators_with_the_reference()
    {
        var w = await NotificationWorld.CreateAsync(factory);
        await w.LaunchAsync();
        var returnId = await w.CompleteAsync(w.Alpha, w.LeadA.UserId);
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReturnService>().SendForSignOffAsync(returnId, w.LeadA.UserId)));
        await w.DispatchAsync();

        var signOff = One(w.SignatoryA.Email, $"A Section 11 return is ready for you to sign off: {w.AlphaName}", Links.Return(returnId));
        Assert.Contains("sign off and submit", signOff.Body, StringComparison.Ordinal);
        foreach (var other in new[] { w.LeadA, w.LeadA2, w.ContributorA, w.Admin, w.LeadB })
        {
            NoneTo(other.Email, "A Section 11 return is ready");
        }

        var signed = new SignOffInput("Sid Signatory", "Director", "Alpha", DateInput.From(DateOnly.FromDateTime(DateTime.UtcNow)), true);
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReturnService>().SubmitAsync(returnId, signed, w.SignatoryA.UserId)));
        await w.DispatchAsync();

        var reference = $"S11-{returnId:D6}";
        foreach (var person in new[] { w.LeadA, w.LeadA2, w.Admin })
        {
            var email = One(person.Email, $"Section 11 return submitted: {w.AlphaName}, reference {reference}", Links.ViewReturn(returnId));
            Assert.Contains($"Reference: {reference}", email.Body, StringComparison.Ordinal);
            Assert.Contains(reference, email.Html, StringComparison.Ordinal);
        }

        foreach (var other in new[] { w.ContributorA, w.SignatoryA, w.Reviewer, w.LeadB })
        {
            NoneTo(other.Email, "Section 11 return submitted");
        }
    }

    [Fact]
    public async Task Returning_for_changes_emails_the_leads_the_reason_encoded_in_the_html()
    {
        var w = await NotificationWorld.CreateAsync(factory);
        await w.LaunchAsync();
        var returnId = await w.CompleteAsync(w.Alpha, w.LeadA.UserId);
        var signed = new SignOffInput("Sid Signatory", "Director", "Alpha", DateInput.From(DateOnly.FromDateTime(DateTime.UtcNow)), true);
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReturnService>().SubmitAsync(returnId, signed, w.SignatoryA.UserId)));
        const string reason = "Standard 3 needs <b>evidence</b> of training & supervision";
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<RoundService>().ReturnForChangesAsync(w.RoundId, returnId, reason, w.Admin.UserId)));
        await w.DispatchAsync();

        foreach (var lead in new[] { w.LeadA, w.LeadA2 })
        {
            var email = One(lead.Email, $"{w.PartnershipName} has sent {w.AlphaName}'s return back for changes", Links.Return(returnId));
            Assert.Contains(reason, email.Body, StringComparison.Ordinal);
            Assert.Contains("Standard 3 needs &lt;b&gt;evidence&lt;/b&gt; of training &amp; supervision", email.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>", email.Html, StringComparison.Ordinal);
        }

        NoneTo(w.SignatoryA.Email, w.PartnershipName + " has sent");
        NoneTo(w.LeadB.Email, w.PartnershipName + " has sent");
    }

    [Fact]
    public async Task Extending_the_date_emails_the_agency_leads_the_new_date()
    {
        var w = await NotificationWorld.CreateAsync(factory);
        await w.LaunchAsync();
        var returnId = await w.ReturnOfAsync(w.Beta);
        var later = NotificationWorld.DueOn.AddDays(21);
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<RoundService>().ExtendAsync(w.RoundId, returnId, DateInput.From(later), w.Admin.UserId)));
        await w.DispatchAsync();

        var email = One(w.LeadB.Email, $"{w.BetaName}'s return-by date is now {Date(later)}", Links.Return(returnId));
        Assert.Contains($"is now due by {Date(later)}", email.Body, StringComparison.Ordinal);
        NoneTo(w.LeadA.Email, $"{w.BetaName}'s return-by date");
    }

    [Fact]
    [Trait("Category", "Review")]
    public async Task Sending_challenges_emails_the_agency_leads_what_is_asked_with_a_link_to_the_return()
    {
        var w = await NotificationWorld.CreateAsync(factory);
        await w.LaunchAsync();
        var returnId = await w.CompleteAsync(w.Alpha, w.LeadA.UserId);
        var signed = new SignOffInput("Sid Signatory", "Director", "Alpha", DateInput.From(DateOnly.FromDateTime(DateTime.UtcNow)), true);
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReturnService>().SubmitAsync(returnId, signed, w.SignatoryA.UserId)));
        var receiptId = await w.WithAsync(s => s.GetRequiredService<Section11.Core.Data.Section11DbContext>().Receipts
            .Where(x => x.ReturnId == returnId).Select(x => x.Id).SingleAsync());
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReviewService>().ActAsync(receiptId, ReviewAction.Start, w.Admin.UserId)));
        var itemId = await w.WithAsync(async s => (await s.GetRequiredService<ModerationService>().GetStandardAsync(receiptId, 1))!.Items[0].ItemId);
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReviewNoteService>().AddAsync(receiptId, 1, new(itemId, "EvidenceRequest", "The <b>training</b> record", DateInput.From(due)), w.Admin.UserId)));
        Assert.Empty(await w.WithAsync(s => s.GetRequiredService<ReviewNoteService>().SendToAgencyAsync(receiptId, w.Admin.UserId)));
        await w.DispatchAsync();

        foreach (var lead in new[] { w.LeadA, w.LeadA2 })
        {
            var email = One(lead.Email, $"{w.PartnershipName} has challenges about {w.AlphaName}'s return for you to answer", Links.Return(returnId));
            Assert.Contains($"1 evidence request due {Date(due)}", email.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("training", email.Body, StringComparison.Ordinal);
        }

        NoneTo(w.SignatoryA.Email, w.PartnershipName + " has challenges");
        NoneTo(w.LeadB.Email, w.PartnershipName + " has challenges");
    }

    [Fact]
    public void The_emails_link_to_the_addresses_the_pages_answer()
    {
        Assert.Equal(Links.Return(7), NotificationEmails.Paths.Return(7));
        Assert.Equal(Links.ViewReturn(7), NotificationEmails.Paths.ViewReturn(7));
        Assert.Equal(Links.ReturnRequest(3, 9), NotificationEmails.Paths.ReturnRequest(3, 9));
        Assert.Equal(Links.Round(3, 9), NotificationEmails.Paths.Round(3, 9));
        Assert.Equal(Links.ReturnReview(7, 9), NotificationEmails.Paths.ReturnReview(7, 9));
        Assert.Equal(Links.Review(1, 2, 3), NotificationEmails.Paths.Review(1, 2, 3));
        Assert.Equal(Links.DataExportJob(3, 9), NotificationEmails.Paths.DataExportJob(3, 9));
        Assert.Equal(Links.ReturnLetter(7, 9), NotificationEmails.Paths.ReturnLetter(7, 9));
    }
}
