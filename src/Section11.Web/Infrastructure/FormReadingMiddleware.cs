using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Section11.Web.Infrastructure;

/// <summary>Why a form could not be read, in words for the person who sent it.</summary>
public sealed record UnreadableForm(string Reason);

/// <summary>
/// Reads every posted form once, before antiforgery and model binding do. A form that cannot be read (too many
/// fields, a value or body over the limit, a truncated multipart body, a NUL character) answers 400 with the
/// reason on the error page, and is logged as a warning with the reason, never the body. Without this, antiforgery
/// turned the failure into a 400 whose error page then failed to bind its own status code from the same unreadable
/// form, and answered 404 "there is a problem with the service".
/// </summary>
public sealed class FormReadingMiddleware(RequestDelegate next, ILogger<FormReadingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || !request.HasFormContentType
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }

        var (reason, detail) = await ReadAsync(request, context.RequestAborted);
        if (reason is null)
        {
            await next(context);
            return;
        }

        // The framework's message says which limit (never any of the form's content); the body itself is never logged.
        logger.LogWarning("A form could not be read: {Reason} ({Detail}) {Method} {Path}, {Length} bytes declared, user {UserId}",
            reason, detail, request.Method, request.Path.Value, request.ContentLength, context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
        context.Features.Set(new UnreadableForm(reason));
        // The error page is drawn by re-running the pipeline; it must find an empty form, not try this one again.
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    private static async Task<(string? Reason, string? Detail)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > FormLimits.MaxBodyBytes)
        {
            return (TooLarge, "declared length");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException e)
        {
            return (e.Message switch
            {
                var m when m.Contains("value count", StringComparison.OrdinalIgnoreCase) => $"It had more than {FormLimits.MaxFields:N0} fields.",
                var m when m.Contains("value length", StringComparison.OrdinalIgnoreCase) || m.Contains("key length", StringComparison.OrdinalIgnoreCase)
                    => $"One of its fields was longer than the {FormLimits.MaxValueLength:N0} characters a field may be sent as.",
                var m when m.Contains("body length", StringComparison.OrdinalIgnoreCase) => TooLarge,
                var m when m.Contains("end of stream", StringComparison.OrdinalIgnoreCase) => Incomplete,
                var m when m.Contains("invalid characters", StringComparison.OrdinalIgnoreCase) => Nul,
                _ => "It was not in a form this service can read.",
            }, e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (TooLarge, e.Message);
        }
        catch (IOException e) when (e.Message.Contains("buffer limit", StringComparison.OrdinalIgnoreCase))
        {
            return (TooLarge, e.Message);
        }
        catch (IOException e)
        {
            return (Incomplete, e.Message);
        }

        // The URL-encoded reader refuses NUL itself; a multipart value is checked here. PostgreSQL cannot store NUL in text.
        foreach (var (key, values) in form)
        {
            if (key.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                return (Nul, "NUL character");
            }
        }

        return (null, null);
    }

    private static string TooLarge => $"It was larger than the {FormLimits.MaxBodyBytes / (1024 * 1024)} MB a form may be.";

    private const string Nul = "It contained a character that no answer may hold, such as a NUL (a zero byte).";

    private const string Incomplete = "It arrived incomplete: the connection may have been interrupted while it was sent.";
}
