using Workflows.Engine.Abstractions;
using Workflows.Engine.Runtime;

namespace Workflows.Engine.Storage;

/// <summary>Everything one transition writes (EventId null: no dedupe row, e.g. parking a message) in the instance partition, committed as one entity-group transaction.</summary>
internal sealed record TransitionCommit(
    InstanceRecord Record,
    bool IsNew,
    string? EventId,
    IReadOnlyList<OutboxIntent> Outbox,
    IReadOnlyList<HistoryEvent> History,
    IReadOnlyList<ParkedMessage> ParkAdd,
    IReadOnlyList<string> ParkDelete);

/// <summary>A message held back while its instance is Failed; re-enqueued by a retry.</summary>
internal sealed record ParkedMessage(string EventId, WorkMessage Message, string? PoisonMessageId, string? PoisonPopReceipt);
