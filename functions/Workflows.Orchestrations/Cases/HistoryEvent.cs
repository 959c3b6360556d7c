using System.Text.Json;

namespace Workflows.Orchestrations.Cases;

/// <summary>One append-only line of a case's business history (ARCHITECTURE §5.5), independent of Durable Task's replay history.</summary>
/// <param name="Sequence">Transition number.</param>
/// <param name="At">Business time of the transition.</param>
/// <param name="What">What happened: "started", "event", "timer", a decision's own note, ...</param>
/// <param name="Name">Event, timer or note name.</param>
/// <param name="Source">Who or what caused it.</param>
/// <param name="Detail">Optional structured detail.</param>
public sealed record HistoryEvent(long Sequence, DateTimeOffset At, string What, string? Name, string? Source, JsonElement? Detail);
