using Microsoft.Extensions.Options;
using Section11.Core.Accounts;

namespace Section11.Web.Infrastructure;

/// <summary>
/// Outside Development every cookie is Secure, so over plain http nobody stays signed in and no form can be drawn (the
/// antiforgery token is refused, a 500). A request that is not HTTPS, after forwarded headers, is answered instead with
/// a page that says so and links to the public https address. No redirect: behind a proxy that ends TLS but is not
/// trusted, a redirect would loop for ever; the page, and the warning in the log, say what is wrong.
/// </summary>
public sealed class HttpsOnlyMiddleware(RequestDelegate next, IOptions<AccountOptions> accounts, ILogger<HttpsOnlyMiddleware> logger)
{
    public const string PagePath = "/errors/https-required";

    /// <summary>Where the page's link goes: the same page at the public https address.</summary>
    public const string AddressItem = "Section11.HttpsAddress";

    private int _warned;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // Load balancers probe health over plain http; neither endpoint reads a cookie or shows anything private.
        if (request.IsHttps || request.Path.StartsWithSegments("/health") || request.Path.StartsWithSegments("/ping"))
        {
            return next(context);
        }

        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            logger.LogWarning(
                "A request arrived over plain http (X-Forwarded-Proto: {Proto}) and was answered with the HTTPS-required page. Behind a proxy that ends TLS, "
                + "set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, have the proxy send X-Forwarded-Proto, and list it in ForwardedHeaders:KnownProxies if set. "
                + "Only the first such request is logged.", request.Headers["X-Forwarded-Proto"].ToString());
        }

        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        context.Items[AddressItem] = accounts.Value.LinkBase(null) + (isRead ? $"{request.Path}{request.QueryString}" : "/");
        // Drawn as an anonymous GET, so the page has no form, and a cookie sent in the clear signs nobody in.
        request.Path = PagePath;
        request.QueryString = QueryString.Empty;
        request.Method = HttpMethods.Get;
        request.Headers.Remove("Cookie");
        request.Headers.Remove("Authorization");
        return next(context);
    }
}
