using System.Text.Json;

namespace Workflows.Engine.Abstractions;

/// <summary>Something a definition asks the engine to do as part of a transition.</summary>
internal abstract record Effect;

internal sealed record SetTimerEffect(string Name, DateTimeOffset DueAt) : Effect;

internal sealed record CancelTimerEffect(string Name) : Effect;

internal sealed record CallActivityEffect(string Name, string ActivityId, JsonElement Input, bool NotifyOnCompletion) : Effect;

internal sealed record RaiseEventEffect(string TargetInstanceId, string Name, string EventId, JsonElement? Payload) : Effect;
