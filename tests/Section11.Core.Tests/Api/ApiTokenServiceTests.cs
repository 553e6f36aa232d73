using Microsoft.EntityFrameworkCore;
using Section11.Core.Api;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Api;

/// <summary>API tokens against a real database (SQLite or PostgreSQL).</summary>
public sealed class ApiTokenServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private async Task<(int PartnershipId, string UserId)> PartnershipAsync()
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "masa-2018");
        return (created.PartnershipId, await TestData.CreateUserAsync(db, created.AgencyId, name: "Alex Admin"));
    }

    [Fact]
    public async Task An_issued_token_reads_its_partnership_until_it_is_revoked_and_both_are_in_the_change_log()
    {
        var (pid, user) = await PartnershipAsync();
        var time = new FixedTime(Now);
        await using var db = database.CreateContext();
        var service = new ApiTokenService(db, time);

        var (issued, errors) = await service.IssueAsync(pid, "  Performance dashboard ", user);
        Assert.Empty(errors);
        Assert.NotNull(issued);
        Assert.StartsWith("s11_", issued.Secret, StringComparison.Ordinal);
        Assert.Equal(47, issued.Secret.Length);
        Assert.Equal(issued.Secret[..12], issued.Prefix);
        Assert.Equal("Performance dashboard", issued.Name);

        Assert.Equal(pid, (await service.AuthenticateAsync(issued.Secret))?.PartnershipId);
        Assert.Null(await service.AuthenticateAsync(issued.Secret[..^1] + (issued.Secret[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(await service.AuthenticateAsync(issued.Secret[4..]));
        Assert.Null(await service.AuthenticateAsync(null));

        var listed = Assert.Single(await service.ListAsync(pid));
        Assert.Equal(("Performance dashboard", "Alex Admin", true, Now.UtcDateTime), (listed.Name, listed.CreatedByName, listed.IsActive, listed.CreatedAt));

        time.Now = Now.AddHours(1);
        Assert.True(await service.RevokeAsync(pid, issued.Id, user));
        Assert.Null(await service.AuthenticateAsync(issued.Secret));
        var revoked = (await service.GetAsync(pid, issued.Id))!;
        Assert.Equal((false, Now.AddHours(1).UtcDateTime, "Alex Admin"), (revoked.IsActive, revoked.RevokedAt, revoked.RevokedByName));
        Assert.True(await service.RevokeAsync(pid, issued.Id, user));

        await using var check = database.CreateContext();
        var log = await check.ChangeLog.Where(c => c.EntityType == "ApiToken" && c.EntityId == issued.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(["Issued", "Revoked"], log.Select(c => c.Field));
        Assert.All(log, c => Assert.Equal(user, c.UserId));
        Assert.Equal($"Performance dashboard ({issued.Prefix}…)", log[0].NewValue);
        Assert.Equal(Now.AddHours(1).UtcDateTime, log[1].At);
        Assert.DoesNotContain(log, c => (c.OldValue + c.NewValue).Contains(issued.Secret[12..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_hash_of_the_secret_is_stored()
    {
        var (pid, user) = await PartnershipAsync();
        await using var db = database.CreateContext();
        var (issued, _) = await new ApiTokenService(db, new FixedTime(Now)).IssueAsync(pid, "Warehouse", user);

        await using var check = database.CreateContext();
        var row = await check.ApiTokens.SingleAsync(t => t.Id == issued!.Id);
        Assert.Equal(ApiTokenService.Hash(issued!.Secret), row.TokenHash);
        Assert.Equal(64, row.TokenHash.Length);
        Assert.DoesNotContain(issued.Secret[12..], string.Join("|", row.Name, row.Prefix, row.TokenHash), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Last_used_is_written_at_most_once_a_minute()
    {
        var (pid, user) = await PartnershipAsync();
        var time = new FixedTime(Now);
        await using var db = database.CreateContext();
        var service = new ApiTokenService(db, time);
        var (issued, _) = await service.IssueAsync(pid, "Dashboard", user);
        Assert.Null((await service.GetAsync(pid, issued!.Id))!.LastUsedAt);

        async Task<DateTime?> UsedAt(DateTimeOffset at)
        {
            time.Now = at;
            Assert.Equal(pid, (await service.AuthenticateAsync(issued.Secret))?.PartnershipId);
            return (await service.GetAsync(pid, issued.Id))!.LastUsedAt;
        }

        Assert.Equal(Now.UtcDateTime, await UsedAt(Now));
        Assert.Equal(Now.UtcDateTime, await UsedAt(Now.AddSeconds(59)));
        Assert.Equal(Now.AddSeconds(60).UtcDateTime, await UsedAt(Now.AddSeconds(60)));
        Assert.Equal(Now.AddSeconds(60).UtcDateTime, await UsedAt(Now.AddSeconds(90)));
        Assert.Equal(Now.AddMinutes(5).UtcDateTime, await UsedAt(Now.AddMinutes(5)));
    }

    [Fact]
    public async Task A_name_is_required_short_and_unique_among_the_partnerships_active_tokens()
    {
        var (pid, user) = await PartnershipAsync();
        var (other, otherUser) = await PartnershipAsync();
        await using var db = database.CreateContext();
        var service = new ApiTokenService(db, new FixedTime(Now));

        Assert.Equal(("Name", "Enter a name for the token, for example the system that will use it"), Single(await service.IssueAsync(pid, " ", user)));
        Assert.Equal(("Name", "The name must be 100 characters or fewer"), Single(await service.IssueAsync(pid, new string('a', 101), user)));
        Assert.Empty((await service.IssueAsync(pid, new string('a', 100), user)).Errors);

        var (first, _) = await service.IssueAsync(pid, "Dashboard", user);
        Assert.Equal(("Name", "An active token already has this name: choose another, or revoke that token first"),
            Single(await service.IssueAsync(pid, "Dashboard", user)));
        Assert.Empty((await service.IssueAsync(other, "Dashboard", otherUser)).Errors);

        // Another partnership's token cannot be seen or revoked through this partnership.
        Assert.Null(await service.GetAsync(other, first!.Id));
        Assert.False(await service.RevokeAsync(other, first.Id, otherUser));
        Assert.True(await service.RevokeAsync(pid, first.Id, user));
        Assert.Empty((await service.IssueAsync(pid, "Dashboard", user)).Errors);
        Assert.Equal(["Dashboard", new string('a', 100), "Dashboard"], (await service.ListAsync(pid)).Select(t => t.Name));
        Assert.Equal([true, true, false], (await service.ListAsync(pid)).Select(t => t.IsActive));

        static (string, string) Single((IssuedApiToken? Issued, IReadOnlyList<Section11.Core.Returns.FieldError> Errors) result)
        {
            Assert.Null(result.Issued);
            var e = Assert.Single(result.Errors);
            return (e.Key, e.Message);
        }
    }
}
