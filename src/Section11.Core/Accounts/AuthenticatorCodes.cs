using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Identity;

namespace Section11.Core.Accounts;

public enum CodeCheck
{
    Accepted,
    Wrong,
    AlreadyUsed,
}

/// <summary>
/// Codes from authenticator apps (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), each usable once: the last
/// accepted time step is kept per person in Identity's user tokens table, and a code for that step or an earlier
/// one is refused, so a code seen over someone's shoulder cannot be replayed within its window.
/// </summary>
public sealed class AuthenticatorCodes(Section11DbContext db, TimeProvider time)
{
    public const string TokenProvider = "Section11";
    public const string LastStepTokenName = "LastAuthenticatorStep";
    public const int StepSeconds = 30;

    /// <summary>Steps accepted either side of now, as Identity's own provider allows, for phones whose clocks drift.</summary>
    public const int Window = 2;

    /// <summary>The outcome of the last check in this request, so a page can say why a code was refused.</summary>
    public CodeCheck? LastCheck { get; private set; }

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The code an authenticator app shows for the key at a time step.</summary>
    public static string Compute(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; its weakness as a hash does not apply to HMAC.
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Base32 (RFC 4648) as authenticator apps take keys; spaces, padding and case are ignored.</summary>
    public static byte[] DecodeKey(string base32)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in base32.ToUpperInvariant())
        {
            if (c is ' ' or '=' or '-')
            {
                continue;
            }

            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("An authenticator key has only the letters A to Z and the digits 2 to 7.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }

    /// <summary>The code with the spaces and hyphens people type removed, or null if it is not 6 digits.</summary>
    public static string? Normalise(string? code)
    {
        var digits = new string((code ?? "").Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>"ABCD EFGH …", easier to copy into an app by hand.</summary>
    public static string FormatKey(string key) =>
        string.Join(' ', key.ToUpperInvariant().Chunk(4).Select(c => new string(c)));

    /// <summary>The time step the code belongs to, within the window around now, or null.</summary>
    public long? MatchStep(string base32Key, string code)
    {
        var key = DecodeKey(base32Key);
        var now = StepAt(time.GetUtcNow());
        for (var step = now - Window; step <= now + Window; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Compute(key, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>Checks a code and, when it is right and newer than the last one used, records its step.</summary>
    public async Task<CodeCheck> CheckAsync(string userId, string base32Key, string? code, CancellationToken ct = default)
    {
        LastCheck = Normalise(code) is { } digits && MatchStep(base32Key, digits) is { } step
            ? await ClaimStepAsync(userId, step, ct) ? CodeCheck.Accepted : CodeCheck.AlreadyUsed
            : CodeCheck.Wrong;
        return LastCheck.Value;
    }

    /// <summary>The last step accepted for the person, if any.</summary>
    public async Task<long?> LastStepAsync(string userId, CancellationToken ct = default) =>
        await db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.LoginProvider == TokenProvider && t.Name == LastStepTokenName)
            .Select(t => t.Value).FirstOrDefaultAsync(ct) is { } value ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// Moves the person's last step forward in one conditional UPDATE, so two requests racing with the same code
    /// cannot both win. Steps are stored zero-padded so that comparing the text compares the numbers.
    /// </summary>
    private async Task<bool> ClaimStepAsync(string userId, long step, CancellationToken ct)
    {
        var value = step.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);
        var tokens = db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == TokenProvider && t.Name == LastStepTokenName);
        if (await tokens.Where(t => string.Compare(t.Value, value) < 0).ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value), ct) == 1)
        {
            return true;
        }

        if (await tokens.AnyAsync(ct))
        {
            return false;
        }

        var token = new IdentityUserToken<string> { UserId = userId, LoginProvider = TokenProvider, Name = LastStepTokenName, Value = value };
        db.UserTokens.Add(token);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another request recorded a first code for this person at the same moment.
            db.Entry(token).State = EntityState.Detached;
            return false;
        }
    }
}

/// <summary>Identity's authenticator token provider, with codes checked by <see cref="AuthenticatorCodes"/>.</summary>
public sealed class ReplayProtectedAuthenticatorTokenProvider(AuthenticatorCodes codes) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Nothing is sent: the app makes the codes.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user) =>
        await manager.GetAuthenticatorKeyAsync(user) is { } key
        && await codes.CheckAsync(await manager.GetUserIdAsync(user), key, token) == CodeCheck.Accepted;
}
