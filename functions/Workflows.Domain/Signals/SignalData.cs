namespace Workflows.Domain.Signals;

/// <summary>Eviction stage as the corporation reports it.</summary>
public enum EvictionStage
{
    Arrears,
    Summons,
    Judgment,
    EvictionScheduled,
}

/// <summary>Contact channel of an attempt (RULES §1).</summary>
public enum ContactChannel
{
    Letter,
    Phone,
    Email,
    Sms,
    Whatsapp,
    HomeVisit,
    Card,
    Other,
}

/// <summary>How a signal case ended (RULES §1, "Outcomes").</summary>
public enum SignalOutcome
{
    ResolvedByPayment,
    PaymentPlan,
    HelpAccepted,
    HelpDeclined,
    AlreadyInHelp,
    NotReached,
    Withdrawn,
    Moved,
    Evicted,
    Other,
}

/// <summary>The corporation's coarse view (API.md): nothing about the person's situation.</summary>
public enum CoarseStatus
{
    Received,
    InContact,
    HelpAccepted,
    NotReached,
    Closed,
}

/// <summary>A tenant as the corporation gave it (personal data: purged at retention).</summary>
public sealed record Tenant(string? Initials, string? Prefix, string Surname, DateOnly? DateOfBirth, string? Phone, string? Email);

/// <summary>The rented address.</summary>
public sealed record Address(string Street, int HouseNumber, string? HouseNumberAddition, string PostalCode, string City);

/// <summary>The arrears as reported.</summary>
public sealed record Arrears(decimal Amount, DateOnly Since, int Months, decimal MonthlyRent);

/// <summary>One contact attempt.</summary>
public sealed record ContactAttempt(DateOnly On, ContactChannel Channel, bool Reached);

/// <summary>A corporation update as recorded on the case.</summary>
public sealed record CorporationUpdate(string Type, DateOnly On, DateOnly? EvictionDate, Arrears? Arrears, string? Note);

/// <summary>A newer signal of the same household absorbed into this case.</summary>
public sealed record AbsorbedSignal(string SignalId, string CorporationId, string ExternalReference, DateOnly ReceivedOn, Arrears Arrears, EvictionStage Stage, DateOnly? EvictionDate);
