using Section11.Core.Accounts;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Accounts;

public sealed class PasswordRulesTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Theory]
    [InlineData("", "", "Password: Enter a password", "ConfirmPassword: Enter the password again")]
    [InlineData("seven77", "seven77", "Password: Password must be 8 characters or more", null)]
    [InlineData("iloveyou", "iloveyou", "Password: " + PasswordRules.Common, null)]
    [InlineData("ILoveYou", "ILoveYou", "Password: " + PasswordRules.Common, null)]
    [InlineData("a good long passphrase", "a good long passphrase!", null, "ConfirmPassword: Enter the same password in both fields")]
    [InlineData("a good long passphrase", "", null, "ConfirmPassword: Enter the password again")]
    [InlineData("a good long passphrase", "a good long passphrase", null, null)]
    public async Task New_passwords_get_one_specific_message_per_field(string password, string confirmation, string? passwordError, string? confirmationError)
    {
        await using var services = new AccountServices(database, new FixedTime(DateTimeOffset.UtcNow));
        var user = await services.CreateUserAsync();
        var errors = await PasswordRules.CheckNewAsync(services.Users, user, password, confirmation);
        Assert.Equal(new[] { passwordError, confirmationError }.OfType<string>(), errors.Select(e => $"{e.Key}: {e.Message}"));
    }

    [Fact]
    public async Task Up_to_128_characters_are_accepted_spaces_and_all_and_no_more()
    {
        await using var services = new AccountServices(database, new FixedTime(DateTimeOffset.UtcNow));
        var user = await services.CreateUserAsync();
        var longest = string.Concat(Enumerable.Repeat("Zebra crossing ", 9))[..128];
        Assert.Empty(await PasswordRules.CheckNewAsync(services.Users, user, longest, longest));
        Assert.Equal([PasswordRules.TooLong], (await PasswordRules.CheckNewAsync(services.Users, user, longest + "x", longest + "x")).Select(e => e.Message));
    }

    [Fact]
    public async Task The_email_address_is_not_a_password()
    {
        await using var services = new AccountServices(database, new FixedTime(DateTimeOffset.UtcNow));
        var user = await services.CreateUserAsync("someone.long@agency.example");
        Assert.Equal([PasswordRules.SameAsEmail], (await PasswordRules.CheckNewAsync(services.Users, user, "Someone.Long@agency.example", "Someone.Long@agency.example")).Select(e => e.Message));
    }

    [Fact]
    public void The_list_skips_comments_and_compares_without_case()
    {
        var list = new CommonPasswords(CommonPasswords.Read(new StringReader("# a comment\nqwerty\n\nPassword1\n")));
        Assert.Equal(2, list.Count);
        Assert.True(list.Contains("QWERTY"));
        Assert.True(list.Contains("password1"));
        Assert.False(list.Contains("# a comment"));
    }

    [Fact]
    public void The_bundled_list_has_the_10000_most_common_passwords()
    {
        using var reader = File.OpenText(Path.Combine(RepoPaths.Root, "src", "Section11.Web", "Resources", "common-passwords.txt"));
        var list = new CommonPasswords(CommonPasswords.Read(reader));
        Assert.Equal(10_000, list.Count);
        Assert.True(list.Contains("password"));
        Assert.True(list.Contains("iloveyou"));
        Assert.False(list.Contains("correct-horse-battery-staple"));
    }
}
