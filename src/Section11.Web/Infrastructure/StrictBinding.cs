using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Section11.Core;

namespace Section11.Web.Infrastructure;

/// <summary>
/// Binds an enum-typed form value by its defined name only (StrictEnum), where MVC's own binder also takes numbers.
/// Pages bind strings today and Core parses them the same way; this keeps any enum bound later just as strict.
/// </summary>
public sealed class StrictEnumBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type.IsEnum ? new Binder(type) : null;
    }

    private sealed class Binder(Type type) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var value = context.ValueProvider.GetValue(context.ModelName);
            if (value == ValueProviderResult.None || string.IsNullOrEmpty(value.FirstValue))
            {
                return Task.CompletedTask;
            }

            context.ModelState.SetModelValue(context.ModelName, value);
            if (value.Length == 1 && StrictEnum.TryParse(type, value.FirstValue, out var parsed))
            {
                context.Result = ModelBindingResult.Success(parsed);
            }
            else
            {
                context.ModelState.TryAddModelError(context.ModelName, $"{context.ModelMetadata.GetDisplayName()} is not one of the choices offered");
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// A single value (a string, a number, a yes/no) sent more than once was not sent by a browser from our pages,
/// where MVC would quietly take the first: it is a binding error, so the form answers 400.
/// </summary>
public sealed class SingleValueBinderProvider : IModelBinderProvider
{
    private static readonly Type[] Types = [typeof(string), typeof(bool), typeof(int), typeof(long)];

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        var source = context.BindingInfo.BindingSource;
        var fromForm = source is null || source == BindingSource.ModelBinding || source == BindingSource.Form || source == BindingSource.Query || source == BindingSource.Path;
        return fromForm && Types.Contains(type)
            ? new Binder(new Microsoft.AspNetCore.Mvc.ModelBinding.Binders.SimpleTypeModelBinder(
                context.Metadata.ModelType, context.Services.GetRequiredService<ILoggerFactory>()))
            : null;
    }

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var value = context.ValueProvider.GetValue(context.ModelName);
            if (value.Length <= 1)
            {
                return inner.BindModelAsync(context);
            }

            context.ModelState.SetModelValue(context.ModelName, value);
            context.ModelState.TryAddModelError(context.ModelName, $"{context.ModelMetadata.GetDisplayName()} was sent more than once");
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// A posted form whose fields could not be bound at all (a hidden number that is not a number, "Include=maybe")
/// was not made by our pages: answer 400 before the handler runs, in one place rather than in every page. It runs
/// after the access filters (Order 1), so another tenant's page still answers 404 whatever is posted to it.
/// </summary>
public sealed class RefuseUnboundFormFilter : IAsyncPageFilter, IOrderedFilter
{
    public int Order => 1;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !context.ModelState.IsValid)
        {
            var fields = string.Join(", ", context.ModelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key).Take(20));
            http.RequestServices.GetRequiredService<ILogger<RefuseUnboundFormFilter>>()
                .LogWarning("A form's fields could not be bound ({Fields}): {Method} {Path}", fields, http.Request.Method, http.Request.Path.Value);
            context.Result = new BadRequestResult();
            return;
        }

        await next();
    }
}
