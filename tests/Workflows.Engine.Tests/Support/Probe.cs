using System.Collections.Concurrent;
using System.Text.Json;
using Workflows.Engine.Abstractions;

namespace Workflows.Engine.Tests.Support;

/// <summary>Input of the probe orchestration.</summary>
public sealed record ProbeInput(string Label, string Scope = "GM0479");

/// <summary>State of the probe: everything it saw, so tests can check exactly-once.</summary>
public sealed record ProbeState(string Label, int Count, IReadOnlyList<string> Applied, IReadOnlyList<string> Fired, IReadOnlyList<string> Results);

/// <summary>Payload of probe events.</summary>
public sealed record ProbeCommand(int N = 0, string? Timer = null, DateTimeOffset? DueAt = null, string? Text = null);

/// <summary>
/// A small orchestration that exercises every engine effect: "add" counts, "arm"/"disarm" timers,
/// "call" runs the echo activity, "boom" throws (poison), "index" declares worklist rows, "done" completes.
/// </summary>
public sealed class Probe : OrchestrationDefinition<ProbeInput, ProbeState>
{
    public const string Name = "probe";

    /// <summary>While true, "boom" throws; a test flips it to let a retry succeed.</summary>
    public bool Explode { get; set; } = true;

    public override string Type => Name;

    public override int Version => 1;

    protected override ProbeState Start(ProbeInput input, OrchestrationContext context)
    {
        context.SetScope(input.Scope);
        context.SetCustomStatus(new { phase = "started" });
        return new ProbeState(input.Label, 0, [], [], []);
    }

    protected override ProbeState Handle(ProbeState state, OrchestrationEvent @event, OrchestrationContext context)
    {
        var applied = state.Applied.Append($"{@event.Kind}:{@event.Name}:{@event.EventId}").ToList();
        state = state with { Applied = applied };
        var command = @event.Kind == EventKind.External ? @event.PayloadAs<ProbeCommand>() ?? new ProbeCommand() : new ProbeCommand();
        switch (@event.Kind, @event.Name)
        {
            case (EventKind.Timer, _):
                return state with { Fired = [.. state.Fired, @event.Name] };
            case (EventKind.ActivityCompleted, _):
                return state with { Results = [.. state.Results, @event.Payload?.GetRawText() ?? "null"] };
            case (EventKind.ActivityFailed, _):
                return state with { Results = [.. state.Results, "failed"] };
            case (_, "add"):
                context.SetCustomStatus(new { count = state.Count + command.N });
                return state with { Count = state.Count + command.N };
            case (_, "arm"):
                context.SetTimer(command.Timer!, command.DueAt!.Value);
                return state;
            case (_, "disarm"):
                context.CancelTimer(command.Timer!);
                return state;
            case (_, "call"):
                context.CallActivity(Echo.Name, new EchoInput(command.Text ?? "hi"), key: command.Text, notifyOnCompletion: true);
                return state;
            case (_, "boom") when Explode:
                throw new InvalidOperationException("boom: the probe was told to fail");
            case (_, "index"):
                context.SetIndex(Enumerable.Range(0, command.N).Select(i => new IndexEntry(
                    "worklist|GM0479",
                    $"2027-01-{i + 1:D2}|{context.InstanceId}|step{i}",
                    new Dictionary<string, string> { ["Assignee"] = command.Text ?? "anyone", ["Step"] = $"step{i}" })));
                return state;
            case (_, "done"):
                context.Complete(new { state.Count });
                return state;
            default:
                return state;
        }
    }
}

public sealed record EchoInput(string Text);

/// <summary>An activity that counts its runs and can be told to fail or crash.</summary>
public sealed class Echo : IActivityHandler
{
    public const string Name = "echo";

    public ConcurrentDictionary<string, int> Runs { get; } = new();

    /// <summary>Failures still to throw before succeeding.</summary>
    public int FailuresLeft { get; set; }

    public bool NonRetryable { get; set; }

    string IActivityHandler.Name => Name;

    public Task<object?> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        Runs.AddOrUpdate(context.ActivityId, 1, (_, n) => n + 1);
        if (NonRetryable)
        {
            throw new ActivityException("provider refused the message", retryable: false);
        }

        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new ActivityException("provider busy", retryable: true, retryAfter: TimeSpan.Zero);
        }

        return Task.FromResult<object?>(new { echoed = context.InputAs<EchoInput>().Text });
    }
}

/// <summary>Reads the probe's state from a status.</summary>
public static class ProbeStatus
{
    public static ProbeState Of(Workflows.Engine.Client.InstanceStatus? status) =>
        JsonSerializer.Deserialize<ProbeState>(status?.State ?? throw new InvalidOperationException("no instance"), EngineJson.Options)!;
}
