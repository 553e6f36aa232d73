using System.Text.RegularExpressions;
using Section11.Core.Tests.Support;
using Section11.Web;

namespace Section11.Web.Tests;

/// <summary>Routes are spelt once, in <see cref="Links"/>: a hand-built app address anywhere else fails here.</summary>
[Trait("Category", "House")]
public partial class LinksTests
{
    // href="/…", action="/…", Redirect("/…"), Redirect($"/…"), new RedirectResult($"/…"), and an interpolated
    // address of one of the app's own areas. Static files (/assets, /css, /js, icons) are not routes.
    [GeneratedRegex("""(?:href|action)="/(?!assets/|css/|js/|lib/|favicon|apple-touch)|(?:Redirect|RedirectResult)\(\$?"/|\$"/(?:returns|partnerships|agencies|accounts?|sign-in)""")]
    private static partial Regex HandBuilt();

    [Fact]
    public void No_page_builds_an_app_address_by_hand()
    {
        var web = Path.Combine(RepoPaths.Root, "src", "Section11.Web");
        var found = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) != "Links.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => !x.line.TrimStart().StartsWith("@page", StringComparison.Ordinal) && HandBuilt().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(web, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void A_return_url_is_kept_only_when_it_is_local()
    {
        Assert.Equal("/sign-in?ReturnUrl=%2Freturns%2F1", Links.SignIn("/returns/1"));
        Assert.Equal("/sign-in", Links.SignIn("/"));
        Assert.Equal("/sign-in", Links.SignIn("//evil.example"));
        Assert.Equal("/sign-in", Links.SignIn("https://evil.example"));
    }

    [Fact]
    public void An_account_id_is_escaped()
    {
        Assert.Equal("/accounts/a%2Fb/deactivate", Links.DeactivateAccount("a/b"));
    }
}
