using System.Text.Json;

namespace Workflows.Orchestrations.Cases;

/// <summary>
/// An external event on its way to a case: every event travels under one Durable Task event name
/// (<see cref="EventName"/>) so the orchestrator keeps a single waiter (ARCHITECTURE §4 pitfalls).
/// </summary>
/// <param name="Id">Dedupe key: the case applies an id once.</param>
/// <param name="Name">The domain event name, e.g. "contact-attempted".</param>
/// <param name="Payload">The domain payload, or null.</param>
/// <param name="Source">Who sent it (staff id, corporation id, "instance:{id}").</param>
public sealed record CaseMessage(string Id, string Name, JsonElement? Payload, string Source)
{
    /// <summary>The client that sent it (one id per client process), with <see cref="Order"/>: its n-th message to this case.</summary>
    public string? Sender { get; init; }

    /// <summary>1, 2, 3, ... per sender and case: the case applies a sender's messages in this order (ARCHITECTURE §5.2).</summary>
    public long? Order { get; init; }

    /// <summary>Orchestration time at which the case put it aside, waiting for an earlier one of its sender.</summary>
    public DateTime? HeldSince { get; init; }

    /// <summary>The one Durable Task event name every case listens to.</summary>
    public const string EventName = "case-event";

    /// <summary>Development only: moves the case's business clock (ARCHITECTURE §5.7); refused elsewhere.</summary>
    public const string ClockEvent = "dev-clock";
}
