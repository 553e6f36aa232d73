using System.Net;
using Microsoft.AspNetCore.Hosting;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// The real application on Kestrel over HTTPS, for the browser. Plain HTTP cannot serve a form outside Development:
/// the antiforgery cookie is configured with SecurePolicy = Always, so the service answers every plain-http request
/// with its "must be used over HTTPS" page. The tests serve it as production does, over TLS, with a throwaway
/// self-signed certificate for localhost that the test browser context is told to accept.
/// </summary>
public class HttpsServerFactory : Section11Factory
{
    // Chosen before start, so Accounts:PublicBaseUrl (links in emails) is the address the browser uses.
    private readonly int _port = TestCertificates.FreeLoopbackPort();

    protected override string PublicBaseUrl => $"https://localhost:{_port}";

    public override async Task InitializeAsync()
    {
        // Before the base starts the host: Kestrel can only be chosen while the factory is not yet initialised.
        var certificate = TestCertificates.Localhost();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port, listen => listen.UseHttps(certificate)));
        await base.InitializeAsync();
        _ = Services; // Starts the host if the base has not.
    }
}
