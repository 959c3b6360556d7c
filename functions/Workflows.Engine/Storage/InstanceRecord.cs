using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflows.Engine.Abstractions;

namespace Workflows.Engine.Storage;

/// <summary>An armed timer: its current id (older ids are stale) and due instant.</summary>
internal sealed record ArmedTimer(string Id, DateTimeOffset DueAt);

/// <summary>An index row the instance holds, with a fingerprint of its columns to skip unchanged writes.</summary>
internal sealed record HeldIndexRow(string Partition, string Key, string Fingerprint);

/// <summary>The state row of an instance: engine bookkeeping plus the definition's state as data.</summary>
internal sealed record InstanceRecord
{
    public required string InstanceId { get; init; }
    public required string Type { get; init; }
    public int StartedVersion { get; init; }
    public int StateVersion { get; init; }
    public RuntimeStatus Status { get; init; }
    public string Scope { get; init; } = "default";
    public long Sequence { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; init; }
    public string? FailureReason { get; init; }
    public string? Output { get; init; }
    public string? CustomStatus { get; init; }

    /// <summary>Null until the definition's start ran (a start can fail and be retried).</summary>
    public string? State { get; init; }
    public IReadOnlyDictionary<string, ArmedTimer> Timers { get; init; } = new Dictionary<string, ArmedTimer>();

    /// <summary>
    /// The one wake-up message in flight, due at the earliest timer; null when no timer is armed. Only a
    /// wake-up with this id fires a timer: older ones were superseded.
    /// </summary>
    public ArmedTimer? Wakeup { get; init; }
    public IReadOnlyList<HeldIndexRow> Index { get; init; } = [];

    /// <summary>Every index row ever written (incl. tombstones), so purge can remove them all.</summary>
    public IReadOnlyList<HeldIndexRow> IndexWritten { get; init; } = [];
    public ETag ETag { get; init; }

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(InstanceId, Keys.State)
        {
            ["Type"] = Type,
            ["StartedVersion"] = StartedVersion,
            ["StateVersion"] = StateVersion,
            ["Status"] = Status.ToString(),
            ["Scope"] = Scope,
            ["Sequence"] = Sequence,
            ["CreatedAt"] = CreatedAt,
            ["LastUpdatedAt"] = LastUpdatedAt,
            ["FailureReason"] = FailureReason,
            ["Output"] = Output,
            ["Timers"] = JsonSerializer.Serialize(Timers, EngineJson.Options),
            ["Wakeup"] = Wakeup is null ? null : JsonSerializer.Serialize(Wakeup, EngineJson.Options),
        };
        Chunks.Write(entity, "CustomStatus", CustomStatus);
        Chunks.Write(entity, "State", State);
        Chunks.Write(entity, "Index", JsonSerializer.Serialize(Index, EngineJson.Options));
        Chunks.Write(entity, "IndexWritten", JsonSerializer.Serialize(IndexWritten, EngineJson.Options));
        return entity;
    }

    public static InstanceRecord FromEntity(TableEntity entity) => new()
    {
        InstanceId = entity.PartitionKey,
        Type = entity.GetString("Type"),
        StartedVersion = entity.GetInt32("StartedVersion") ?? 0,
        StateVersion = entity.GetInt32("StateVersion") ?? 0,
        Status = Enum.Parse<RuntimeStatus>(entity.GetString("Status")),
        Scope = entity.GetString("Scope") ?? "default",
        Sequence = entity.GetInt64("Sequence") ?? 0,
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
        LastUpdatedAt = entity.GetDateTimeOffset("LastUpdatedAt") ?? default,
        FailureReason = entity.GetString("FailureReason"),
        Output = entity.GetString("Output"),
        CustomStatus = Chunks.Read(entity, "CustomStatus"),
        State = Chunks.Read(entity, "State"),
        Timers = JsonSerializer.Deserialize<Dictionary<string, ArmedTimer>>(entity.GetString("Timers") ?? "{}", EngineJson.Options) ?? [],
        Wakeup = entity.GetString("Wakeup") is { } wakeup ? JsonSerializer.Deserialize<ArmedTimer>(wakeup, EngineJson.Options) : null,
        Index = JsonSerializer.Deserialize<List<HeldIndexRow>>(Chunks.Read(entity, "Index") ?? "[]", EngineJson.Options) ?? [],
        IndexWritten = JsonSerializer.Deserialize<List<HeldIndexRow>>(Chunks.Read(entity, "IndexWritten") ?? "[]", EngineJson.Options) ?? [],
        ETag = entity.ETag,
    };
}
