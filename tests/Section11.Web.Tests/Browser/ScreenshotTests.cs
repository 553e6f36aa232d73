using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Section11.Core.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// A full-page picture of a standard page for the documentation. The file in docs/screenshots/ is only
/// rewritten when SECTION11_SCREENSHOTS=1, so an ordinary run (and CI) never changes the working tree.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(HttpsServerFactory server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<HttpsServerFactory>, IClassFixture<BrowserFixture>
{
    private const int Width = 1280;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task A_masa_standard_page_is_captured_for_the_documentation()
    {
        var lead = await server.CreateLeadAsync("masa-2018");
        await using var context = await browser.NewContextAsync(server.ServerAddress, javaScript: true, width: Width);
        var page = await context.NewPageAsync();

        await BrowserSteps.SignInAsync(page, server, lead.Email);

        await page.GotoAsync($"/returns/{lead.ReturnId}/standards/1");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^Standard 1: Leadership and Accountability"));
        await Expect(page.Locator("body")).ToHaveClassAsync(new Regex(@"\bgovuk-frontend-supported\b"));
        // The service's GOV.UK stylesheet has loaded: text is set in Arial (no GDS Transport off GOV.UK), not the browser's serif.
        Assert.StartsWith("arial", await page.Locator("h1").EvaluateAsync<string>("h => getComputedStyle(h).fontFamily"), StringComparison.OrdinalIgnoreCase);

        var temp = Path.Combine(Path.GetTempPath(), $"section11-standard-page-{Guid.NewGuid():N}.png");
        try
        {
            // The top of the page (header, the standard and its first item with the grade descriptors) is what the README shows.
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = temp, FullPage = true, Animations = ScreenshotAnimations.Disabled, Clip = new() { X = 0, Y = 0, Width = Width, Height = 1500 },
            });

            var png = await File.ReadAllBytesAsync(temp);
            Assert.True(png.Length > PngSignature.Length + 16, $"The screenshot is only {png.Length} bytes");
            Assert.Equal(PngSignature, png[..PngSignature.Length]);
            // IHDR: width then height, big-endian, straight after the signature and the chunk header.
            var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
            var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
            Assert.Equal(Width, width);
            Assert.Equal(1500, height);

            if (Environment.GetEnvironmentVariable("SECTION11_SCREENSHOTS") == "1")
            {
                var target = Path.Combine(RepoPaths.Root, "docs", "screenshots", "standard-page.png");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(temp, target, overwrite: true);
                output.WriteLine($"Wrote {target} ({width}x{height}, {png.Length:N0} bytes)");
            }
            else
            {
                output.WriteLine($"Screenshot taken ({width}x{height}, {png.Length:N0} bytes); set SECTION11_SCREENSHOTS=1 to write docs/screenshots/standard-page.png");
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
