using Workflows.Domain.Decisions;

namespace Workflows.Testing.Host;

/// <summary>Start input of the reliability probe: scope and timers armed at start (business time = real time here).</summary>
public sealed record ReliabilityProbeInput(string Scope, IReadOnlyList<ReliabilityProbeTimer>? Timers = null);

/// <summary>A timer the probe arms at start.</summary>
public sealed record ReliabilityProbeTimer(string Name, DateTimeOffset DueAt);

/// <summary>Probe state: every external event's name in the order applied, and every timer fired.</summary>
public sealed record ReliabilityProbeState(IReadOnlyList<string> Events, IReadOnlyList<string> Fired);

/// <summary>
/// The case the host processes run and the tests' client starts (compiled into both: the client decides the first
/// transition). It records each external event's name and each timer's name, so a lost, doubled or reordered event
/// shows in the state; "complete" completes the case.
/// </summary>
public sealed class ReliabilityProbeDefinition : CaseDefinition<ReliabilityProbeInput, ReliabilityProbeState>
{
    public const string TypeName = "reliability-probe";

    public override string Type => TypeName;

    public override int Version => 1;

    protected override ReliabilityProbeState Start(ReliabilityProbeInput input, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        context.SetScope(input.Scope);
        foreach (var timer in input.Timers ?? [])
        {
            context.SetTimer(timer.Name, timer.DueAt);
        }

        return new ReliabilityProbeState([], []);
    }

    protected override ReliabilityProbeState Handle(ReliabilityProbeState state, DecisionEvent @event, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(context);
        if (@event.Kind == EventKind.Timer)
        {
            return state with { Fired = [.. state.Fired, @event.Name] };
        }

        if (@event.Kind != EventKind.External)
        {
            return state;
        }

        if (@event.Name == "complete")
        {
            context.Complete(new { events = state.Events.Count });
        }

        return state with { Events = [.. state.Events, @event.Name] };
    }
}
