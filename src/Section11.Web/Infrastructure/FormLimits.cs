using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Section11.Web.Infrastructure;

/// <summary>
/// The one place the size of a request is limited. The largest form is a standard page: 13 items with two text
/// areas each and the supporting statement, 27 fields of up to 10,000 characters (InputLimits.LongText). Typed as
/// characters that take three bytes in UTF-8 and are sent percent-encoded (9 bytes each), that is about 2.4 MB, so
/// the limits below leave room to spare; a field over 10,000 characters still reaches the page's own error message.
/// </summary>
public static class FormLimits
{
    /// <summary>The whole request body: Kestrel's limit, and the buffer limit of a form on any server.</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>Fields in one form (the standard page sends about 100).</summary>
    public const int MaxFields = 1024;

    /// <summary>One field's value as sent (percent-encoded), 26 times the longest text a field may hold.</summary>
    public const int MaxValueLength = 256 * 1024;

    /// <summary>One field's name ("Answers[12].Timescale.Year" is 26).</summary>
    public const int MaxKeyLength = 200;

    public static WebApplicationBuilder AddSection11Forms(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = MaxFields;
            o.ValueLengthLimit = MaxValueLength;
            o.KeyLengthLimit = MaxKeyLength;
            o.MultipartBodyLengthLimit = MaxBodyBytes;
            // Buffering with a limit bounds the body on servers without Kestrel's limit (the test server, a proxy's).
            o.BufferBody = true;
            o.BufferBodyLengthLimit = MaxBodyBytes;
            o.MemoryBufferThreshold = 1024 * 1024;
        });
        builder.Services.Configure<MvcOptions>(o =>
        {
            o.MaxModelBindingCollectionSize = MaxFields;
            o.ModelBinderProviders.Insert(0, new StrictEnumBinderProvider());
            o.ModelBinderProviders.Insert(1, new SingleValueBinderProvider());
            o.Filters.Add(new RefuseUnboundFormFilter());
        });
        return builder;
    }
}
