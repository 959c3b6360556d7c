using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Tests.Support;
using Workflows.Orchestrations.Hosting;
using Workflows.Runtime;
using Workflows.Testing;

namespace Workflows.FunctionApp.Tests;

/// <summary>
/// What a Functions host would load from the app (ARCHITECTURE §4: the host cannot run here): the generated
/// <c>functions.metadata</c> lists exactly the local host's API routes, orchestrators and activities, plus the digest
/// schedule's timer; <c>host.json</c> carries the local runtime's settings; <c>extensions.json</c> the extensions.
/// </summary>
public sealed class FunctionsMetadataTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Every_route_of_the_local_host_is_an_HTTP_function_with_the_same_method_route_and_name_and_nothing_else_is()
    {
        await using var local = new WorkflowsAppFactory(azurite.ConnectionString);
        var endpoints = local.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var routes = endpoints
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m =>
                // A group's "" route ends in a slash, which routing ignores.
                $"{m} {e.RoutePattern.RawText!.Trim('/')} as {e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var functions = FunctionsMetadata.Load().Triggered("httpTrigger")
            // The site root's function takes an always-empty optional segment (the host routes nothing to "").
            .SelectMany(f => f.Trigger.Methods.Select(m => $"{m} {(f.Trigger.Route == Functions.PageFunctions.RootRoute ? "" : f.Trigger.Route)} as {f.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(routes, functions);
        Assert.Contains("GET cases/{kind}/{id} as CasePage", functions);
        Assert.Contains("GET  as HomePage", functions);
        Assert.Contains("POST api/v1/signals/batch as CreateSignalBatch", functions);
        Assert.Contains("HEAD healthz as Health", functions);
    }

    [Fact]
    public async Task Every_orchestrator_and_activity_the_local_host_runs_is_a_function_and_the_only_other_is_the_digest_timer()
    {
        await using var local = new WorkflowsAppFactory(azurite.ConnectionString);
        var tasks = local.Services.GetRequiredService<CaseTasks>();
        var metadata = FunctionsMetadata.Load();

        Assert.Equal(tasks.Orchestrators.Keys.Order(StringComparer.Ordinal), metadata.Triggered("orchestrationTrigger").Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(tasks.Activities.Keys.Order(StringComparer.Ordinal), metadata.Triggered("activityTrigger").Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["digest-schedule"], metadata.Triggered("timerTrigger").Select(f => f.Name));
        Assert.Equal(
            metadata.Functions.Count,
            metadata.Triggered("httpTrigger").Count() + tasks.Orchestrators.Count + tasks.Activities.Count + 1);
        Assert.Contains("signal", tasks.Orchestrators.Keys);
        Assert.Contains("send-case-event", tasks.Activities.Keys);
    }

    [Fact]
    public void Activities_HTTP_functions_and_the_timer_bind_the_Durable_client_and_orchestrators_bind_nothing_else()
    {
        var metadata = FunctionsMetadata.Load();
        foreach (var function in metadata.Functions)
        {
            var inputs = function.Bindings.Where(b => b.Direction == "In" && b != function.Trigger).Select(b => b.Type).ToList();
            if (function.Trigger.Type == "orchestrationTrigger")
            {
                Assert.Empty(inputs);
            }
            else
            {
                Assert.True(inputs.SequenceEqual(["durableClient"]), $"{function.Name} binds {string.Join(", ", inputs)}");
            }
        }
    }

    [Fact]
    public void Host_json_runs_the_Durable_task_hub_with_the_local_runtimes_settings_on_identity_based_storage()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsMetadata.OutputDirectory, "host.json")));
        var extensions = host.RootElement.GetProperty("extensions");
        var durable = extensions.GetProperty("durableTask");
        var storage = durable.GetProperty("storageProvider");
        var local = new DurableTaskOptions();

        Assert.Equal("", extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        // The same app setting names the task hub for the Functions host and for the application's tables.
        Assert.Equal("%DurableTask__TaskHubName%", durable.GetProperty("hubName").GetString());
        Assert.Equal("AzureWebJobsStorage", storage.GetProperty("connectionName").GetString());
        Assert.Equal(local.PartitionCount, storage.GetProperty("partitionCount").GetInt32());
        Assert.Equal(local.MaxQueuePollingInterval, TimeSpan.Parse(storage.GetProperty("maxQueuePollingInterval").GetString()!, null));
        Assert.Equal(local.ControlQueueVisibilityTimeout, TimeSpan.Parse(storage.GetProperty("controlQueueVisibilityTimeout").GetString()!, null));
        Assert.Equal(local.WorkItemQueueVisibilityTimeout, TimeSpan.Parse(storage.GetProperty("workItemQueueVisibilityTimeout").GetString()!, null));
        Assert.Equal(local.ControlQueueBufferThreshold, storage.GetProperty("controlQueueBufferThreshold").GetInt32());
        Assert.Equal(local.MaxConcurrentOrchestrations, durable.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32());
        Assert.Equal(local.MaxConcurrentActivities, durable.GetProperty("maxConcurrentActivityFunctions").GetInt32());
        // Inputs and outputs hold personal data: never in traces.
        Assert.False(durable.GetProperty("tracing").GetProperty("traceInputsAndOutputs").GetBoolean());
    }

    [Fact]
    public void Extensions_json_names_the_Durable_extension_and_the_metadata_loader_the_host_must_load()
    {
        using var extensions = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsMetadata.OutputDirectory, "extensions.json")));
        var names = extensions.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();

        // HTTP and timer triggers are built into the Functions host; Durable Functions and the loader of
        // functions.metadata come with the app, from the Worker SDK's extensions build.
        Assert.Contains("DurableTask", names);
        Assert.Contains("Startup", names);
    }
}
