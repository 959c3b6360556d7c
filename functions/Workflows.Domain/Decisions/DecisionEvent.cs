using System.Text.Json;

namespace Workflows.Domain.Decisions;

/// <summary>What kind of thing happened to a case.</summary>
public enum EventKind
{
    /// <summary>An external event (API call, corporation update, another case).</summary>
    External,
    /// <summary>A timer the case set has come due.</summary>
    Timer,
    /// <summary>An activity the case called has completed.</summary>
    ActivityCompleted,
    /// <summary>An activity the case called has failed for good.</summary>
    ActivityFailed,
}

/// <summary>One event delivered to a decision. Applied at most once per <see cref="EventId"/>.</summary>
/// <param name="Kind">External, timer, activity result.</param>
/// <param name="Name">Event name, timer name or activity name.</param>
/// <param name="EventId">Dedupe key: the same id never changes the case twice.</param>
/// <param name="Payload">JSON payload, or null.</param>
/// <param name="Source">Who or what caused it (user id, corporation id, "timer"), for history.</param>
public sealed record DecisionEvent(EventKind Kind, string Name, string EventId, JsonElement? Payload, string Source)
{
    /// <summary>Deserialises the payload, or returns default when there is none.</summary>
    public T? PayloadAs<T>() =>
        Payload is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } p
            ? p.Deserialize<T>(DomainJson.Options)
            : default;
}
