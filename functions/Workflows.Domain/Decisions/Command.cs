using System.Text.Json;

namespace Workflows.Domain.Decisions;

/// <summary>
/// Something a decision asks the runtime to carry out after the transition: the domain returns commands
/// and never performs them, so it stays pure and knows no runtime.
/// </summary>
public abstract record Command;

/// <summary>Arm (or re-arm) the named timer; a superseded timer changes nothing.</summary>
public sealed record SetTimerCommand(string Name, DateTimeOffset DueAt) : Command;

/// <summary>Cancel the named timer.</summary>
public sealed record CancelTimerCommand(string Name) : Command;

/// <summary>Run a side effect at least once; <paramref name="ActivityId"/> is stable so the receiver can dedupe.</summary>
public sealed record CallActivityCommand(string Name, string ActivityId, JsonElement Input, bool NotifyOnCompletion) : Command;

/// <summary>Deliver an event to another case; <paramref name="EventId"/> lets the target apply it once.</summary>
public sealed record RaiseEventCommand(string TargetInstanceId, string Name, string EventId, JsonElement? Payload) : Command;
