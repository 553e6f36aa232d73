using System.Security.Claims;
using Section11.Core.Accounts;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Accounts;

/// <summary>Which account an OpenID Connect identity may sign in to. It never creates one.</summary>
public sealed class ExternalAccountsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static ClaimsPrincipal Identity(string? email, bool? verified = true, params string[] amr)
    {
        var claims = new List<Claim>();
        if (email is not null)
        {
            claims.Add(new Claim("email", email));
        }

        if (verified is not null)
        {
            claims.Add(new Claim("email_verified", verified.Value ? "true" : "false"));
        }

        claims.AddRange(amr.Select(a => new Claim("amr", a)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "oidc"));
    }

    [Fact]
    public async Task An_identity_links_to_the_invited_account_with_the_same_verified_email_and_stays_linked()
    {
        await using var services = new AccountServices(database, new FixedTime(DateTimeOffset.UtcNow));
        var user = await services.CreateUserAsync();
        var external = services.Get<ExternalAccounts>();

        var first = await external.FindAsync("oidc", "subject-1", "Northshire Council", Identity(user.Email!.ToUpperInvariant()), emailsAreVerified: false);
        Assert.Equal(ExternalMatch.Found, first.Match);
        Assert.Equal(user.Id, first.User!.Id);
        Assert.Equal("subject-1", Assert.Single(await services.Users.GetLoginsAsync(user)).ProviderKey);

        // Later sign-ins find the account by the link, even if the email there changes.
        var later = await external.FindAsync("oidc", "subject-1", "Northshire Council", Identity("renamed@council.example"), emailsAreVerified: false);
        Assert.Equal(user.Id, later.User!.Id);
    }

    [Fact]
    public async Task No_account_is_ever_created()
    {
        await using var services = new AccountServices(database, new FixedTime(DateTimeOffset.UtcNow));
        var email = $"{Guid.NewGuid():N}@council.example";
        var result = await services.Get<ExternalAccounts>().FindAsync("oidc", "subject-2", "Northshire Council", Identity(email), emailsAreVerified: true);
        Assert.Equal(ExternalMatch.NoAccount, result.Match);
        Assert.Null(await services.Users.FindByEmailAsync(email));
    }

    [Theory]
    [InlineData(false, false, ExternalMatch.EmailNotVerified)]
    [InlineData(null, false, ExternalMatch.EmailNotVerified)]
    [InlineData(null, true, ExternalMatch.Found)]
    [InlineData(true, false, ExternalMatch.Found)]
    public async Task The_email_must_be_verified_by_the_provider_or_trusted_by_configuration(bool? verified, bool emailsAreVerified, ExternalMatch expected)
    {
        await using var services = new AccountServices(database, new FixedTime(DateTimeOffset.UtcNow));
        var user = await services.CreateUserAsync();
        var result = await services.Get<ExternalAccounts>().FindAsync("oidc", Guid.NewGuid().ToString(), "Northshire Council", Identity(user.Email, verified), emailsAreVerified);
        Assert.Equal(expected, result.Match);
        Assert.Equal(expected == ExternalMatch.Found, (await services.Users.GetLoginsAsync(user)).Count == 1);
    }

    [Fact]
    public async Task No_email_and_an_account_already_linked_to_someone_else_are_refused()
    {
        await using var services = new AccountServices(database, new FixedTime(DateTimeOffset.UtcNow));
        var user = await services.CreateUserAsync();
        var external = services.Get<ExternalAccounts>();
        Assert.Equal(ExternalMatch.NoEmail, (await external.FindAsync("oidc", "subject-3", "Council", Identity(null), true)).Match);
        Assert.Equal(ExternalMatch.Found, (await external.FindAsync("oidc", "subject-4", "Council", Identity(user.Email), true)).Match);
        Assert.Equal(ExternalMatch.LinkedToAnother, (await external.FindAsync("oidc", "subject-5", "Council", Identity(user.Email), true)).Match);
    }

    [Theory]
    [InlineData(new[] { "pwd", "mfa" }, true)]
    [InlineData(new[] { "pwd" }, false)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "[\"pwd\",\"mfa\"]" }, true)]
    public void Mfa_counts_only_when_the_provider_asserts_it(string[] amr, bool expected) =>
        Assert.Equal(expected, ExternalAccounts.AssertsMfa(Identity("a@b.example", true, amr)));

    [Fact]
    public void Mfa_is_read_from_the_mapped_claim_type_too() =>
        Assert.True(ExternalAccounts.AssertsMfa(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.AuthenticationMethod, "mfa")], "oidc"))));
}
