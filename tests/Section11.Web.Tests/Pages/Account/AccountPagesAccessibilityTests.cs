using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Section11.Core.Accounts;
using Section11.Web.Tests.Browser;
using Section11.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Pages.Account;

/// <summary>
/// Every account page, in a real browser with and without JavaScript, checked with axe (WCAG 2.2 A and AA) in its
/// normal and its error states: invitation, password, authenticator set-up, recovery codes, sign-in code, your
/// account, forgotten password.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class AccountPagesAccessibilityTests(HttpsServerFactory server, BrowserFixture browser)
    : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    private const string NewPassword = "a long and memorable passphrase";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Account_pages_have_no_accessibility_violations(bool javaScript)
    {
        await using var axe = new AxeLog(browser, javaScript);
        await using var context = await browser.NewContextAsync(server.ServerAddress, javaScript);
        var page = await context.NewPageAsync();
        async Task Submit(string button)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
        }

        // The invitation: set a password, with a mistake first.
        var email = $"{Guid.NewGuid():N}@invited.example";
        using (var scope = server.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<InvitationService>().InviteAsync(email, "Ada Lovelace", "https://localhost");
        }

        var link = new Uri((await server.Smtp.WaitForAsync(email)).Link(new Uri(server.ServerAddress, "/account/accept/").ToString())).PathAndQuery;
        await page.GotoAsync(link);
        await axe.CheckAsync(page);
        await page.GetByLabel("Create a password", new() { Exact = true }).FillAsync("short");
        await Submit("Set password and continue");
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await axe.CheckAsync(page, "errors");
        await page.GetByLabel("Create a password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Enter the password again", new() { Exact = true }).FillAsync(NewPassword);
        await Submit("Set password and continue");

        // The authenticator app, with a wrong code first, then the recovery codes.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set up an authenticator app");
        await axe.CheckAsync(page);
        var (key, _) = await server.AuthenticatorAsync(email);
        await page.GetByLabel("Enter the 6-digit code from the app", new() { Exact = true }).FillAsync(Totp.Code(key, Totp.Step(server.Clock.GetUtcNow()) + 10));
        await Submit("Continue");
        await axe.CheckAsync(page, "errors");
        await page.GetByLabel("Enter the 6-digit code from the app", new() { Exact = true }).FillAsync(await server.NextCodeAsync(email));
        await Submit("Continue");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Save your recovery codes");
        await axe.CheckAsync(page);

        // Your account, and changing the password with mistakes.
        await page.GotoAsync("/account");
        await axe.CheckAsync(page);
        await page.GotoAsync("/account/change-password");
        await axe.CheckAsync(page);
        await Submit("Change password");
        await axe.CheckAsync(page, "errors");
        await page.GotoAsync("/account/recovery-codes");
        await axe.CheckAsync(page, "already shown");

        // Signing in again: the code page, with a mistake, and the recovery code page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await axe.CheckAsync(page);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(NewPassword);
        await Submit("Sign in");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Enter the code from your authenticator app");
        await axe.CheckAsync(page);
        await Submit("Continue");
        await axe.CheckAsync(page, "errors");
        await page.GetByRole(AriaRole.Link, new() { Name = "I cannot use my authenticator app" }).ClickAsync();
        await axe.CheckAsync(page);
        await Submit("Continue");
        await axe.CheckAsync(page, "errors");

        // Forgotten password, in a browser that is not signed in.
        await using var other = await browser.NewContextAsync(server.ServerAddress, javaScript);
        page = await other.NewPageAsync();
        await page.GotoAsync("/account/forgot-password");
        await axe.CheckAsync(page);
        await Submit("Send link");
        await axe.CheckAsync(page, "errors");
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await Submit("Send link");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email");
        await axe.CheckAsync(page);
        var reset = await server.Smtp.WaitForAsync(email, m => m.Subject.StartsWith("Reset", StringComparison.Ordinal));
        await page.GotoAsync(new Uri(reset.Link("https://localhost")).PathAndQuery);
        await axe.CheckAsync(page);
        await Submit("Reset password");
        await axe.CheckAsync(page, "errors");

        // Links that do not work.
        await page.GotoAsync(link);
        await axe.CheckAsync(page, "used");
        await page.GotoAsync("/account/accept/not-a-real-token");
        await axe.CheckAsync(page, "unknown");

        axe.AssertNone();
    }
}
