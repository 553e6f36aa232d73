using Section11.Core.Accounts;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Accounts;

public sealed class AuthenticatorCodesTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 30, 5, TimeSpan.Zero);

    [Theory]
    // RFC 6238 appendix B, SHA-1 key "12345678901234567890", last 6 of the 8 digits.
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void Codes_match_the_rfc_6238_test_vectors(long unixSeconds, string expected)
    {
        var key = "12345678901234567890"u8.ToArray();
        Assert.Equal(expected, AuthenticatorCodes.Compute(key, AuthenticatorCodes.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))));
    }

    [Fact]
    public void Keys_decode_from_base32_as_apps_read_them()
    {
        // "12345678901234567890" in base32.
        Assert.Equal("12345678901234567890"u8.ToArray(), AuthenticatorCodes.DecodeKey("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
        Assert.Equal(AuthenticatorCodes.DecodeKey("GEZDGNBVGY3TQOJQ"), AuthenticatorCodes.DecodeKey("gezd gnbv gy3t qojq"));
        Assert.Equal("SECT IONE LEVE NDEM ONOT ASEC RETK EY23", AuthenticatorCodes.FormatKey(DemoAccounts.AuthenticatorKey));
        Assert.Equal(20, AuthenticatorCodes.DecodeKey(DemoAccounts.AuthenticatorKey).Length);
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12345a", null)]
    [InlineData("", null)]
    public void Codes_are_six_digits_with_spaces_and_hyphens_allowed(string typed, string? expected) =>
        Assert.Equal(expected, AuthenticatorCodes.Normalise(typed));

    [Fact]
    public async Task A_code_is_accepted_two_steps_either_side_of_now_and_not_further()
    {
        await using var services = new AccountServices(database, new FixedTime(Now));
        var codes = services.Get<AuthenticatorCodes>();
        var key = DemoAccounts.AuthenticatorKey;
        var bytes = AuthenticatorCodes.DecodeKey(key);
        var now = AuthenticatorCodes.StepAt(Now);
        for (var offset = -3; offset <= 3; offset++)
        {
            var step = codes.MatchStep(key, AuthenticatorCodes.Compute(bytes, now + offset));
            Assert.Equal(Math.Abs(offset) <= AuthenticatorCodes.Window ? now + offset : null, step);
        }
    }

    [Fact]
    public async Task Each_time_step_is_accepted_once_and_never_an_earlier_one_after_it()
    {
        await using var services = new AccountServices(database, new FixedTime(Now));
        var user = await services.CreateUserAsync();
        var codes = services.Get<AuthenticatorCodes>();
        var key = DemoAccounts.AuthenticatorKey;
        string At(int offset) => AuthenticatorCodes.Compute(AuthenticatorCodes.DecodeKey(key), AuthenticatorCodes.StepAt(Now) + offset);

        Assert.Equal(CodeCheck.Accepted, await codes.CheckAsync(user.Id, key, At(0)));
        Assert.Equal(CodeCheck.AlreadyUsed, await codes.CheckAsync(user.Id, key, At(0)));
        Assert.Equal(CodeCheck.AlreadyUsed, await codes.CheckAsync(user.Id, key, At(-1)));
        Assert.Equal(CodeCheck.Accepted, await codes.CheckAsync(user.Id, key, At(1)));
        Assert.Equal(CodeCheck.Wrong, await codes.CheckAsync(user.Id, key, "000000" == At(2) ? "111111" : "000000"));
        Assert.Equal(AuthenticatorCodes.StepAt(Now) + 1, await codes.LastStepAsync(user.Id));
    }

    [Fact]
    public async Task Two_requests_with_the_same_code_at_once_let_only_one_in()
    {
        await using var services = new AccountServices(database, new FixedTime(Now));
        var user = await services.CreateUserAsync();
        var code = AuthenticatorCodes.Compute(AuthenticatorCodes.DecodeKey(DemoAccounts.AuthenticatorKey), AuthenticatorCodes.StepAt(Now));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = services.NewScope();
            var codes = (AuthenticatorCodes)scope.ServiceProvider.GetService(typeof(AuthenticatorCodes))!;
            return await codes.CheckAsync(user.Id, DemoAccounts.AuthenticatorKey, code);
        }));

        Assert.Equal(1, results.Count(r => r == CodeCheck.Accepted));
        Assert.Equal(3, results.Count(r => r == CodeCheck.AlreadyUsed));
    }
}
