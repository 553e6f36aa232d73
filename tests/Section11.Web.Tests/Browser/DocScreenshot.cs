using Microsoft.Playwright;
using Section11.Core.Tests.Support;
using Xunit.Abstractions;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// The pictures in docs/screenshots/: the top of a page, 1280 pixels wide, written there only when
/// SECTION11_SCREENSHOTS=1, so an ordinary run (and CI) never changes the working tree; always taken, so a page that
/// cannot be captured fails the test.
/// </summary>
public static class DocScreenshot
{
    public static async Task TakeAsync(IPage page, string name, int height, ITestOutputHelper output)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"section11-{Guid.NewGuid():N}-{name}");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = temp, FullPage = true, Animations = ScreenshotAnimations.Disabled, Clip = new() { X = 0, Y = 0, Width = 1280, Height = height },
            });
            Assert.True(new FileInfo(temp).Length > 10_000, $"The {name} screenshot is suspiciously small");
            if (Environment.GetEnvironmentVariable("SECTION11_SCREENSHOTS") == "1")
            {
                var target = Path.Combine(RepoPaths.Root, "docs", "screenshots", name);
                File.Copy(temp, target, overwrite: true);
                output.WriteLine($"Wrote {target}");
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
