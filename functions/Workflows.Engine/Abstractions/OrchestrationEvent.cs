using System.Text.Json;

namespace Workflows.Engine.Abstractions;

/// <summary>What kind of thing happened to an instance.</summary>
public enum EventKind
{
    /// <summary>An external event raised through the client (API call, corporation update, ...).</summary>
    External,
    /// <summary>A durable timer the definition set has come due.</summary>
    Timer,
    /// <summary>An activity the definition called has completed.</summary>
    ActivityCompleted,
    /// <summary>An activity the definition called has failed for good.</summary>
    ActivityFailed,
}

/// <summary>One event delivered to a definition. Applied at most once per <see cref="EventId"/>.</summary>
/// <param name="Kind">External, timer, activity result.</param>
/// <param name="Name">Event name, timer name or activity name.</param>
/// <param name="EventId">Dedupe key: the same id never changes the instance twice.</param>
/// <param name="Payload">JSON payload, or null.</param>
/// <param name="Source">Who or what caused it (user id, corporation id, "timer"), for history.</param>
public sealed record OrchestrationEvent(EventKind Kind, string Name, string EventId, JsonElement? Payload, string Source)
{
    /// <summary>Deserialises the payload, or returns default when there is none.</summary>
    public T? PayloadAs<T>() =>
        Payload is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } p
            ? p.Deserialize<T>(EngineJson.Options)
            : default;
}
