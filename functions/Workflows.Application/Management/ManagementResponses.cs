using System.Text.Json;

namespace Workflows.Application.Management;

/// <summary>
/// An instance as the management API shows it: lifecycle and custom status (phase, steps, due dates), never
/// its state. <c>runtimeStatus</c> is camelCase (<c>running</c>, <c>terminated</c>, ...).
/// </summary>
public sealed record InstanceResponse(
    string InstanceId,
    string Type,
    string RuntimeStatus,
    JsonElement? CustomStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string Municipality);

/// <summary>A line of <c>GET /api/v1/instances</c>.</summary>
public sealed record InstanceListItem(string InstanceId, string Type, string RuntimeStatus, string Municipality, DateTimeOffset CreatedAt);

public sealed record InstanceListResponse(IReadOnlyList<InstanceListItem> Instances);

/// <summary>One line of an instance's append-only history.</summary>
public sealed record HistoryItem(long Sequence, DateTimeOffset At, string What, string? Name, string? Source, JsonElement? Detail);

public sealed record HistoryResponse(string InstanceId, IReadOnlyList<HistoryItem> Events);

/// <summary>Optional body of <c>POST /api/v1/instances/{id}/terminate</c>.</summary>
public sealed record TerminateRequest(string? Reason);
