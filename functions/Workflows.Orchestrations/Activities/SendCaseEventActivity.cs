using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Cases;

namespace Workflows.Orchestrations.Activities;

/// <summary>
/// Delivers an event from one case to another (a household's later signal merging into the earlier one's case). Not
/// the orchestration's own SendEvent: the Azure Storage backend discards an event that reaches a case whose start has
/// not run yet (seen here when the start message was abandoned for a moment), so this waits until the target has
/// started, then raises the event. At least once; the target dedupes by event id.
/// </summary>
public sealed class SendCaseEventActivity(DurableTaskClient client, CancellationToken stopping) : TaskActivity<ActivityCall, JsonElement?>
{
    public const string Name = "send-case-event";

    /// <summary>How long one attempt waits for the target's start before the runtime's retry takes over.</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(30);

    public override async Task<JsonElement?> RunAsync(TaskActivityContext context, ActivityCall input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outgoing = input.Input.Deserialize<OutgoingEvent>(DomainJson.Options) ?? throw new InvalidOperationException("Event input is empty.");
        var until = TimeProvider.System.GetUtcNow() + StartWait;
        while (await client.GetInstanceAsync(outgoing.TargetInstanceId, getInputsAndOutputs: false, stopping) is not { } target
            || target.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
        {
            if (TimeProvider.System.GetUtcNow() >= until)
            {
                throw new InvalidOperationException($"Case {outgoing.TargetInstanceId} has not started yet.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, stopping);
        }

        await client.RaiseEventAsync(outgoing.TargetInstanceId, CaseMessage.EventName, outgoing.Message, stopping);
        return null;
    }
}
