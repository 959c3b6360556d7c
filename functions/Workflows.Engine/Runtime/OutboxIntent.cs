using System.Text.Json.Serialization;

namespace Workflows.Engine.Runtime;

/// <summary>
/// One outbound effect of a committed transition. Stored with the transition (in its event row), so a
/// redelivered message re-sends it; every receiver dedupes.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(ScheduleWakeupIntent), "wakeup")]
[JsonDerivedType(typeof(CancelWakeupIntent), "cancel-wakeup")]
[JsonDerivedType(typeof(SendActivityIntent), "activity")]
[JsonDerivedType(typeof(SendWorkIntent), "work")]
[JsonDerivedType(typeof(IndexPutIntent), "index-put")]
[JsonDerivedType(typeof(IndexRemoveIntent), "index-remove")]
[JsonDerivedType(typeof(DeletePoisonIntent), "delete-poison")]
internal abstract record OutboxIntent;

/// <summary>Wake the instance at its earliest timer: one message per instance, not one per timer.</summary>
internal sealed record ScheduleWakeupIntent(string InstanceId, string WakeupId, DateTimeOffset DueAt) : OutboxIntent;

/// <summary>Withdraw a superseded wake-up (its firing would be ignored anyway; this keeps queues small and purge complete).</summary>
internal sealed record CancelWakeupIntent(string InstanceId, string WakeupId, DateTimeOffset DueAt) : OutboxIntent;

internal sealed record SendActivityIntent(ActivityMessage Message) : OutboxIntent;

internal sealed record SendWorkIntent(WorkMessage Message) : OutboxIntent;

/// <param name="New">The instance never wrote this row before, so it is tried as an insert first (one request instead of a read and a write).</param>
internal sealed record IndexPutIntent(string Partition, string Key, string InstanceId, long Version, IReadOnlyDictionary<string, string> Properties, bool New = false) : OutboxIntent;

internal sealed record IndexRemoveIntent(string Partition, string Key, string InstanceId, long Version) : OutboxIntent;

internal sealed record DeletePoisonIntent(string MessageId, string PopReceipt) : OutboxIntent;
