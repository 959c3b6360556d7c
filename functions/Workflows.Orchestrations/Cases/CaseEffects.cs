using System.Text.Json;
using Workflows.Domain.Decisions;

namespace Workflows.Orchestrations.Cases;

/// <summary>What one transition asks the orchestrator to carry out: activities, events to other cases, and the projection write.</summary>
public sealed record CaseEffects(IReadOnlyList<ActivityCall> Activities, IReadOnlyList<OutgoingEvent> Events, PublishCase? Publish)
{
    public static CaseEffects None { get; } = new([], [], null);

    public bool IsEmpty => Activities.Count == 0 && Events.Count == 0 && Publish is null;
}

/// <summary>An activity to run: <paramref name="ActivityId"/> is stable, so receivers dedupe repeated runs.</summary>
public sealed record ActivityCall(string Name, string ActivityId, string InstanceId, JsonElement Input, bool NotifyOnCompletion)
{
    /// <summary>Business time of the transition that decided it (a reminder's "sent at" is its due instant, not its run).</summary>
    public DateTimeOffset DecidedAt { get; init; }
}

/// <summary>An event for another case.</summary>
public sealed record OutgoingEvent(string TargetInstanceId, CaseMessage Message);

/// <summary>
/// Input of the <see cref="Activities.PublishCaseActivity"/>: what one transition (or episode) changed in the case's
/// index rows (rows to put, rows to remove) and its history lines. Version-guarded by <paramref name="Sequence"/>,
/// so a late or repeated write changes nothing.
/// </summary>
public sealed record PublishCase(
    string InstanceId,
    long Sequence,
    IReadOnlyList<IndexEntry> Put,
    IReadOnlyList<IndexKey> Remove,
    IReadOnlyList<HistoryEvent> History)
{
    /// <summary>Rows of <see cref="Put"/> the case did not hold before: an insert is tried first (one request, not two).</summary>
    public IReadOnlyList<IndexKey> Fresh { get; init; } = [];

    /// <summary>This write followed by <paramref name="then"/>, as one write (the later transition's rows win).</summary>
    public PublishCase Then(PublishCase then)
    {
        ArgumentNullException.ThrowIfNull(then);
        var removed = then.Remove.Select(k => k.Row).ToHashSet();
        var putLater = then.Put.Select(p => (p.Partition, p.Key)).ToHashSet();
        var put = Put.Where(p => !putLater.Contains((p.Partition, p.Key)) && !removed.Contains((p.Partition, p.Key))).Concat(then.Put).ToList();
        var putRows = put.Select(p => (p.Partition, p.Key)).ToHashSet();
        var remove = Remove.Where(k => !putLater.Contains(k.Row) && !removed.Contains(k.Row)).Concat(then.Remove).ToList();
        var fresh = Fresh.Concat(then.Fresh).Where(k => putRows.Contains(k.Row)).DistinctBy(k => k.Row).ToList();
        return new PublishCase(then.InstanceId, then.Sequence, put, remove, [.. History, .. then.History]) { Fresh = fresh };
    }
}
