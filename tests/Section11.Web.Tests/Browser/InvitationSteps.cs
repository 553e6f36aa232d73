using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Section11.Core.Email;
using Section11.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>A person accepting the invitation that arrived by email, in their own browser: shared by the journeys.</summary>
public static class InvitationSteps
{
    public const string Subject = $"You have been invited to the {AccountEmails.ServiceName} service";

    /// <summary>Four random words: long, and on no list of common passwords.</summary>
    public const string GoodPassword = "quiet lantern orbit marmalade";

    /// <summary>
    /// The invitation arrives by email; the person opens its link in their own browser, sets a password, adds the key
    /// to their authenticator app (worked out here as the app would), sees their recovery codes and lands on their
    /// returns. With <paramref name="makeMistakes"/> they first try a common password and a wrong code.
    /// </summary>
    public static async Task<IPage> AcceptAsync(Section11Factory server, IBrowserContext context, string email, string name, string invitedBy, string roleText, AxeLog axe, bool makeMistakes)
    {
        var mail = await server.Smtp.WaitForAsync(email, m => m.Subject == Subject);
        Assert.Single(server.Smtp.To(email), m => m.Subject == Subject);
        Assert.Contains($"Dear {name},", mail.Body, StringComparison.Ordinal);
        Assert.Contains($"{invitedBy} has invited you to use the {AccountEmails.ServiceName} service as {roleText}.", mail.Body, StringComparison.Ordinal);
        Assert.Contains("The link works once. It expires in 7 days", mail.Body, StringComparison.Ordinal);
        var link = mail.Link(new Uri(server.ServerAddress, "/account/accept/").ToString());
        Assert.Matches(@"/account/accept/[A-Za-z0-9_-]{43}$", link);

        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await Expect(H1(page)).ToHaveTextAsync("Set your password");
        await Expect(page.Locator("#invited-email")).ToHaveTextAsync(email);
        await axe.CheckAsync(page, $"invitation for {name}");

        var password = page.GetByLabel("Create a password", new() { Exact = true });
        var again = page.GetByLabel("Enter the password again", new() { Exact = true });
        var setPassword = page.GetByRole(AriaRole.Button, new() { Name = "Set password and continue", Exact = true });
        if (makeMistakes)
        {
            await password.FillAsync("password123");
            await again.FillAsync("password123");
            await setPassword.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(new Uri(link).AbsolutePath) + "$"));
            await ExpectErrorsAsync(page, "Enter a password that is harder to guess: this one is on a list of common passwords");
            await Expect(page.Locator("#Password-error")).ToContainTextAsync("on a list of common passwords");
            // A typed password is never sent back.
            await Expect(password).ToHaveValueAsync("");
            await Expect(again).ToHaveValueAsync("");
            await axe.CheckAsync(page, "common password");
        }

        await password.FillAsync(GoodPassword);
        await again.FillAsync(GoodPassword);
        await setPassword.ClickAsync();

        await Expect(page).ToHaveURLAsync(Url(server, "/account/set-up-mfa"));
        await Expect(H1(page)).ToHaveTextAsync("Set up an authenticator app");
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        Assert.Matches("^[A-Z2-7]{16,}$", key);
        Assert.Equal((await server.AuthenticatorAsync(email)).Key, key);
        await axe.CheckAsync(page, $"set-up for {name}");

        var code = page.GetByLabel("Enter the 6-digit code from the app", new() { Exact = true });
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true });
        if (makeMistakes)
        {
            await code.FillAsync(WrongCode(server, key));
            await submit.ClickAsync();
            await ExpectErrorsAsync(page, "The code is not correct. Enter the code your authenticator app shows now");
            await Expect(page.Locator("#authenticator-key")).ToHaveTextAsync(new Regex(@"^[A-Z2-7 ]+$"));
            Assert.Equal(key, (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal));
            await axe.CheckAsync(page, "wrong code");
        }

        await code.FillAsync(Totp.Code(key, Totp.Step(server.Clock.GetUtcNow())));
        await submit.ClickAsync();

        await Expect(page).ToHaveURLAsync(Url(server, "/account/recovery-codes"));
        await Expect(H1(page)).ToHaveTextAsync("Save your recovery codes");
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await axe.CheckAsync(page, $"recovery codes for {name}");
        await page.GetByRole(AriaRole.Link, new() { Name = "I have saved my recovery codes", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url(server, "/"));
        await Expect(H1(page)).ToHaveTextAsync("Your returns");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeVisibleAsync();
        await axe.CheckAsync(page, $"as {name}");
        return page;
    }

    /// <summary>The GOV.UK error summary, with exactly these messages, focused so it is read out first.</summary>
    public static async Task ExpectErrorsAsync(IPage page, params string[] errors)
    {
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("There is a problem");
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(errors);
        await Expect(summary).ToBeFocusedAsync();
    }

    /// <summary>Six digits that are not the code for any time step the service could accept now.</summary>
    private static string WrongCode(Section11Factory server, string key)
    {
        var now = Totp.Step(server.Clock.GetUtcNow());
        var near = Enumerable.Range(-4, 9).Select(d => Totp.Code(key, now + d)).ToHashSet();
        return Enumerable.Range(123456, 100).Select(i => i.ToString(CultureInfo.InvariantCulture)).First(c => !near.Contains(c));
    }

    private static Regex Url(Section11Factory server, string path) => new("^" + Regex.Escape(new Uri(server.ServerAddress, path).ToString()) + "(#.*)?$");

    private static ILocator H1(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
}
