using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Workflows.Application.Hosting;
using Workflows.FunctionApp.Http;

namespace Workflows.FunctionApp.Functions;

/// <summary>
/// One HTTP function per route of the local host, the same method and route, each running the application's
/// endpoint of that name (<see cref="FunctionEndpoints"/>). Anonymous at the Functions level: the application
/// authenticates (corporation API keys, staff Entra ID tokens) and authorises as the local host does.
/// </summary>
internal sealed class HttpFunctions(FunctionEndpoints endpoints)
{
    [Function("Health")]
    public Task<IResult> HealthAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "healthz")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync(HealthEndpoints.Name, request, client);

    [Function("OpenApiDocument")]
    public Task<IResult> OpenApiDocumentAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/{documentName}.json")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync(ApplicationEndpointsExtensions.OpenApiDocument, request, client);

    [Function("ListInstances")]
    public Task<IResult> ListInstancesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/v1/instances")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("ListInstances", request, client);

    [Function("GetInstance")]
    public Task<IResult> GetInstanceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/v1/instances/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("GetInstance", request, client);

    [Function("GetInstanceHistory")]
    public Task<IResult> GetInstanceHistoryAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/v1/instances/{id}/history")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("GetInstanceHistory", request, client);

    [Function("TerminateInstance")]
    public Task<IResult> TerminateInstanceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v1/instances/{id}/terminate")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("TerminateInstance", request, client);

    [Function("RetryInstance")]
    public Task<IResult> RetryInstanceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v1/instances/{id}/retry")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("RetryInstance", request, client);

    [Function("PurgeInstance")]
    public Task<IResult> PurgeInstanceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/v1/instances/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("PurgeInstance", request, client);

    [Function("GetNotificationPreference")]
    public Task<IResult> GetNotificationPreferenceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/v1/me/notification-preference")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("GetNotificationPreference", request, client);

    [Function("SetNotificationPreference")]
    public Task<IResult> SetNotificationPreferenceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/v1/me/notification-preference")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("SetNotificationPreference", request, client);

    [Function("CreateTrajectory")]
    public Task<IResult> CreateTrajectoryAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v1/trajectories")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("CreateTrajectory", request, client);

    [Function("GetTrajectory")]
    public Task<IResult> GetTrajectoryAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/v1/trajectories/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("GetTrajectory", request, client);

    [Function("RecordTrajectoryEvent")]
    public Task<IResult> RecordTrajectoryEventAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v1/trajectories/{id}/events")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("RecordTrajectoryEvent", request, client);

    [Function("GetWorklist")]
    public Task<IResult> GetWorklistAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/v1/worklist")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("GetWorklist", request, client);

    [Function("CreateSignal")]
    public Task<IResult> CreateSignalAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v1/signals")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("CreateSignal", request, client);

    [Function("CreateSignalBatch")]
    public Task<IResult> CreateSignalBatchAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v1/signals/batch")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("CreateSignalBatch", request, client);

    [Function("GetSignal")]
    public Task<IResult> GetSignalAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/v1/signals/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("GetSignal", request, client);

    [Function("UpdateSignal")]
    public Task<IResult> UpdateSignalAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v1/signals/{id}/updates")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("UpdateSignal", request, client);

    [Function("RecordSignalEvent")]
    public Task<IResult> RecordSignalEventAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v1/signals/{id}/events")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("RecordSignalEvent", request, client);

    [Function("GetAccessLog")]
    public Task<IResult> GetAccessLogAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/v1/access-log")] HttpRequest request, [DurableClient] DurableTaskClient client) => endpoints.InvokeAsync("GetAccessLog", request, client);
}
