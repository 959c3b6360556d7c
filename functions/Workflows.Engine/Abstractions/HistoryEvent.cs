using System.Text.Json;

namespace Workflows.Engine.Abstractions;

/// <summary>One append-only line of an instance's history.</summary>
/// <param name="Sequence">Transition number.</param>
/// <param name="At">Engine clock at the transition.</param>
/// <param name="What">What happened: "started", "event", "timer", a definition's own note, ...</param>
/// <param name="Name">Event, timer or note name.</param>
/// <param name="Source">Who or what caused it.</param>
/// <param name="Detail">Optional structured detail.</param>
public sealed record HistoryEvent(long Sequence, DateTimeOffset At, string What, string? Name, string? Source, JsonElement? Detail);
