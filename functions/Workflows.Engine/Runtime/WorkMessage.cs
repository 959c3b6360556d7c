using System.Text.Json;
using System.Text.Json.Serialization;

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
    string? TimerId = null,
    DateTimeOffset? DueAt = null)
{
    [JsonIgnore]
    public bool IsTimer => Kind == WorkKind.Timer;

    /// <summary>The wake-up message of an instance; its id is the one the instance record holds as current.</summary>
    public static WorkMessage Wakeup(string instanceId, string wakeupId, DateTimeOffset dueAt) =>
        new(WorkKind.Timer, instanceId, $"wake.{wakeupId}", null, null, "timer", TimerId: wakeupId, DueAt: dueAt);
}

/// <summary>An activity to run; at least once, deduped by <see cref="ActivityId"/> at the receiver.</summary>
internal sealed record ActivityMessage(string InstanceId, string ActivityId, string Name, JsonElement Input, bool Notify);
