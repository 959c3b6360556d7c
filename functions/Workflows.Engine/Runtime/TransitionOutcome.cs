using Workflows.Engine.Storage;

namespace Workflows.Engine.Runtime;

/// <summary>What applying one work message did.</summary>
internal sealed record TransitionOutcome(TransitionOutcomeKind Kind, IReadOnlyList<OutboxIntent> Outbox, InstanceRecord? Record)
{
    public static TransitionOutcome Ignored(InstanceRecord? record) => new(TransitionOutcomeKind.Ignored, [], record);
}

internal enum TransitionOutcomeKind
{
    /// <summary>A new transition was committed.</summary>
    Committed,
    /// <summary>The event had been applied before; its outbox is re-sent.</summary>
    Duplicate,
    /// <summary>Nothing to do (stale timer, unknown or finished instance, repeated start).</summary>
    Ignored,
    /// <summary>Held back because the instance is Failed.</summary>
    Parked,
}

/// <summary>Optimistic concurrency kept losing; the message is released for a later try and does not count towards poison.</summary>
internal sealed class ConflictExhaustedException(string instanceId)
    : Exception($"Instance {instanceId} kept changing under this worker.")
{
    public string InstanceId { get; } = instanceId;
}
