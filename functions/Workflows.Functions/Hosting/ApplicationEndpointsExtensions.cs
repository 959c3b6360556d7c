using Workflows.Functions.Management;

namespace Workflows.Functions.Hosting;

/// <summary>Every endpoint of the host. Feature areas map theirs onto the <c>/api/v1</c> group here.</summary>
internal static class ApplicationEndpointsExtensions
{
    public const string ApiV1Prefix = "/api/v1";

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        // The contract is public: integrators read it before they hold a key.
        app.MapOpenApi().AllowAnonymous();
        app.MapApiV1();
        Notifications.NotificationsEndpointsExtensions.MapNotificationEndpoints(app);
        return app;
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
