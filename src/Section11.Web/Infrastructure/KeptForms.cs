using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.Options;
using Section11.Core.Accounts;

namespace Section11.Web.Infrastructure;

/// <summary>
/// A form sent after the session ended from idleness is not lost (WCAG 2.2.1 without JavaScript): instead of the
/// plain redirect to sign-in, the fields are kept (<see cref="KeptFormService"/>, encrypted, bound to the person whose
/// session it was and to this browser's kept-form cookie), sign-in says so, and the page the form came from comes
/// back after sign-in with <c>?kept={id}</c>, where <see cref="KeptFormFilter"/> puts the fields back. Nothing is saved
/// for the person: they check what they typed and send it again.
/// </summary>
public static class KeptForms
{
    public const string Query = "kept";
    public const string CookieName = "section11-kept";

    /// <summary>Set in HttpContext.Items when a page was drawn with kept fields put back, for the layout's banner.</summary>
    public const string RestoredItem = "section11.kept-form-restored";

    /// <summary>The cookie's OnRedirectToLogin: keeps the form when it is one sent by a session that ran out.</summary>
    public static async Task RedirectToLoginAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (await KeepAsync(context) is { } returnUrl)
        {
            context.RedirectUri = Links.SignIn(returnUrl);
        }

        context.Response.Redirect(context.RedirectUri);
    }

    /// <summary>Whether a sign-in on the way to this address will get a kept form back, for the sign-in page's words.</summary>
    public static bool IsWaiting(HttpContext http, string? returnUrl) =>
        http.Request.Cookies.ContainsKey(CookieName) && returnUrl is not null
        && QueryOf(returnUrl).ContainsKey(Query);

    /// <summary>"30 minutes": the idle time, in words, for the sign-in page and the restored page.</summary>
    public static string IdleWords(HttpContext http)
    {
        var minutes = http.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.SessionIdleMinutes;
        return minutes == 1 ? "1 minute" : $"{minutes.ToString(CultureInfo.InvariantCulture)} minutes";
    }

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> QueryOf(string url)
    {
        var at = url.IndexOf('?', StringComparison.Ordinal);
        return at < 0 ? [] : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url[at..]);
    }

    /// <summary>The address to come back to with the kept form, or null when this request is not one to keep.</summary>
    private static async Task<string?> KeepAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        // Only a page's form: its GET draws the form again. Files are not kept (no page of ours takes one today).
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType
            || http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null)
        {
            return null;
        }

        var ended = await EndedSessionAsync(http, context.Options);
        if (ended is null)
        {
            return null;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null; // FormReadingMiddleware explains unreadable forms; here the plain sign-in will do
        }

        // The form must carry a token made for the person whose session it was: a form from anywhere else is not kept.
        var signedIn = http.User;
        http.User = ended.Principal;
        var genuine = await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
        http.User = signedIn;
        if (!genuine)
        {
            return null;
        }

        var browserKey = request.Cookies[CookieName] is { Length: 43 } existing
            ? existing
            : System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var path = request.Path.Value ?? "/";
        var id = await http.RequestServices.GetRequiredService<KeptFormService>()
            .KeepAsync(ended.UserId, browserKey, path, form.Select(f => KeyValuePair.Create(f.Key, f.Value.Select(v => v ?? "").ToArray())), http.RequestAborted);
        var cookie = new CookieBuilder
        {
            Name = CookieName,
            Path = "/",
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            SecurePolicy = context.Options.Cookie.SecurePolicy,
            IsEssential = true,
            MaxAge = KeptFormService.Lifetime,
        };
        http.Response.Cookies.Append(CookieName, browserKey, cookie.Build(http));

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => q.Key is not "handler" and not Query)
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create(Query, (string?)id.ToString("N")));
        return path + QueryString.Create(query);
    }

    private sealed record EndedSession(string UserId, System.Security.Claims.ClaimsPrincipal Principal);

    /// <summary>
    /// The person of the request's session cookie, when that cookie is genuine and its session ended only because its
    /// idle time ran out (the cookie handler has already refused it; it no longer says whose it was).
    /// </summary>
    private static async Task<EndedSession?> EndedSessionAsync(HttpContext http, CookieAuthenticationOptions options)
    {
        var cookie = options.CookieManager.GetRequestCookie(http, options.Cookie.Name!);
        if (string.IsNullOrEmpty(cookie) || options.TicketDataFormat.Unprotect(cookie) is not { } ticket)
        {
            return null;
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var userIdClaim = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.UserIdClaimType;
        if (ticket.Properties.ExpiresUtc is not { } expires || expires > now
            || ticket.Principal.FindFirst(userIdClaim)?.Value is not { } userId
            || ServerSessions.SessionIdOf(ticket.Principal) is not { } sessionId)
        {
            return null;
        }

        // A session ended on purpose (sign-out, a new password, deactivation) takes its forms with it.
        return await http.RequestServices.GetRequiredService<SessionService>().IsLiveAsync(sessionId, userId)
            ? new EndedSession(userId, ticket.Principal)
            : null;
    }
}

/// <summary>
/// Puts a kept form back into the page it came from: on the GET after sign-in (<c>?kept={id}</c>), once the page
/// has loaded what is stored, the kept fields are bound over it exactly as a POST would bind them, so every page
/// gets this without code of its own. The hidden version goes back too, so a colleague's save meanwhile is still
/// caught when the person saves again.
/// </summary>
public sealed class KeptFormFilter(KeptFormService kept, ParameterBinder binder, IModelBinderFactory binders, IModelMetadataProvider metadata)
    : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) || executed.Result is not PageResult
            || !Guid.TryParseExact(http.Request.Query[KeptForms.Query].ToString(), "N", out var id)
            || http.RequestServices.GetRequiredService<UserManager<Core.Identity.ApplicationUser>>().GetUserId(http.User) is not { } userId
            || executed.HandlerInstance is null)
        {
            return;
        }

        var fields = await kept.TakeAsync(id, userId, http.Request.Cookies[KeptForms.CookieName], http.Request.Path.Value ?? "/", http.RequestAborted);
        if (fields is null)
        {
            return;
        }

        var values = new FormValueProvider(BindingSource.Form,
            new FormCollection(fields.ToDictionary(f => f.Key, f => new Microsoft.Extensions.Primitives.StringValues(f.Value))), CultureInfo.CurrentCulture);
        var page = context.ActionDescriptor;
        var instance = executed.HandlerInstance;
        foreach (var property in page.BoundProperties.OfType<PageBoundPropertyDescriptor>())
        {
            var propertyMetadata = metadata.GetMetadataForProperty(instance.GetType(), property.Name);
            var modelBinder = binders.CreateBinder(new ModelBinderFactoryContext
            {
                BindingInfo = property.BindingInfo,
                Metadata = propertyMetadata,
                CacheToken = property,
            });
            // [BindProperty] binds only POSTs unless told otherwise; this GET binds what a POST sent.
            var asPosted = new Microsoft.AspNetCore.Mvc.Abstractions.ParameterDescriptor
            {
                Name = property.Name,
                ParameterType = property.ParameterType,
                BindingInfo = property.BindingInfo is null ? null : new BindingInfo(property.BindingInfo) { RequestPredicate = null },
            };
            var result = await binder.BindModelAsync(executed, modelBinder, values, asPosted, propertyMetadata, property.Property.GetValue(instance), container: instance);
            if (result.IsModelSet)
            {
                property.Property.SetValue(instance, result.Model);
            }
        }

        // The page draws from its properties, now the kept values; nothing has been checked yet, so no errors show.
        executed.ModelState.Clear();
        http.Items[KeptForms.RestoredItem] = true;
    }
}
