using System.Text.Json;

namespace Workflows.Engine.Abstractions;

/// <summary>
/// What a definition sees while it decides one transition, and where it writes its effects.
/// Nothing here touches storage: the engine commits the effects atomically after the definition returns.
/// </summary>
public sealed class OrchestrationContext
{
    private readonly Dictionary<string, DateTimeOffset> _timers;
    private readonly List<Effect> _effects = [];
    private readonly List<HistoryNote> _notes = [];
    private int _activitySequence;

    internal OrchestrationContext(
        string instanceId, DateTimeOffset now, long sequence, int stateVersion,
        IReadOnlyDictionary<string, DateTimeOffset> timers, JsonElement? customStatus,
        string scope, RuntimeStatus status)
    {
        InstanceId = instanceId;
        Now = now;
        Sequence = sequence;
        StateVersion = stateVersion;
        _timers = new Dictionary<string, DateTimeOffset>(timers, StringComparer.Ordinal);
        CustomStatus = customStatus;
        Scope = scope;
        RuntimeStatus = status;
    }

    /// <summary>The instance being driven.</summary>
    public string InstanceId { get; }

    /// <summary>The engine's clock at this transition (virtual in tests).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Number of this transition within the instance (1 for start).</summary>
    public long Sequence { get; }

    /// <summary>The definition version that wrote the state being loaded (0 at start).</summary>
    public int StateVersion { get; }

    /// <summary>Timers currently armed, by name, with their due instants.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Timers => _timers;

    internal JsonElement? CustomStatus { get; private set; }

    internal IReadOnlyList<IndexEntry> Index { get; private set; } = [];

    /// <summary>False when the definition left the index as it was.</summary>
    internal bool IndexChanged { get; private set; }

    internal string Scope { get; private set; }

    internal RuntimeStatus RuntimeStatus { get; private set; }

    internal string? Output { get; private set; }

    internal string? FailureReason { get; private set; }

    internal IReadOnlyList<Effect> Effects => _effects;

    internal IReadOnlyList<HistoryNote> Notes => _notes;

    /// <summary>Arms (or re-arms, replacing any earlier one) the named timer. A replaced timer's firing is ignored.</summary>
    public void SetTimer(string name, DateTimeOffset dueAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _timers[name] = dueAt;
        _effects.RemoveAll(e => e is SetTimerEffect s && s.Name == name);
        _effects.Add(new SetTimerEffect(name, dueAt));
    }

    /// <summary>Cancels the named timer if armed; its firing, if already on its way, is ignored.</summary>
    public void CancelTimer(string name)
    {
        if (!_timers.Remove(name))
        {
            return;
        }

        // A timer set earlier in this same transition was never dispatched; the cancel still goes out
        // because an older arming of the same name may be on its way.
        _effects.RemoveAll(e => e is SetTimerEffect s && s.Name == name);
        _effects.Add(new CancelTimerEffect(name));
    }

    /// <summary>Cancels every armed timer.</summary>
    public void CancelAllTimers()
    {
        foreach (var name in _timers.Keys.ToList())
        {
            CancelTimer(name);
        }
    }

    /// <summary>
    /// Runs a named activity after this transition commits (at least once, with retries).
    /// <paramref name="key"/> makes the activity id stable so receivers can dedupe.
    /// </summary>
    public string CallActivity(string name, object input, string? key = null, bool notifyOnCompletion = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var id = key is null ? $"{InstanceId}.{Sequence}.{++_activitySequence}" : $"{InstanceId}.{key}";
        _effects.Add(new CallActivityEffect(name, id, EngineJson.ToElement(input), notifyOnCompletion));
        return id;
    }

    /// <summary>Raises an event on another instance after this transition commits.</summary>
    public void RaiseEvent(string targetInstanceId, string name, object? payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetInstanceId);
        var eventId = $"from.{InstanceId}.{Sequence}.{_effects.Count}";
        _effects.Add(new RaiseEventEffect(targetInstanceId, name, eventId, payload is null ? null : EngineJson.ToElement(payload)));
    }

    /// <summary>Sets the custom status shown by the management API (e.g. current steps and due dates).</summary>
    public void SetCustomStatus(object? status) => CustomStatus = status is null ? null : EngineJson.ToElement(status);

    /// <summary>Declares the full set of index rows this instance should have from now on.</summary>
    public void SetIndex(IEnumerable<IndexEntry> entries)
    {
        Index = [.. entries];
        IndexChanged = true;
    }

    /// <summary>Sets the tenant scope (e.g. a municipality code) that partitions the instance catalog.</summary>
    public void SetScope(string scope)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        Scope = scope;
    }

    /// <summary>Marks the instance Suspended (its events still apply; the definition decides what stops).</summary>
    public void MarkSuspended() => RuntimeStatus = RuntimeStatus.Suspended;

    /// <summary>Marks a suspended instance Running again.</summary>
    public void MarkRunning() => RuntimeStatus = RuntimeStatus.Running;

    /// <summary>Completes the instance: no more events, timers cancelled.</summary>
    public void Complete(object? output = null)
    {
        CancelAllTimers();
        RuntimeStatus = RuntimeStatus.Completed;
        Output = output is null ? null : JsonSerializer.Serialize(output, EngineJson.Options);
    }

    /// <summary>Fails the instance with a reason (no personal data).</summary>
    public void Fail(string reason)
    {
        RuntimeStatus = RuntimeStatus.Failed;
        FailureReason = reason;
    }

    /// <summary>Adds a line to the instance's history, e.g. "step extended" with its detail.</summary>
    public void Record(string what, object? detail = null) =>
        _notes.Add(new HistoryNote(what, detail is null ? null : EngineJson.ToElement(detail)));
}

/// <summary>A definition's own line in the history.</summary>
internal sealed record HistoryNote(string What, JsonElement? Detail);
