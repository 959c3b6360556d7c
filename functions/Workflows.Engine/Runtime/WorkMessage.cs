using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Engine.Abstractions;

namespace Workflows.Engine.Runtime;

/// <summary>Kinds of work item on the work and timer queues.</summary>
internal enum WorkKind
{
    Start,
    Event,

    /// <summary>A wake-up of the instance at its earliest timer (on the timer queue); it fires the timers then due.</summary>
    Timer,
    ActivityCompleted,
    ActivityFailed,
    Terminate,
    Retry,

    /// <summary>The shared recovery message of several inline calls (<see cref="RecoveryBatcher"/>); a worker re-queues each.</summary>
    Group,
}

/// <summary>An inbound message for one instance. It carries ids, not state; state lives in the instance partition.</summary>
internal sealed record WorkMessage(
    WorkKind Kind,
    string InstanceId,
    string EventId,
    string? Name = null,
    JsonElement? Payload = null,
    string? Source = null,
    string? Type = null,
    string? WakeupId = null,
    DateTimeOffset? DueAt = null)
{
    [JsonIgnore]
    public bool IsTimer => Kind == WorkKind.Timer;

    /// <summary>A recovery message holding several work messages, each for its own instance.</summary>
    public static WorkMessage Group(IReadOnlyList<WorkMessage> members) =>
        new(WorkKind.Group, members[0].InstanceId, Guid.NewGuid().ToString("N"), "group", EngineJson.ToElement(members), "engine");

    /// <summary>The wake-up message of an instance; its id is the one the instance record holds as current.</summary>
    public static WorkMessage Wakeup(string instanceId, string wakeupId, DateTimeOffset dueAt) =>
        new(WorkKind.Timer, instanceId, $"wake.{wakeupId}", null, null, "timer", WakeupId: wakeupId, DueAt: dueAt);
}

/// <summary>An activity to run; at least once, deduped by <see cref="ActivityId"/> at the receiver.</summary>
internal sealed record ActivityMessage(string InstanceId, string ActivityId, string Name, JsonElement Input, bool Notify);
