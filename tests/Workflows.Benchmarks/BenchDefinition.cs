using Workflows.Engine.Abstractions;

namespace Workflows.Benchmarks;

/// <summary>Input of the benchmark orchestration.</summary>
public sealed record BenchInput(string Scope);

/// <summary>State: how many external events and timer firings it has applied.</summary>
public sealed record BenchState(int Events, int Fired);

/// <summary>Payload of "arm" (a timer this many seconds after the transition) and "assign" (the worklist row's assignee).</summary>
public sealed record BenchCommand(string? Timer = null, double Seconds = 0, string? Assignee = null);

/// <summary>
/// A minimal orchestration with one effect per event name, so each transition's storage cost can be
/// attributed: "noop" only counts, "arm" sets one timer, "assign" declares one worklist row.
/// </summary>
public sealed class BenchDefinition : OrchestrationDefinition<BenchInput, BenchState>
{
    public const string Name = "bench";

    public const string WorklistPartition = "worklist|bench";

    /// <summary>Called inside every transition decision (before its commit) with the new state; may run again on a conflict retry.</summary>
    public Action<string, OrchestrationEvent, BenchState>? Decided { get; set; }

    public override string Type => Name;

    public override int Version => 1;

    protected override BenchState Start(BenchInput input, OrchestrationContext context)
    {
        context.SetScope(input.Scope);
        return new BenchState(0, 0);
    }

    protected override BenchState Handle(BenchState state, OrchestrationEvent @event, OrchestrationContext context)
    {
        BenchState next;
        if (@event.Kind == EventKind.Timer)
        {
            next = state with { Fired = state.Fired + 1 };
        }
        else
        {
            var command = @event.PayloadAs<BenchCommand>() ?? new BenchCommand();
            switch (@event.Name)
            {
                case "arm":
                    context.SetTimer(command.Timer ?? "t", context.Now + TimeSpan.FromSeconds(command.Seconds));
                    break;
                case "assign":
                    context.SetIndex([new IndexEntry(
                        WorklistPartition,
                        $"{context.InstanceId}|intake",
                        new Dictionary<string, string> { ["Assignee"] = command.Assignee ?? "nobody", ["Step"] = "intake" })]);
                    break;
            }

            next = state with { Events = state.Events + 1 };
        }

        Decided?.Invoke(context.InstanceId, @event, next);
        return next;
    }
}
