using System.Text.Json;
using Workflows.Domain.Decisions;

namespace Workflows.Orchestrations.Client;

/// <summary>A case as the management API shows it, plus its state for the application to render.</summary>
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
    IReadOnlyDictionary<string, DateTimeOffset> Timers,
    IReadOnlyList<string> Applied,
    TimeSpan Skew,
    int Pending)
{
    /// <summary>Whether the case takes clock moves (Development and tests).</summary>
    public bool VirtualTime { get; init; }

    /// <summary>The index rows the case holds.</summary>
    public IReadOnlyList<Cases.IndexKey> IndexKeys { get; init; } = [];

    /// <summary>The domain state as <typeparamref name="T"/>.</summary>
    public T StateAs<T>() =>
        JsonSerializer.Deserialize<T>(State ?? throw new InvalidOperationException($"Case {InstanceId} has no state."), DomainJson.Options)
        ?? throw new InvalidOperationException($"Case {InstanceId} has empty state.");
}

/// <summary>Result of an idempotent start.</summary>
/// <param name="Status">The case (new, or the one that already had this id).</param>
/// <param name="Created">False when a case with this id already existed.</param>
public sealed record StartResult(InstanceStatus Status, bool Created);

/// <summary>A line of the instance list.</summary>
public sealed record InstanceSummary(string InstanceId, string Type, RuntimeStatus RuntimeStatus, string Scope, DateTimeOffset CreatedAt);

/// <summary>What became of a raised event: applied (the case shows it) or accepted and still on its way.</summary>
public sealed record RaiseResult(InstanceStatus Status, bool Applied);
