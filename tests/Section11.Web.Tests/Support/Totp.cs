using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Accounts;
using Section11.Core.Identity;

namespace Section11.Web.Tests.Support;

/// <summary>
/// What an authenticator app does (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, base32 key), written separately
/// from the service's own code so that tests check one against the other.
/// </summary>
public static class Totp
{
    public static long Step(DateTimeOffset at) => at.ToUnixTimeSeconds() / 30;

    public static string Code(string base32Key, long step)
    {
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 is HMAC-SHA1.
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[19] & 0xf;
        var value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1000000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static byte[] FromBase32(string text)
    {
        var bits = string.Concat(text.ToUpperInvariant().Where(c => c is not (' ' or '='))
            .Select(c => Convert.ToString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }

    /// <summary>The person's authenticator key, and the last time step the service accepted from them.</summary>
    public static async Task<(string Key, long? LastStep)> AuthenticatorAsync(this Section11Factory factory, string email)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}");
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException($"{email} has no authenticator key");
        return (key, await scope.ServiceProvider.GetRequiredService<AuthenticatorCodes>().LastStepAsync(user.Id));
    }

    /// <summary>
    /// A code the service will accept now, on its clock: for a time step later than the last one it accepted from this
    /// person (it refuses reused codes), and within a step of now (it accepts two either side, so this leaves room for
    /// the clock to tick). When three sign-ins in one step have used up the room, the server's clock moves on a step
    /// instead of the test waiting for one.
    /// </summary>
    public static async Task<string> NextCodeAsync(this Section11Factory factory, string email)
    {
        var (key, last) = await factory.AuthenticatorAsync(email);
        var now = Step(factory.Clock.GetUtcNow());
        var step = Math.Max(now - 1, (last ?? long.MinValue) + 1);
        if (step > now + 1)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(30 * (step - 1 - now)));
        }

        return Code(key, step);
    }
}
