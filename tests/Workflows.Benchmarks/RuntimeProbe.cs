using System.Globalization;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;

namespace Workflows.Benchmarks;

/// <summary>Start input of the probe case: a scope and the timers it arms at start.</summary>
public sealed record RuntimeProbeInput(string Scope, IReadOnlyList<RuntimeProbeTimer>? Timers = null);

/// <summary>A timer armed at start: name and business time (real time here: no virtual clock).</summary>
public sealed record RuntimeProbeTimer(string Name, DateTimeOffset DueAt);

/// <summary>Every event applied, in order, and every timer fired as "name@moment it was applied".</summary>
public sealed record RuntimeProbeState(IReadOnlyList<string> Events, IReadOnlyList<string> Fired)
{
    /// <summary>When the case applied its firing of <paramref name="timer"/> (the episode's orchestration time), or null.</summary>
    public DateTimeOffset? FiredAt(string timer) =>
        Fired.Where(f => f.StartsWith(timer + "@", StringComparison.Ordinal))
            .Select(f => (DateTimeOffset?)DateTimeOffset.Parse(f[(timer.Length + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))
            .FirstOrDefault();
}

/// <summary>
/// The benchmarks' case on the Durable Task runtime, after tests/Workflows.Orchestrations.Tests/Support/Probe.cs
/// (not referenced: this is a console program): records each external event's name and each timer firing;
/// "arm:{name}:{seconds}" arms a timer that many seconds ahead, "call:{activity}" calls an activity and waits for its
/// result. Every other name only changes the state.
/// </summary>
public sealed class RuntimeProbeDefinition : CaseDefinition<RuntimeProbeInput, RuntimeProbeState>
{
    public const string TypeName = "benchprobe";

    public const string ActivityName = "benchprobe-activity";

    public override string Type => TypeName;

    public override int Version => 1;

    protected override RuntimeProbeState Start(RuntimeProbeInput input, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        context.SetScope(input.Scope);
        foreach (var timer in input.Timers ?? [])
        {
            context.SetTimer(timer.Name, timer.DueAt);
        }

        return new RuntimeProbeState([], []);
    }

    protected override RuntimeProbeState Handle(RuntimeProbeState state, DecisionEvent @event, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(context);
        switch (@event.Kind)
        {
            case EventKind.Timer:
                return state with { Fired = [.. state.Fired, $"{@event.Name}@{context.Now.ToString("O", CultureInfo.InvariantCulture)}"] };
            case EventKind.ActivityCompleted:
                return state with { Events = [.. state.Events, $"done:{@event.Name}"] };
            case EventKind.ActivityFailed:
                return state with { Events = [.. state.Events, $"failed:{@event.Name}"] };
        }

        var parts = @event.Name.Split(':');
        switch (parts[0])
        {
            case "arm":
                context.SetTimer(parts[1], context.Now.AddSeconds(double.Parse(parts[2], CultureInfo.InvariantCulture)));
                break;
            case "call":
                context.CallActivity(parts[1], new { n = state.Events.Count }, notifyOnCompletion: true);
                break;
        }

        return state with { Events = [.. state.Events, @event.Name] };
    }
}

/// <summary>An activity that does nothing but answer.</summary>
internal sealed class RuntimeProbeActivity : IActivityHandler
{
    public string Name => RuntimeProbeDefinition.ActivityName;

    public Task<object?> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        Task.FromResult<object?>(new { ok = true });
}
