using System.Net;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Accounts;
using Section11.Core.Auditing;
using Section11.Core.Identity;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Account;

public sealed class MfaTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private static Dictionary<string, string?> Code(string code) => new() { ["Code"] = code };

    private async Task<HtmlClient.Page> PasswordStepAsync(HtmlClient client, string email, string? returnUrl = null)
    {
        var page = await client.GetAsync(returnUrl is null ? "/sign-in" : $"/sign-in?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        return await client.SubmitAsync(page, new Dictionary<string, string?> { ["Email"] = email, ["Password"] = Section11Factory.Password });
    }

    [Fact]
    public async Task Set_up_shows_the_key_refuses_a_wrong_code_then_turns_mfa_on_and_shows_ten_recovery_codes_once()
    {
        var invited = await factory.InviteAsync();
        using var client = factory.CreateHtmlClient();
        var setUp = await client.FollowAsync(await client.SubmitAsync(await client.GetAsync(invited.Link),
            new Dictionary<string, string?> { ["Password"] = Section11Factory.Password, ["ConfirmPassword"] = Section11Factory.Password }));

        var (key, _) = await factory.AuthenticatorAsync(invited.Email);
        Assert.Equal(AuthenticatorCodes.FormatKey(key), setUp.Text("#authenticator-key"));
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", setUp.Text("#authenticator-key"));
        Assert.StartsWith("otpauth://totp/Section11%3A", setUp.Text("#authenticator-uri"), StringComparison.Ordinal);
        Assert.Contains($"secret={key}", setUp.Text("#authenticator-uri"), StringComparison.Ordinal);
        Assert.Equal("one-time-code", setUp.Document.QuerySelector("#Code")!.GetAttribute("autocomplete"));
        Assert.Equal("numeric", setUp.Document.QuerySelector("#Code")!.GetAttribute("inputmode"));
        // Reloading keeps the same key, so an app set up from the first view still works.
        Assert.Equal(setUp.Text("#authenticator-key"), (await client.GetAsync("/account/set-up-mfa")).Text("#authenticator-key"));

        var wrongCode = Totp.Code(key, Totp.Step(factory.Clock.GetUtcNow()) + 10);
        var wrong = await client.SubmitAsync(setUp, Code(wrongCode));
        Assert.Equal([CodeMessages.Wrong], wrong.ErrorSummary);
        Assert.Equal(["#Code"], wrong.ErrorSummaryLinks);
        Assert.Equal(setUp.Text("#authenticator-key"), wrong.Text("#authenticator-key"));
        Assert.False((await factory.UserAsync(invited.Email)).TwoFactorEnabled);

        var right = await client.SubmitAsync(wrong, Code(await factory.NextCodeAsync(invited.Email)));
        Assert.Equal("/account/recovery-codes", right.Location);
        Assert.True((await factory.UserAsync(invited.Email)).TwoFactorEnabled);
        Assert.Contains(await factory.SecurityEventsAsync(invited.Email), e => e.Kind == SecurityEventKinds.MfaEnabled);

        var codes = await client.GetAsync(right.Location!);
        Assert.Equal("Save your recovery codes", codes.H1);
        var shown = codes.Document.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, shown.Distinct().Count());
        Assert.Equal("/", codes.Document.QuerySelector("a.govuk-button")!.GetAttribute("href"));
        Assert.Equal("Your recovery codes have already been shown", (await client.GetAsync("/account/recovery-codes")).H1);

        // Signed in with MFA now: the service opens.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).Status);
    }

    [Fact]
    public async Task A_signed_in_person_without_an_authenticator_app_is_sent_to_set_it_up_from_any_page()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        await factory.WithUsersAsync(async users => await users.SetTwoFactorEnabledAsync((await users.FindByEmailAsync(lead.Email))!, false));
        using var client = factory.CreateHtmlClient();
        Assert.Equal("/account/set-up-mfa", (await PasswordStepAsync(client, lead.Email)).Location);

        var gated = await client.GetAsync($"/returns/{lead.ReturnId}/standards/1");
        Assert.Equal(HttpStatusCode.Redirect, gated.Status);
        Assert.Equal($"/account/set-up-mfa?ReturnUrl=%2Freturns%2F{lead.ReturnId}%2Fstandards%2F1", gated.Location);
        Assert.StartsWith("/account/set-up-mfa", (await client.GetAsync("/")).Location, StringComparison.Ordinal);
        Assert.StartsWith("/account/set-up-mfa", (await client.GetAsync("/account")).Location, StringComparison.Ordinal);

        // What stays open: set-up itself, the error and accessibility pages, signing out, and static files.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accessibility")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/no-such-page")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/css/app.css")).StatusCode);
        var setUp = await client.GetAsync(gated.Location!);
        Assert.Equal("Set up an authenticator app", setUp.H1);

        // Once set up, the person goes on to the page they asked for.
        var done = await client.SubmitAsync(setUp, Code(await factory.NextCodeAsync(lead.Email)));
        var codes = await client.FollowAsync(done);
        var next = codes.Document.QuerySelector("a.govuk-button")!.GetAttribute("href")!;
        Assert.Equal($"/returns/{lead.ReturnId}/standards/1", next);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(next)).Status);
    }

    [Fact]
    public async Task A_session_without_mfa_for_an_account_that_has_an_app_is_signed_out_rather_than_shown_a_new_key()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        using var client = factory.CreateHtmlClient();
        await factory.WithUsersAsync(async users => await users.SetTwoFactorEnabledAsync((await users.FindByEmailAsync(lead.Email))!, false));
        await PasswordStepAsync(client, lead.Email);
        // The app is turned on again while this one-factor session is open (without a new security stamp, which
        // would end the session anyway).
        await using (var db = factory.Database.CreateContext())
        {
            await db.Users.Where(u => u.Email == lead.Email).ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorEnabled, true));
        }

        Assert.Equal("/sign-in", (await client.GetAsync("/account/set-up-mfa")).Location);
        Assert.Equal("https://localhost/sign-in?ReturnUrl=%2Faccount", (await client.GetAsync("/account")).Location);
    }

    [Fact]
    public async Task A_code_that_has_already_been_used_is_refused()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        var code = await factory.NextCodeAsync(lead.Email);
        using (var first = factory.CreateHtmlClient())
        {
            var step = await PasswordStepAsync(first, lead.Email);
            Assert.Equal("/", (await first.SubmitAsync(await first.GetAsync(step.Location!), Code(code))).Location);
        }

        using var client = factory.CreateHtmlClient();
        var codePage = await client.GetAsync((await PasswordStepAsync(client, lead.Email)).Location!);
        var again = await client.SubmitAsync(codePage, Code(code));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(["This code has already been used. Wait for your authenticator app to show a new code"], again.ErrorSummary);
        Assert.Contains(await factory.SecurityEventsAsync(lead.Email), e => e is { Kind: SecurityEventKinds.SignInFailed, Detail: "authenticator code already used" });

        // A newer code works.
        Assert.Equal("/", (await client.SubmitAsync(again, Code(await factory.NextCodeAsync(lead.Email)))).Location);
        Assert.Equal(2, (await factory.SecurityEventsAsync(lead.Email)).Count(e => e is { Kind: SecurityEventKinds.SignIn, Detail: "with an authenticator app code" }));
    }

    [Fact]
    public async Task Repeated_wrong_codes_lock_the_account_even_for_the_right_code()
    {
        var lead = await factory.CreateLeadAsync("masa-2018");
        var (key, _) = await factory.AuthenticatorAsync(lead.Email);
        using var client = factory.CreateHtmlClient();
        var page = await client.GetAsync((await PasswordStepAsync(client, lead.Email)).Location!);
        for (var i = 0; i < 4; i++)
        {
            page = await client.SubmitAsync(page, Code(Totp.Code(key, Totp.Step(factory.Clock.GetUtcNow()) + 20 + i)));
            Assert.Equal([CodeMessages.Wrong], page.ErrorSummary);
        }

        page = await client.SubmitAsync(page, Code(Totp.Code(key, Totp.Step(factory.Clock.GetUtcNow()) + 30)));
        Assert.Equal([MfaSignInMessages.LockedOut], page.ErrorSummary);
        page = await client.SubmitAsync(page, Code(await factory.NextCodeAsync(lead.Email)));
        Assert.Equal([MfaSignInMessages.LockedOut], page.ErrorSummary);

        var events = await factory.SecurityEventsAsync(lead.Email);
        Assert.Equal(4, events.Count(e => e is { Kind: SecurityEventKinds.SignInFailed, Detail: "wrong authenticator code" }));
        Assert.Contains(events, e => e.Kind == SecurityEventKinds.LockedOut);
        Assert.All(events, e => Assert.DoesNotContain(Section11Factory.Password, e.Detail ?? "", StringComparison.Ordinal));
        Assert.Equal(DateTimeKind.Utc, events[0].At.Kind);
    }

    [Fact]
    public async Task Each_recovery_code_signs_in_once()
    {
        var enrolled = await factory.EnrolAsync(factory.CreateHtmlClient());
        using var client = factory.CreateHtmlClient();
        async Task<HtmlClient.Page> UseAsync(string code)
        {
            var codePage = await client.GetAsync((await PasswordStepAsync(client, enrolled.Email)).Location!);
            var recovery = await client.GetAsync(codePage.Document.QuerySelector("a[href^='/sign-in/recovery-code']")!.GetAttribute("href")!);
            Assert.Equal("Enter a recovery code", recovery.H1);
            return await client.SubmitAsync(recovery, new Dictionary<string, string?> { ["RecoveryCode"] = code });
        }

        // Typed in lower case and without the hyphen, as people do.
        Assert.Equal("/", (await UseAsync(enrolled.RecoveryCodes[0].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant())).Location);
        await client.SubmitAsync(await client.GetAsync("/account"), new Dictionary<string, string?>(), formSelector: "form[action='/sign-out']");

        var reused = await UseAsync(enrolled.RecoveryCodes[0]);
        Assert.Equal([MfaSignInMessages.RecoveryCodeWrong], reused.ErrorSummary);
        Assert.Equal(["#RecoveryCode"], reused.ErrorSummaryLinks);
        Assert.Equal(1, (await factory.UserAsync(enrolled.Email)).AccessFailedCount);

        Assert.Equal("/", (await client.SubmitAsync(reused, new Dictionary<string, string?> { ["RecoveryCode"] = enrolled.RecoveryCodes[1] })).Location);
        var account = await client.GetAsync("/account");
        Assert.Equal("You have 8 recovery codes left.", account.Text("#recovery-codes-left"));
    }
}

/// <summary>The sign-in messages the tests expect, in one place.</summary>
internal static class MfaSignInMessages
{
    public const string LockedOut = Section11.Web.Infrastructure.MfaSignIn.LockedOutMessage;
    public const string RecoveryCodeWrong = Section11.Web.Infrastructure.MfaSignIn.RecoveryCodeWrong;
}
