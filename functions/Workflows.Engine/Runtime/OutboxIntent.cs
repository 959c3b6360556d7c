using System.Text.Json.Serialization;

namespace Workflows.Engine.Runtime;

/// <summary>
/// One outbound effect of a committed transition. Stored with the transition (in its event row), so a
/// redelivered message re-sends it; every receiver dedupes.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(ScheduleTimerIntent), "timer")]
[JsonDerivedType(typeof(CancelTimerIntent), "cancel-timer")]
[JsonDerivedType(typeof(SendActivityIntent), "activity")]
[JsonDerivedType(typeof(SendWorkIntent), "work")]
[JsonDerivedType(typeof(IndexPutIntent), "index-put")]
[JsonDerivedType(typeof(IndexRemoveIntent), "index-remove")]
[JsonDerivedType(typeof(DeletePoisonIntent), "delete-poison")]
internal abstract record OutboxIntent;

internal sealed record ScheduleTimerIntent(string InstanceId, string Name, string TimerId, DateTimeOffset DueAt) : OutboxIntent;

internal sealed record CancelTimerIntent(string InstanceId, string TimerId, DateTimeOffset DueAt) : OutboxIntent;

internal sealed record SendActivityIntent(ActivityMessage Message) : OutboxIntent;

internal sealed record SendWorkIntent(WorkMessage Message) : OutboxIntent;

internal sealed record IndexPutIntent(string Partition, string Key, string InstanceId, long Version, IReadOnlyDictionary<string, string> Properties) : OutboxIntent;

internal sealed record IndexRemoveIntent(string Partition, string Key, string InstanceId, long Version) : OutboxIntent;

internal sealed record DeletePoisonIntent(string MessageId, string PopReceipt) : OutboxIntent;
