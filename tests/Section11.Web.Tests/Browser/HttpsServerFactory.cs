using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Browser;

/// <summary>
/// The real application on Kestrel over HTTPS, for the browser. Plain HTTP (<see cref="Section11ServerFactory"/>)
/// cannot serve a form: the antiforgery cookie is configured with SecurePolicy = Always, and ASP.NET Core then
/// refuses to issue a token on a request that is not HTTPS (InvalidOperationException, so every page with a form,
/// the sign-in page first, is a 500). The app is right to insist; the tests serve it as production does, over TLS,
/// with a throwaway self-signed certificate for localhost that the test browser context is told to accept.
/// </summary>
public sealed class HttpsServerFactory : Section11Factory
{
    public override async Task InitializeAsync()
    {
        // Before the base starts the host: Kestrel can only be chosen while the factory is not yet initialised.
        var certificate = CreateCertificate();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        await base.InitializeAsync();
        _ = Services; // Starts the host if the base has not.
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Round-trip through PKCS#12 so the private key is usable by TLS on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
