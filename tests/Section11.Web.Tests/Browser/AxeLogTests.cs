using Microsoft.Playwright;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// The journeys pass only if axe finds nothing, so first make sure it can find something: a page with known
/// failures, with JavaScript on and off (where the log checks a copy of the page), must be reported.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class AxeLogTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Address = "https://localhost:9/broken";

    private const string Broken = """
        <!DOCTYPE html>
        <html><head><title>Broken</title></head>
        <body><main><h1>Broken</h1><form><input type="text" name="unlabelled"></form><img src="data:," ></main></body></html>
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Violations_on_a_page_are_reported_with_the_address_rule_and_element(bool javaScript)
    {
        await using var context = await browser.NewContextAsync(new Uri(Address), javaScript);
        var page = await context.NewPageAsync();
        await page.RouteAsync("**/*", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = Broken }));
        await page.GotoAsync(Address);

        await using var axe = new AxeLog(browser, javaScript);
        await axe.CheckAsync(page, "deliberately broken", waitForFrontend: false);

        Assert.Contains(axe.Violations, v => v.StartsWith($"{Address} (deliberately broken): label ", StringComparison.Ordinal) && v.Contains("input", StringComparison.Ordinal));
        Assert.Contains(axe.Violations, v => v.Contains(": image-alt ", StringComparison.Ordinal) && v.Contains("img", StringComparison.Ordinal));
        var failure = Assert.ThrowsAny<Exception>(axe.AssertNone);
        Assert.Contains("accessibility violation(s) on 1 page(s) checked", failure.Message, StringComparison.Ordinal);
    }
}
