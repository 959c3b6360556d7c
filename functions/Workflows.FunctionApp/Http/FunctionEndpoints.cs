using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Net.Http.Headers;
using Workflows.Application.Hosting;
using Workflows.FunctionApp.Runtime;

namespace Workflows.FunctionApp.Http;

/// <summary>
/// Serves an HTTP function's request with the application's own endpoint: the one the local host maps for the same
/// method and route, found by its name, run behind the same middleware (<c>UseApplicationPipeline</c>: API version
/// header, problem+json errors, body limit, authentication, the endpoint's authorization policy), after the one check
/// the local host's routing makes besides method and route (the media types an endpoint accepts). The endpoint's
/// handler, parameter binding, validation and filters are the local host's, so both hosts answer alike.
/// </summary>
internal sealed class FunctionEndpoints
{
    private readonly Dictionary<string, Route> _byName = new(StringComparer.Ordinal);
    private readonly RequestDelegate _pipeline;

    public FunctionEndpoints(IServiceProvider services, EndpointCatalog catalog, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.MapApplicationEndpoints(configuration, environment);
        foreach (var endpoint in catalog.Endpoints())
        {
            if (endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is { } name)
            {
                _byName.Add(name, new Route(endpoint, new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary())));
            }
        }

        var app = new ApplicationBuilder(services);
        app.UseApplicationPipeline();
        // Routing is done: the HTTP function chose the endpoint (its trigger has the same method and route).
        app.Run(context => context.GetEndpoint()!.RequestDelegate!(context));
        _pipeline = app.Build();
    }

    /// <summary>
    /// Runs the named endpoint for <paramref name="request"/> with <paramref name="client"/> as the invocation's
    /// Durable client; the response is written to the request's context, so the function answers with nothing more.
    /// </summary>
    public async Task<IResult> InvokeAsync(string name, HttpRequest request, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var route = _byName.TryGetValue(name, out var found) ? found : throw new InvalidOperationException($"No endpoint named '{name}'.");
        var context = request.HttpContext;
        var values = new RouteValueDictionary();
        if (!route.Matcher.TryMatch(request.Path, values))
        {
            // The Functions host routed here by the same template, so this is a wrapper whose route differs from the endpoint's.
            throw new InvalidOperationException($"{request.Path} does not match the route of endpoint '{name}' ({route.Endpoint.RoutePattern.RawText}).");
        }

        request.RouteValues = values;
        context.SetEndpoint(Accepts(route.Endpoint, request.ContentType) ? route.Endpoint : UnsupportedMediaType);
        using (AmbientDurableTaskClient.Use(client))
        {
            await _pipeline(context);
        }

        return Results.Empty;
    }

    /// <summary>
    /// What the local host's routing does for an endpoint that declares the media types it accepts (its
    /// <c>Accepts</c> metadata, ASP.NET Core's accepts matcher policy): a request with another content type never
    /// reaches it and is answered 415 (a problem through the status code pages); one without a content type does.
    /// </summary>
    private static bool Accepts(Endpoint endpoint, string? contentType)
    {
        var accepted = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes;
        if (accepted is not { Count: > 0 } || string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var given))
        {
            return accepted is not { Count: > 0 } || string.IsNullOrEmpty(contentType);
        }

        return accepted.Any(type => given.IsSubsetOf(MediaTypeHeaderValue.Parse(type)));
    }

    private static readonly Endpoint UnsupportedMediaType = new(
        context =>
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Task.CompletedTask;
        },
        EndpointMetadataCollection.Empty,
        "415 HTTP Unsupported Media Type");

    private sealed record Route(RouteEndpoint Endpoint, TemplateMatcher Matcher);
}
