using System.Collections.Concurrent;
using System.Text.Json;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;

namespace Workflows.Orchestrations.Tests.Support;

/// <summary>Start input of the probe case.</summary>
public sealed record ProbeInput(string Scope, IReadOnlyList<ProbeTimer>? Timers = null, ProbeSend? SendAtStart = null);

/// <summary>An event the probe sends another case at its start.</summary>
public sealed record ProbeSend(string Target, string Name);

/// <summary>A timer the probe arms at start: name and business time.</summary>
public sealed record ProbeTimer(string Name, DateTimeOffset DueAt);

/// <summary>Probe state: every event applied, in order, and every timer fired.</summary>
public sealed record ProbeState(IReadOnlyList<string> Events, IReadOnlyList<string> Fired);

/// <summary>
/// A minimal case for runtime tests: records each external event's name and each timer; "arm:{name}:{seconds}"
/// arms a timer that many business seconds ahead, "cancel:{name}" cancels one, "call:{activity}" calls an
/// activity and waits for its result, "index:{n}[:{tag}]" declares n worklist rows, "throw" throws while
/// <see cref="Faults"/> says so, "complete" completes the case.
/// </summary>
public sealed class ProbeDefinition : CaseDefinition<ProbeInput, ProbeState>
{
    public const string TypeName = "probe";

    public static ConcurrentDictionary<string, bool> Faults { get; } = new();

    public override string Type => TypeName;

    public override int Version => 1;

    protected override ProbeState Start(ProbeInput input, DecisionContext context)
    {
        context.SetScope(input.Scope);
        if (input.SendAtStart is { } send)
        {
            context.RaiseEvent(send.Target, send.Name, null);
        }

        foreach (var timer in input.Timers ?? [])
        {
            context.SetTimer(timer.Name, timer.DueAt);
        }

        context.SetCustomStatus(new { events = 0 });
        return new ProbeState([], []);
    }

    protected override ProbeState Handle(ProbeState state, DecisionEvent @event, DecisionContext context)
    {
        switch (@event.Kind)
        {
            case EventKind.Timer:
                return state with { Fired = [.. state.Fired, $"{@event.Name}@{context.Now:O}"] };
            case EventKind.ActivityCompleted:
                return state with { Events = [.. state.Events, $"done:{@event.Name}"] };
            case EventKind.ActivityFailed:
                context.Record("probe-activity-failed", @event.Payload);
                return state with { Events = [.. state.Events, $"failed:{@event.Name}"] };
        }

        var parts = @event.Name.Split(':');
        switch (parts[0])
        {
            case "arm":
                context.SetTimer(parts[1], context.Now.AddSeconds(double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)));
                break;
            case "cancel":
                context.CancelTimer(parts[1]);
                break;
            case "call":
                context.CallActivity(parts[1], new { n = state.Events.Count }, notifyOnCompletion: true);
                break;
            case "index":
                // "index:{n}" or "index:{n}:{tag}": the tag goes into the last row's Tag column.
                var count = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                context.SetIndex(Enumerable.Range(0, count).Select(i => new IndexEntry(
                    $"probe|{context.Scope}",
                    $"{i:D3}|{context.InstanceId}",
                    i == count - 1 && parts.Length > 2
                        ? new Dictionary<string, string> { ["CaseId"] = context.InstanceId, ["Tag"] = parts[2] }
                        : new Dictionary<string, string> { ["CaseId"] = context.InstanceId })));
                break;
            case "throw" when Faults.GetValueOrDefault(context.InstanceId):
                throw new InvalidOperationException("injected fault with personal data: J. van Dijk");
            case "send":
                // "send:{target}:{name}": an event for another case.
                context.RaiseEvent(parts[1], parts[2], null);
                break;
            case "complete":
                context.Complete(new { events = state.Events.Count });
                break;
        }

        context.SetCustomStatus(new { events = state.Events.Count + 1 });
        return state with { Events = [.. state.Events, @event.Name] };
    }
}

/// <summary>An activity that counts its runs (and when they began), fails while told to, or asks to be retried later.</summary>
public sealed class ProbeActivity(string name) : IActivityHandler
{
    private readonly ConcurrentQueue<DateTimeOffset> _startedAt = new();
    private int _runs;

    public string Name => name;

    public int Runs => _runs;

    public IReadOnlyList<DateTimeOffset> StartedAt => [.. _startedAt];

    public bool AlwaysFail { get; set; }

    /// <summary>The first this many runs answer "try again after <see cref="RetryAfter"/>".</summary>
    public int DeferRuns { get; set; }

    public TimeSpan RetryAfter { get; set; }

    public Task<object?> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        _startedAt.Enqueue(TimeProvider.System.GetUtcNow());
        var run = Interlocked.Increment(ref _runs);
        if (run <= DeferRuns)
        {
            throw new ActivityException("probe is throttled", retryable: true, retryAfter: RetryAfter);
        }

        return AlwaysFail ? throw new InvalidOperationException("probe failure") : Task.FromResult<object?>(new { ok = true });
    }
}

/// <summary>State of <see cref="ProbeV2Definition"/>: the v1 shape plus the version it was migrated from (0: born v2).</summary>
public sealed record ProbeStateV2(IReadOnlyList<string> Events, IReadOnlyList<string> Fired, int MigratedFrom);

/// <summary>
/// Version 2 of the probe case (same type name): a newer deployment that must continue cases v1 started. It
/// migrates a v1 state on load and records each external event's name.
/// </summary>
public sealed class ProbeV2Definition : CaseDefinition<ProbeInput, ProbeStateV2>
{
    public override string Type => ProbeDefinition.TypeName;

    public override int Version => 2;

    protected override ProbeStateV2 Start(ProbeInput input, DecisionContext context)
    {
        context.SetScope(input.Scope);
        return new ProbeStateV2([], [], 0);
    }

    protected override ProbeStateV2 Load(JsonElement state, int version)
    {
        if (version >= 2)
        {
            return base.Load(state, version);
        }

        var old = state.Deserialize<ProbeState>(DomainJson.Options) ?? throw new InvalidOperationException("Empty v1 probe state.");
        return new ProbeStateV2(old.Events, old.Fired, version);
    }

    protected override ProbeStateV2 Handle(ProbeStateV2 state, DecisionEvent @event, DecisionContext context) =>
        state with { Events = [.. state.Events, @event.Name] };
}
