using System.Text.Json;

namespace Workflows.Domain.Decisions;

/// <summary>
/// What a decision sees while it decides one transition, and where it writes its commands. Nothing here
/// touches storage or a runtime: the runtime reads the commands afterwards and carries them out.
/// </summary>
public sealed class DecisionContext
{
    private readonly Dictionary<string, DateTimeOffset> _timers;
    private readonly List<Command> _commands = [];
    private readonly List<HistoryNote> _notes = [];
    private int _activitySequence;

    /// <param name="instanceId">The case being decided.</param>
    /// <param name="now">Business time of this transition.</param>
    /// <param name="sequence">Number of this transition within the case (1 for start).</param>
    /// <param name="stateVersion">Definition version that wrote the state being loaded (0 at start).</param>
    /// <param name="timers">Timers armed before this transition.</param>
    /// <param name="scope">Tenant scope so far (empty at start).</param>
    /// <param name="lifecycle">Lifecycle so far.</param>
    public DecisionContext(
        string instanceId, DateTimeOffset now, long sequence, int stateVersion,
        IReadOnlyDictionary<string, DateTimeOffset> timers, string scope, CaseLifecycle lifecycle)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(timers);
        InstanceId = instanceId;
        Now = now;
        Sequence = sequence;
        StateVersion = stateVersion;
        _timers = new Dictionary<string, DateTimeOffset>(timers, StringComparer.Ordinal);
        Scope = scope;
        Lifecycle = lifecycle;
    }

    /// <summary>The case being decided.</summary>
    public string InstanceId { get; }

    /// <summary>Business time of this transition (virtual in tests and on the demo clock).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Number of this transition within the case (1 for start).</summary>
    public long Sequence { get; }

    /// <summary>The definition version that wrote the state being loaded (0 at start).</summary>
    public int StateVersion { get; }

    /// <summary>Timers armed after this transition, by name, with their due instants.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Timers => _timers;

    /// <summary>The public status (phase, steps) for the management API; never personal data.</summary>
    public JsonElement? CustomStatus { get; private set; }

    /// <summary>The full set of index rows the case wants after this transition (see <see cref="IndexChanged"/>).</summary>
    public IReadOnlyList<IndexEntry> Index { get; private set; } = [];

    /// <summary>False when the decision left the index as it was.</summary>
    public bool IndexChanged { get; private set; }

    /// <summary>The tenant scope (a municipality code) the case belongs to.</summary>
    public string Scope { get; private set; }

    /// <summary>Running, Suspended, Completed or Failed as decided.</summary>
    public CaseLifecycle Lifecycle { get; private set; }

    /// <summary>The output when completed.</summary>
    public string? Output { get; private set; }

    /// <summary>The reason when failed (no personal data).</summary>
    public string? FailureReason { get; private set; }

    /// <summary>The commands, in the order decided.</summary>
    public IReadOnlyList<Command> Commands => _commands;

    /// <summary>The decision's own history lines.</summary>
    public IReadOnlyList<HistoryNote> Notes => _notes;

    /// <summary>Arms (or re-arms, replacing any earlier one) the named timer. A replaced timer's firing is ignored.</summary>
    public void SetTimer(string name, DateTimeOffset dueAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _timers[name] = dueAt;
        _commands.RemoveAll(c => c is SetTimerCommand s && s.Name == name);
        _commands.Add(new SetTimerCommand(name, dueAt));
    }

    /// <summary>Cancels the named timer if armed.</summary>
    public void CancelTimer(string name)
    {
        if (!_timers.Remove(name))
        {
            return;
        }

        _commands.RemoveAll(c => c is SetTimerCommand s && s.Name == name);
        _commands.Add(new CancelTimerCommand(name));
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
    /// Runs a named activity after this transition (at least once, with retries).
    /// <paramref name="key"/> makes the activity id stable so receivers can dedupe.
    /// </summary>
    public string CallActivity(string name, object input, string? key = null, bool notifyOnCompletion = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var id = key is null ? $"{InstanceId}.{Sequence}.{++_activitySequence}" : $"{InstanceId}.{key}";
        _commands.Add(new CallActivityCommand(name, id, DomainJson.ToElement(input), notifyOnCompletion));
        return id;
    }

    /// <summary>Raises an event on another case after this transition.</summary>
    public void RaiseEvent(string targetInstanceId, string name, object? payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetInstanceId);
        var eventId = $"from.{InstanceId}.{Sequence}.{_commands.Count}";
        _commands.Add(new RaiseEventCommand(targetInstanceId, name, eventId, payload is null ? null : DomainJson.ToElement(payload)));
    }

    /// <summary>Sets the public status shown by the management API (phase, steps and due dates; no personal data).</summary>
    public void SetCustomStatus(object? status) => CustomStatus = status is null ? null : DomainJson.ToElement(status);

    /// <summary>Declares the full set of index rows this case should have from now on.</summary>
    public void SetIndex(IEnumerable<IndexEntry> entries)
    {
        Index = [.. entries];
        IndexChanged = true;
    }

    /// <summary>Sets the tenant scope (e.g. a municipality code).</summary>
    public void SetScope(string scope)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        Scope = scope;
    }

    /// <summary>Marks the case Suspended (its events still apply; the decision decides what stops).</summary>
    public void MarkSuspended() => Lifecycle = CaseLifecycle.Suspended;

    /// <summary>Marks a suspended case Running again.</summary>
    public void MarkRunning() => Lifecycle = CaseLifecycle.Running;

    /// <summary>Completes the case: no more events, timers cancelled.</summary>
    public void Complete(object? output = null)
    {
        CancelAllTimers();
        Lifecycle = CaseLifecycle.Completed;
        Output = output is null ? null : JsonSerializer.Serialize(output, DomainJson.Options);
    }

    /// <summary>Fails the case with a reason (no personal data).</summary>
    public void Fail(string reason)
    {
        Lifecycle = CaseLifecycle.Failed;
        FailureReason = reason;
    }

    /// <summary>Adds a line to the case's business history, e.g. "step extended" with its detail.</summary>
    public void Record(string what, object? detail = null) =>
        _notes.Add(new HistoryNote(what, detail is null ? null : DomainJson.ToElement(detail)));
}
