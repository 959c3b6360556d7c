namespace Workflows.Domain.Signals;

/// <summary>Event names a signal case accepts (API.md staff events and corporation updates).</summary>
public static class SignalEvents
{
    // Staff (API.md: POST /api/v1/signals/{id}/events); "triaged" is an addition: assign and take in.
    public const string Triaged = "triaged";
    public const string ContactAttempted = "contact-attempted";
    public const string HelpOffered = "help-offered";
    public const string HelpAccepted = "help-accepted";
    public const string HelpDeclined = "help-declined";
    public const string FirstConversationHeld = "first-conversation-held";
    public const string DecisionMade = "decision-made";
    public const string Closed = "closed";

    // Both kinds of case (RULES §3).
    public const string StepExtended = "step-extended";
    public const string Suspended = "suspended";
    public const string Resumed = "resumed";

    // Corporation updates (API.md: POST /api/v1/signals/{id}/updates), prefixed to keep them apart.
    public const string ArrearsResolved = "arrears-resolved";
    public const string PaymentPlanAgreed = "payment-plan-agreed";
    public const string EvictionScheduled = "eviction-scheduled";
    public const string ArrearsChanged = "arrears-changed";
    public const string Withdrawn = "withdrawn";

    /// <summary>Raised by a newer signal of the same household on the open case that absorbs it.</summary>
    public const string Absorbed = "signal-absorbed";

    public static readonly IReadOnlySet<string> Staff = new HashSet<string>
    {
        Triaged, ContactAttempted, HelpOffered, HelpAccepted, HelpDeclined, FirstConversationHeld, DecisionMade, Closed, StepExtended, Suspended, Resumed,
    };

    public static readonly IReadOnlySet<string> CorporationUpdates = new HashSet<string>
    {
        ArrearsResolved, PaymentPlanAgreed, EvictionScheduled, ArrearsChanged, Withdrawn,
    };
}
