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
/// Input of the <see cref="Activities.PublishCaseActivity"/>: the case's index rows and history lines after one
/// transition. Version-guarded by <paramref name="Sequence"/>, so a late or repeated write changes nothing.
/// </summary>
public sealed record PublishCase(
    string InstanceId,
    long Sequence,
    IReadOnlyList<IndexEntry> Put,
    IReadOnlyList<IndexKey> Remove,
    IReadOnlyList<HistoryEvent> History);
