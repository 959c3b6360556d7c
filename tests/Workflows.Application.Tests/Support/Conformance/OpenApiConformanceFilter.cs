using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Workflows.Application.Tests.Support.Conformance;

/// <summary>
/// Checks every answer under <c>/api/</c> against the OpenAPI document the same app serves (<see cref="OpenApiContract"/>),
/// so the document cannot drift from the code: the outermost middleware holds the answer back, and one the document does
/// not declare is not sent; the test's request throws <see cref="OpenApiConformanceException"/> instead (and the
/// violation is kept in <see cref="Violations"/>). Requests that matched no route (404, 405) are no operation's answers.
/// </summary>
internal sealed class OpenApiConformanceFilter : IStartupFilter
{
    public const string DocumentName = "v1";

    private Task<OpenApiContract>? _contract;

    public ConcurrentQueue<string> Violations { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        app =>
        {
            app.Use(CheckAsync);
            next(app);
        };

    private async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(original);
        }

        if (context.GetEndpoint() is RouteEndpoint endpoint)
        {
            var contract = await ContractAsync(context.RequestServices);
            var violation = contract.Violation(
                context.Request.Method, Template(endpoint.RoutePattern), context.Response.StatusCode, context.Response.ContentType,
                buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            if (violation is not null)
            {
                Violations.Enqueue(violation);
                throw new OpenApiConformanceException($"The answer does not match /openapi/v1.json: {violation}");
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original.Stream, context.RequestAborted);
    }

    /// <summary>The document of this app, generated once, as its endpoint serves it.</summary>
    private Task<OpenApiContract> ContractAsync(IServiceProvider services)
    {
        return LazyInitializer.EnsureInitialized(ref _contract, () => LoadAsync(services.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName)));

        static async Task<OpenApiContract> LoadAsync(IOpenApiDocumentProvider provider)
        {
            var document = await provider.GetOpenApiDocumentAsync(CancellationToken.None);
            return OpenApiContract.From(await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, CancellationToken.None));
        }
    }

    /// <summary>The route as the document names its path: literals and <c>{name}</c>, without constraints.</summary>
    private static string Template(RoutePattern pattern)
    {
        var text = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            text.Append('/');
            foreach (var part in segment.Parts)
            {
                text.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
                    RoutePatternSeparatorPart separator => separator.Content,
                    _ => string.Empty,
                });
            }
        }

        return text.Length == 0 ? "/" : text.ToString();
    }
}
