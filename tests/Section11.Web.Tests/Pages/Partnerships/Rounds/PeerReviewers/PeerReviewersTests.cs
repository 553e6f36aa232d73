using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds.PeerReviewers;

/// <summary>The round's peer reviewers pages: inviting (a new address, an existing account that accepts), the errors, and the reviewers page's candidates.</summary>
[Trait("Category", "Review")]
public sealed class PeerReviewersTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private sealed record Setup(ReviewTestData.ReviewedReceipt Receipt, int PeerAgencyId, string PeerAgencyName, Section11Factory.Person Admin)
    {
        public string List => Links.PeerReviewers(Receipt.PartnershipId, Receipt.RoundId);
        public string Invite => Links.InvitePeerReviewer(Receipt.PartnershipId, Receipt.RoundId);
    }

    private async Task<Setup> SetUpAsync()
    {
        var receipt = await ReviewTestData.SubmittedReceiptAsync(factory.Database, new FrameworkCatalog(), TimeProvider.System);
        await using var db = factory.Database.CreateContext();
        var agency = new Agency { Name = $"Peer agency {Guid.NewGuid():N}"[..20], Sector = Sector.Health };
        db.PartnershipMemberships.Add(new PartnershipMembership { PartnershipId = receipt.PartnershipId, Agency = agency });
        await db.SaveChangesAsync();
        return new(receipt, agency.Id, agency.Name, await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: receipt.PartnershipId, name: "Ada Admin"));
    }

    private async Task<HtmlClient> SignedInAsync(Section11Factory.Person person)
    {
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(person.Email);
        return client;
    }

    [Fact]
    public async Task The_administrator_invites_a_new_person_from_the_tracker_with_errors_in_the_summary_and_everything_typed_kept()
    {
        var s = await SetUpAsync();
        using var admin = await SignedInAsync(s.Admin);
        var tracker = await admin.GetAsync(Links.Round(s.Receipt.PartnershipId, s.Receipt.RoundId));
        var list = await admin.GetAsync(tracker.Document.QuerySelector("#peer-reviewers-link")!.GetAttribute("href")!);
        Assert.Equal("Nobody has been invited to review in this round.", list.Text("#no-peer-reviewers"));
        var form = await admin.GetAsync(list.Document.QuerySelector("#invite")!.GetAttribute("href")!);

        var refused = await admin.SubmitAsync(form, new Dictionary<string, string?> { ["DisplayName"] = "Pat Peer", ["Email"] = "not an address" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(["Select the agency the person is from", "Enter an email address in the correct format, like name@example.com"], refused.ErrorSummary);
        Assert.Equal(("Pat Peer", "not an address"), (refused.Value("DisplayName"), refused.Value("Email")));

        var email = $"{Guid.NewGuid():N}@peer.example";
        var saved = await admin.FollowAsync(await admin.SubmitAsync(refused, new Dictionary<string, string?>
        {
            ["AgencyId"] = s.PeerAgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Email"] = email,
        }));
        Assert.Equal($"Invitation sent to {email}", saved.Text("#confirmation"));
        var row = saved.Text("#peer-reviewers tbody tr");
        Assert.Contains("Pat Peer", row, StringComparison.Ordinal);
        Assert.Contains(s.PeerAgencyName, row, StringComparison.Ordinal);
        Assert.Contains("Active", row, StringComparison.Ordinal);
        Assert.Contains("/account/accept/", (await factory.Smtp.WaitForAsync(email)).Body, StringComparison.Ordinal);

        // A candidate on the reviewers page of the round's receipts, named as a peer reviewer.
        var reviewers = await admin.GetAsync(Links.ReviewReviewers(s.Receipt.PartnershipId, s.Receipt.RoundId, s.Receipt.ReceiptId));
        Assert.Contains(reviewers.Document.QuerySelectorAll(".govuk-checkboxes__label").Select(l => l.TextContent.Trim()),
            l => l == $"Pat Peer ({email}), peer reviewer from {s.PeerAgencyName}");
    }

    [Fact]
    public async Task An_existing_account_accepts_on_its_account_page_and_then_finds_its_returns_to_review()
    {
        var s = await SetUpAsync();
        var lead = await factory.CreatePersonAsync(Role.AgencyLead, agencyId: s.PeerAgencyId, name: "Lee Lead");
        using var admin = await SignedInAsync(s.Admin);
        var saved = await admin.FollowAsync(await admin.SubmitAsync(await admin.GetAsync(s.Invite), new Dictionary<string, string?>
        {
            ["AgencyId"] = s.PeerAgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["DisplayName"] = "Lee Lead", ["Email"] = lead.Email,
        }));
        Assert.Equal($"{lead.Email} already has an account, so we have asked them to accept. They can review once they do.", saved.Text("#confirmation"));
        Assert.Contains("Asked, not yet accepted", saved.Text("#peer-reviewers"), StringComparison.Ordinal);

        using var person = await SignedInAsync(lead);
        var offer = await person.GetAsync(new Uri((await factory.Smtp.WaitForAsync(lead.Email)).Link("https://localhost/account/roles/")).PathAndQuery);
        Assert.Contains("peer reviewer", offer.Text("h1"), StringComparison.Ordinal);
        await person.SubmitAsync(offer, new Dictionary<string, string?>(), button: "Decision=Accept");
        Assert.Equal("No returns have been assigned to you yet.", (await person.GetAsync("/")).Text($"#peer-round-{s.Receipt.RoundId} p.govuk-body"));

        var reviewers = await admin.GetAsync(Links.ReviewReviewers(s.Receipt.PartnershipId, s.Receipt.RoundId, s.Receipt.ReceiptId));
        await admin.SubmitAsync(reviewers, new Dictionary<string, string?> { ["UserIds"] = lead.UserId });
        var home = await person.GetAsync("/");
        var link = home.Document.QuerySelector($"#peer-round-{s.Receipt.RoundId} .app-home-reviews a")!.GetAttribute("href")!;
        Assert.Equal(Links.Review(s.Receipt.PartnershipId, s.Receipt.RoundId, s.Receipt.ReceiptId), link);
        // An assigned reviewer: they start the review.
        var review = await person.GetAsync(link);
        var started = await person.FollowAsync(await person.SubmitAsync(review, new Dictionary<string, string?>(), formSelector: "form[action$='handler=Start']"));
        Assert.Equal("In review", started.Text("#review-state"));
        await using var db = factory.Database.CreateContext();
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.UserId == lead.UserId && r.PartnershipId != null));
    }
}
