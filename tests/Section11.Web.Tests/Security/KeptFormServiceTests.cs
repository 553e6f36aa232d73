using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Accounts;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Security;

/// <summary>
/// A form kept after an idle session ended goes back only to the person whose session it was, on the browser that
/// sent it, on the page it came from, once; secrets are never written down, and the stored row is not readable text.
/// </summary>
[Trait("Category", "Accessibility")]
[Trait("Category", "Security")]
public sealed class KeptFormServiceTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private const string Evidence = "Evidence typed after the session ended: the safeguarding policy, reviewed in March.";
    private const string BrowserKey = "browser-key-of-the-person-whose-session-ended-0";

    [Fact]
    public async Task Another_person_signing_in_cannot_restore_the_form()
    {
        var owner = await factory.CreateLeadAsync("masa-2018");
        var other = await factory.CreateLeadAsync("masa-2018", name: "Alex Other");
        var path = $"/returns/{owner.ReturnId}/standards/1";
        var id = await KeepAsync(owner.UserId, path);

        // Someone else on the same browser (so with the same cookie), the same address: nothing.
        Assert.Null(await TakeAsync(id, other.UserId, BrowserKey, path));
        // The owner on another browser, or on another page: nothing.
        Assert.Null(await TakeAsync(id, owner.UserId, "another-browser", path));
        Assert.Null(await TakeAsync(id, owner.UserId, BrowserKey, $"/returns/{owner.ReturnId}/standards/2"));

        // The owner on the same browser and page gets it, without the secrets, once.
        var kept = await TakeAsync(id, owner.UserId, BrowserKey, path);
        Assert.NotNull(kept);
        Assert.Equal([Evidence], kept["Answers[0].ActualEvidence"]);
        Assert.False(kept.ContainsKey("__RequestVerificationToken"));
        Assert.False(kept.ContainsKey("Password"));
        Assert.Null(await TakeAsync(id, owner.UserId, BrowserKey, path));
    }

    [Fact]
    public async Task The_kept_form_is_encrypted_and_expires()
    {
        var owner = await factory.CreateLeadAsync("masa-2018");
        var path = $"/returns/{owner.ReturnId}/standards/1";
        var id = await KeepAsync(owner.UserId, path);

        await using (var db = factory.Database.CreateContext())
        {
            var row = await db.KeptForms.SingleAsync(f => f.Id == id);
            Assert.DoesNotContain("safeguarding policy", row.Fields, StringComparison.Ordinal);
            Assert.DoesNotContain(BrowserKey, row.BrowserKeyHash, StringComparison.Ordinal);
        }

        factory.Clock.Advance(KeptFormService.Lifetime + TimeSpan.FromMinutes(1));
        try
        {
            Assert.Null(await TakeAsync(id, owner.UserId, BrowserKey, path));
        }
        finally
        {
            factory.Clock.Advance(-(KeptFormService.Lifetime + TimeSpan.FromMinutes(1)));
        }
    }

    private async Task<Guid> KeepAsync(string userId, string path)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KeptFormService>().KeepAsync(userId, BrowserKey, path,
        [
            KeyValuePair.Create("Answers[0].ActualEvidence", new[] { Evidence }),
            KeyValuePair.Create("__RequestVerificationToken", new[] { "token" }),
            KeyValuePair.Create("Password", new[] { "a password typed on the page" }),
        ]);
    }

    private async Task<Dictionary<string, string[]>?> TakeAsync(Guid id, string userId, string browserKey, string path)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KeptFormService>().TakeAsync(id, userId, browserKey, path);
    }
}
