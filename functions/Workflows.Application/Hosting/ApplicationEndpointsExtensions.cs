using Workflows.Application.Management;

namespace Workflows.Application.Hosting;

/// <summary>Every endpoint of the host. Feature areas map theirs onto the <c>/api/v1</c> group here.</summary>
internal static class ApplicationEndpointsExtensions
{
    public const string ApiV1Prefix = "/api/v1";

    /// <summary>The OpenAPI document's endpoint name (the Functions app's HTTP function invokes it by name).</summary>
    public const string OpenApiDocument = "OpenApiDocument";

    /// <summary>The local host's endpoints (its configuration and environment decide the Development-only ones).</summary>
    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapApplicationEndpoints(app.Configuration, app.Environment);
        return app;
    }

    /// <summary>
    /// Every endpoint of the application, onto any route builder: the local host's, and the catalog the Functions
    /// app's HTTP functions invoke, so both serve the same handlers with the same metadata.
    /// </summary>
    public static IEndpointRouteBuilder MapApplicationEndpoints(this IEndpointRouteBuilder endpoints, IConfiguration configuration, IHostEnvironment environment)
    {
        endpoints.MapHealthEndpoints();
        // The contract is public: integrators read it before they hold a key.
        endpoints.MapOpenApi().AllowAnonymous().WithName(OpenApiDocument);
        endpoints.MapApiV1();
        Notifications.NotificationsEndpointsExtensions.MapNotificationEndpoints(endpoints, configuration, environment);
        Pages.PageEndpoints.MapPages(endpoints);
        return endpoints;
    }

    /// <summary>
    /// The <c>/api/v1</c> group: feature areas (Signals, Trajectories, Worklist, Management) add one line
    /// each below, e.g. <c>api.MapSignalsApiV1();</c>, each a static class in its own folder.
    /// </summary>
    private static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(ApiV1Prefix)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        api.MapManagementApiV1();
        Trajectories.TrajectoriesApi.MapTrajectoriesApiV1(api);
        Worklist.WorklistApi.MapWorklistApiV1(api);
        Audit.AccessLogApi.MapAccessLogApiV1(api);
        Signals.SignalsApi.MapSignalsApiV1(api);
        return api;
    }
}
