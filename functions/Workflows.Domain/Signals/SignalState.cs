using Workflows.Domain.Plans;

namespace Workflows.Domain.Signals;

/// <summary>Where a signal case stands.</summary>
public enum SignalPhase
{
    Received,
    InContact,
    HelpAccepted,
    Closed,
    /// <summary>Absorbed into an open case of the same household.</summary>
    Merged,
}

/// <summary>The state of one signal case. Personal data (tenants, address) lives here and is purged at retention.</summary>
public sealed record SignalState
{
    public required string CorporationId { get; init; }
    public required string ExternalReference { get; init; }
    public required string Municipality { get; init; }
    public required string Team { get; init; }
    public string? Assignee { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required DateOnly ReceivedOn { get; init; }
    public required IReadOnlyList<Tenant> Tenants { get; init; }
    public required Address Address { get; init; }
    public required Arrears Arrears { get; init; }
    public required EvictionStage Stage { get; init; }
    public DateOnly? EvictionDate { get; init; }
    public bool Urgent { get; init; }
    public DateOnly? UrgentSince { get; init; }
    public SignalPhase Phase { get; init; }
    public IReadOnlyList<ContactAttempt> Attempts { get; init; } = [];
    public bool HelpOffered { get; init; }
    public DateOnly? HelpAcceptedOn { get; init; }
    public bool HelpDeclined { get; init; }
    public DateOnly? FirstConversationOn { get; init; }
    public DateOnly? DecisionOn { get; init; }
    public IReadOnlyList<CorporationUpdate> Updates { get; init; } = [];
    public IReadOnlyList<AbsorbedSignal> Absorbed { get; init; } = [];
    public string? MergedInto { get; init; }
    public SignalOutcome? Outcome { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? PurgeAt { get; init; }
    public required RetentionPolicy Retention { get; init; }
    public required CaseSteps Steps { get; init; }

    public StepState this[string step] => Steps[step];

    /// <summary>The corporation's coarse status (API.md).</summary>
    public CoarseStatus Coarse => Phase switch
    {
        SignalPhase.Received => CoarseStatus.Received,
        SignalPhase.InContact => CoarseStatus.InContact,
        SignalPhase.HelpAccepted => CoarseStatus.HelpAccepted,
        _ when Outcome == SignalOutcome.NotReached => CoarseStatus.NotReached,
        SignalPhase.Merged => CoarseStatus.Received,
        _ => CoarseStatus.Closed,
    };
}
