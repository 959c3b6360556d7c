using System.Collections.ObjectModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Workflows.FunctionApp.Http;

/// <summary>
/// A route builder that only collects: the application maps its endpoints onto it exactly as onto the local host's
/// <c>WebApplication</c>, and <see cref="FunctionEndpoints"/> invokes them from HTTP functions. Its data sources are
/// also the app's <see cref="EndpointDataSource"/> service, which the authorization policy cache and the OpenAPI
/// document read, as they read the local host's routes.
/// </summary>
internal sealed class EndpointCatalog(IServiceProvider services) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider { get; } = services;

    /// <summary>Observable, so a composite source made before the endpoints are mapped still sees them.</summary>
    public ICollection<EndpointDataSource> DataSources { get; } = new ObservableCollection<EndpointDataSource>();

    public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(ServiceProvider);

    /// <summary>Every route endpoint mapped, with its group conventions applied.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints() => [.. DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()];
}
