using System.Text.Json;
using Workflows.Domain.Decisions;

namespace Workflows.Engine.Abstractions;

/// <summary>
/// Runs a domain <see cref="ICaseDefinition"/> (which returns commands and knows no runtime) on this engine, while
/// the host still runs on it: the domain's decision context is translated to and from the engine's. Goes with the
/// engine once the host runs on Durable Task (issue 10).
/// </summary>
public sealed class CaseDefinitionAdapter(ICaseDefinition definition) : IOrchestrationDefinition
{
    public ICaseDefinition Definition { get; } = definition;

    public string Type => Definition.Type;

    public int Version => Definition.Version;

    public static IOrchestrationDefinition Wrap(ICaseDefinition definition) => new CaseDefinitionAdapter(definition);

    public string Start(JsonElement input, OrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = Decision(context);
        var state = Definition.Start(input, decision);
        Apply(decision, context);
        return state;
    }

    public string Handle(string state, OrchestrationEvent @event, OrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(context);
        var decision = Decision(context);
        var kind = @event.Kind switch
        {
            Abstractions.EventKind.Timer => Domain.Decisions.EventKind.Timer,
            Abstractions.EventKind.ActivityCompleted => Domain.Decisions.EventKind.ActivityCompleted,
            Abstractions.EventKind.ActivityFailed => Domain.Decisions.EventKind.ActivityFailed,
            _ => Domain.Decisions.EventKind.External,
        };
        var next = Definition.Handle(state, new DecisionEvent(kind, @event.Name, @event.EventId, @event.Payload, @event.Source), decision);
        Apply(decision, context);
        return next;
    }

    private static DecisionContext Decision(OrchestrationContext context) => new(
        context.InstanceId, context.Now, context.Sequence, context.StateVersion, context.Timers, context.Scope,
        context.RuntimeStatus == RuntimeStatus.Suspended ? CaseLifecycle.Suspended : CaseLifecycle.Running);

    private static void Apply(DecisionContext decision, OrchestrationContext context)
    {
        var prefix = decision.InstanceId + ".";
        foreach (var command in decision.Commands)
        {
            switch (command)
            {
                case SetTimerCommand set:
                    context.SetTimer(set.Name, set.DueAt);
                    break;
                case CancelTimerCommand cancel:
                    context.CancelTimer(cancel.Name);
                    break;
                case CallActivityCommand call:
                    // The domain's id is "{instance}.{key}"; the engine makes the same from the key.
                    context.CallActivity(call.Name, call.Input, call.ActivityId[prefix.Length..], call.NotifyOnCompletion);
                    break;
                case RaiseEventCommand raise:
                    context.RaiseEvent(raise.TargetInstanceId, raise.Name, raise.Payload);
                    break;
            }
        }

        foreach (var note in decision.Notes)
        {
            context.Record(note.What, note.Detail);
        }

        if (decision.CustomStatus is { } status)
        {
            context.SetCustomStatus(status);
        }

        if (decision.IndexChanged)
        {
            context.SetIndex(decision.Index.Select(e => new IndexEntry(e.Partition, e.Key, e.Properties)));
        }

        if (decision.Scope.Length > 0)
        {
            context.SetScope(decision.Scope);
        }

        switch (decision.Lifecycle)
        {
            case CaseLifecycle.Suspended:
                context.MarkSuspended();
                break;
            case CaseLifecycle.Completed:
                context.Complete(decision.Output is null ? null : JsonDocument.Parse(decision.Output).RootElement.Clone());
                break;
            case CaseLifecycle.Failed:
                context.Fail(decision.FailureReason ?? "failed");
                break;
            default:
                context.MarkRunning();
                break;
        }
    }
}
