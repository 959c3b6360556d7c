using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Engine.Runtime;

/// <summary>Kinds of work item on the work and timer queues.</summary>
internal enum WorkKind
{
    Start,
    Event,
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
}

/// <summary>An activity to run; at least once, deduped by <see cref="ActivityId"/> at the receiver.</summary>
internal sealed record ActivityMessage(string InstanceId, string ActivityId, string Name, JsonElement Input, bool Notify);
