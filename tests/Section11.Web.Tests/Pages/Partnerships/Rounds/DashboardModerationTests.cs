using Microsoft.Extensions.DependencyInjection;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Review;
using Section11.Core.Tests.Support;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Pages.Partnerships.Rounds;

/// <summary>The dashboard's self-assessment against moderation, on the framework with its own 0–3 moderation scale.</summary>
[Trait("Category", "Review")]
public sealed class DashboardModerationTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    [Fact]
    public async Task The_dashboard_shows_how_often_moderation_agrees_and_which_way_it_moved()
    {
        // Every item and evaluation self-rated Met (worth 2 on the 0–3 scale).
        var r = await ReviewTestData.ModeratedScaleReceiptAsync(factory.Database, new FrameworkCatalog(), TimeProvider.System);
        var admin = await factory.CreatePersonAsync(Role.PartnershipAdministrator, partnershipId: r.PartnershipId, name: "Ada Admin");
        using var client = factory.CreateHtmlClient();
        await client.SignInAsync(admin.Email);
        var url = Links.RoundDashboard(r.PartnershipId, r.RoundId);
        Assert.Equal("No submitted return in this view has a moderated rating yet. Moderated ratings are set on each return's review.",
            (await client.GetAsync(url)).Text("#moderation-none"));

        using (var scope = factory.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            Assert.Empty(await services.GetRequiredService<ReviewService>().ActAsync(r.ReceiptId, ReviewAction.Start, admin.UserId));
            var moderation = services.GetRequiredService<ModerationService>();
            var one = (await moderation.GetStandardAsync(r.ReceiptId, 1))!.Items.Select(i => i.ItemId).ToArray();
            var two = (await moderation.GetStandardAsync(r.ReceiptId, 2))!.Items.Select(i => i.ItemId).ToArray();
            // Standard 1: an item agreed (2), an item moderated down (1), the evaluation moderated up (3).
            Assert.Empty(await moderation.SaveStandardAsync(r.ReceiptId, 1,
                [new(one[0], "2", null), new(one[1], "1", "The plan is from 2019"), new(null, "3", "Embedded across the trust")], admin.UserId));
            // Standard 2: the evaluation moderated down (0).
            Assert.Empty(await moderation.SaveStandardAsync(r.ReceiptId, 2, [new(two[0], "", null), new(null, "0", "No audit since 2022")], admin.UserId));
        }

        var page = await client.GetAsync(url);
        Assert.Equal("Of 4 moderated ratings (items and standard evaluations), 1 (25%) agree with the agency's own rating; 2 moderated down, 1 moderated up.",
            page.Text("#moderation-agreement"));
        var row = page.Document.QuerySelector($"#moderation-{r.Summary.Id}")!;
        Assert.Equal(Links.Review(r.PartnershipId, r.RoundId, r.ReceiptId), row.QuerySelector("th a")!.GetAttribute("href"));
        var cells = row.QuerySelectorAll("td").Select(c => string.Join(' ', c.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal("Standard 1: Met →, moderated 3 moderated up", cells[0]);
        Assert.Equal("Standard 2: Met →, moderated 0 moderated down", cells[1]);
        Assert.All(cells.Skip(2).SkipLast(1), c => Assert.Equal("Not moderated", c));
        Assert.Equal("1 of 4", cells[^1]);
        Assert.Equal(2, page.Document.QuerySelectorAll("#moderated-down li").Length);
        Assert.StartsWith("Standard 1: ", page.Text("#moderated-down li:first-child"), StringComparison.Ordinal);
        Assert.EndsWith("(1 of 3 moderated ratings moderated down)", page.Text("#moderated-down li:first-child"), StringComparison.Ordinal);
        Assert.EndsWith("(1 of 1 moderated rating moderated down)", page.Text("#moderated-down li:last-child"), StringComparison.Ordinal);

        // The round's files carry each moderated grade beside the agency's own: the CSV per item, the workbook per
        // item and evaluation (its moderated columns last on each standard's sheet).
        var csv = (await client.Http.GetStringAsync(Links.RoundExportFile(r.PartnershipId, r.RoundId, "csv"))).Split("\r\n");
        Assert.Equal("Moderated rating,Moderated rating value,Moderation", string.Join(',', csv[0].Split(',')[^3..]));
        Assert.Equal(["Met,2,Yes,2,2,Agrees", "Met,2,Yes,1,1,Moderated down"], csv.Where(l => l.EndsWith("Agrees", StringComparison.Ordinal) || l.EndsWith("Moderated down", StringComparison.Ordinal))
            .Select(l => string.Join(',', l.Split(',')[^9..^6].Concat(l.Split(',')[^3..]))));
        using var xlsx = new System.IO.Compression.ZipArchive(new MemoryStream(await client.Http.GetByteArrayAsync(Links.RoundExportFile(r.PartnershipId, r.RoundId, "xlsx"))));
        var strings = await new StreamReader(xlsx.GetEntry("xl/sharedStrings.xml")!.Open()).ReadToEndAsync();
        Assert.All(["2 (agrees)", "1 (moderated down)", "3 (moderated up)", "0 (moderated down)", "1.1 moderated", "Standard 1 evaluation moderated"],
            t => Assert.Contains($">{t}<", strings, StringComparison.Ordinal));
    }
}
