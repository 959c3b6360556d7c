using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Workflows.Application.Notifications;
using Workflows.Domain.Cases;
using Workflows.FunctionApp.Runtime;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Hosting;

namespace Workflows.FunctionApp.Functions;

/// <summary>
/// One activity trigger per activity the local host registers. Each binds the Durable client too: an activity may
/// start, raise or purge through the application's client (<see cref="AmbientDurableTaskClient"/>).
/// </summary>
internal sealed class ActivityFunctions(CaseTasks tasks)
{
    [Function(PublishCaseActivity.Name)]
    public Task<object?> PublishCaseAsync([ActivityTrigger] ActivityCall input, string instanceId, [DurableClient] DurableTaskClient client) => RunAsync(PublishCaseActivity.Name, input, instanceId, client);

    [Function(SendCaseEventActivity.Name)]
    public Task<object?> SendCaseEventAsync([ActivityTrigger] ActivityCall input, string instanceId, [DurableClient] DurableTaskClient client) => RunAsync(SendCaseEventActivity.Name, input, instanceId, client);

    [Function(Notification.ActivityName)]
    public Task<object?> NotifyAsync([ActivityTrigger] ActivityCall input, string instanceId, [DurableClient] DurableTaskClient client) => RunAsync(Notification.ActivityName, input, instanceId, client);

    [Function(AdminAlert.ActivityName)]
    public Task<object?> AlertAdminsAsync([ActivityTrigger] ActivityCall input, string instanceId, [DurableClient] DurableTaskClient client) => RunAsync(AdminAlert.ActivityName, input, instanceId, client);

    [Function(DigestRun.ActivityName)]
    public Task<object?> SendDigestsAsync([ActivityTrigger] ActivityCall input, string instanceId, [DurableClient] DurableTaskClient client) => RunAsync(DigestRun.ActivityName, input, instanceId, client);

    [Function(PurgeRequest.ActivityName)]
    public Task<object?> PurgeCaseAsync([ActivityTrigger] ActivityCall input, string instanceId, [DurableClient] DurableTaskClient client) => RunAsync(PurgeRequest.ActivityName, input, instanceId, client);

    private async Task<object?> RunAsync(string name, ActivityCall input, string instanceId, DurableTaskClient client)
    {
        using (AmbientDurableTaskClient.Use(client))
        {
            return await tasks.RunActivityAsync(name, new FunctionActivityContext(name, instanceId), input);
        }
    }
}
