using System.Text.Json;
using Workflows.Engine.Abstractions;

namespace Workflows.Engine.Client;

/// <summary>An instance as the management API shows it, plus its state for the domain layer to render.</summary>
public sealed record InstanceStatus(
    string InstanceId,
    string Type,
    RuntimeStatus RuntimeStatus,
    JsonElement? CustomStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? FailureReason,
    string? Output,
    int StartedVersion,
    int StateVersion,
    string Scope,
    long Sequence,
    string? State,
    IReadOnlyDictionary<string, DateTimeOffset> Timers)
{
    /// <summary>The definition's state as <typeparamref name="T"/>.</summary>
    public T StateAs<T>() =>
        JsonSerializer.Deserialize<T>(State ?? throw new InvalidOperationException($"Instance {InstanceId} has no state."), EngineJson.Options)
        ?? throw new InvalidOperationException($"Instance {InstanceId} has empty state.");
}

/// <summary>Result of an idempotent start.</summary>
/// <param name="Status">The instance (new or the one that already had this id).</param>
/// <param name="Created">False when an instance with this id already existed.</param>
public sealed record StartResult(InstanceStatus Status, bool Created);

/// <summary>A line of the instance catalog.</summary>
public sealed record InstanceSummary(string InstanceId, string Type, RuntimeStatus RuntimeStatus, string Scope, DateTimeOffset CreatedAt);
