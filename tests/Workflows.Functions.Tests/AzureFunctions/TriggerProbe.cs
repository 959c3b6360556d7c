using Workflows.Engine.Abstractions;

namespace Workflows.Functions.Tests.AzureFunctions;

/// <summary>Input of <see cref="TriggerProbe"/>: a start that throws while <paramref name="Broken"/>, or one that arms a timer and calls <see cref="TriggerEcho"/>.</summary>
public sealed record TriggerProbeInput(bool Broken = false, DateTimeOffset? TimerDue = null);

public sealed record TriggerProbeState(IReadOnlyList<string> Seen);

/// <summary>
/// A small orchestration registered next to the app's own, so these tests exercise the queue functions
/// without depending on a domain flow: every event it sees is recorded in its state.
/// </summary>
public sealed class TriggerProbe : OrchestrationDefinition<TriggerProbeInput, TriggerProbeState>
{
    public const string Name = "trigger-probe";

    public override string Type => Name;

    public override int Version => 1;

    protected override TriggerProbeState Start(TriggerProbeInput input, OrchestrationContext context)
    {
        if (input.Broken)
        {
            throw new InvalidOperationException("the probe's start is broken");
        }

        context.SetScope("GM0479");
        if (input.TimerDue is { } due)
        {
            context.SetTimer("deadline", due);
            context.CallActivity(TriggerEcho.Name, new { text = "hi" }, notifyOnCompletion: true);
        }

        return new TriggerProbeState([]);
    }

    protected override TriggerProbeState Handle(TriggerProbeState state, OrchestrationEvent @event, OrchestrationContext context) =>
        new([.. state.Seen, $"{@event.Kind}:{@event.Name}"]);
}

/// <summary>An activity that counts its runs.</summary>
public sealed class TriggerEcho : IActivityHandler
{
    public const string Name = "trigger-echo";

    private int _runs;

    public int Runs => _runs;

    string IActivityHandler.Name => Name;

    public Task<object?> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return Task.FromResult<object?>(new { echoed = true });
    }
}
