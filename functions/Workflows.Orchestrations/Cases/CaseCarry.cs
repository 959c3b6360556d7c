using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Domain.Decisions;

namespace Workflows.Orchestrations.Cases;

/// <summary>
/// Everything a case is, as data: the orchestration's input (carried over by <c>ContinueAsNew</c>) and its
/// custom status after every transition, so a reader sees the case as of its last committed episode. Code
/// changes never break a case in flight: nothing depends on replaying older code.
/// </summary>
public sealed record CaseCarry
{
    /// <summary>The case kind (definition type, e.g. "signal").</summary>
    public required string Type { get; init; }

    /// <summary>The domain state as JSON (the only place personal data lives; never shown as custom status).</summary>
    public string? State { get; init; }

    /// <summary>Definition version that wrote <see cref="State"/>.</summary>
    public int StateVersion { get; init; }

    /// <summary>Definition version the case started on (ARCHITECTURE §5.8).</summary>
    public int StartedVersion { get; init; }

    /// <summary>Number of the last transition.</summary>
    public long Sequence { get; init; }

    /// <summary>Armed timers by name, business time.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Timers { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>The most recent applied event ids (bounded), so a redelivered event changes nothing.</summary>
    public IReadOnlyList<string> Applied { get; init; } = [];

    /// <summary>The index rows the case holds.</summary>
    public IReadOnlyList<IndexKey> IndexKeys { get; init; } = [];

    /// <summary>The decision's public status (phase, steps); what the management API shows.</summary>
    public JsonElement? Public { get; init; }

    /// <summary>Tenant scope: the municipality.</summary>
    public string Scope { get; init; } = "";

    public CaseLifecycle Lifecycle { get; init; }

    public string? Output { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>Business time minus orchestration time; 0 unless <see cref="VirtualTime"/> (ARCHITECTURE §5.7).</summary>
    public TimeSpan Skew { get; init; }

    /// <summary>Whether this case takes <see cref="CaseMessage.ClockEvent"/> (Development only, fixed at start).</summary>
    public bool VirtualTime { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>Events to apply first: those that met a fault, kept for the operator's retry.</summary>
    public IReadOnlyList<CaseMessage> Inbox { get; init; } = [];

    /// <summary>Per sender, the order number of the last message applied (see <see cref="CaseMessage.Order"/>).</summary>
    public IReadOnlyDictionary<string, long> Senders { get; init; } = new Dictionary<string, long>();

    /// <summary>Messages that came before an earlier one of the same sender (a queue redelivers out of order); applied when it comes.</summary>
    public IReadOnlyList<CaseMessage> Held { get; init; } = [];

    /// <summary>Effects decided but not yet carried out (the start's, decided where the request was taken).</summary>
    public CaseEffects? Outbox { get; init; }

    /// <summary>Activities in flight when this status was written (the demo clock waits for none).</summary>
    public int Pending { get; init; }

    /// <summary>How many times the case continued as new.</summary>
    public int Generation { get; init; }

    /// <summary>True when the case takes no more events (derived: not stored).</summary>
    [JsonIgnore]
    public bool IsFinal => Lifecycle is CaseLifecycle.Completed or CaseLifecycle.Failed;

    /// <summary>The earliest armed timer, or null (derived: not stored).</summary>
    [JsonIgnore]
    public DateTimeOffset? NextDue => Timers.Count == 0 ? null : Timers.Values.Min();

    /// <summary>The domain state as <typeparamref name="T"/>.</summary>
    public T StateAs<T>() =>
        JsonSerializer.Deserialize<T>(State ?? throw new InvalidOperationException("The case has no state."), DomainJson.Options)
        ?? throw new InvalidOperationException("The case has empty state.");
}
