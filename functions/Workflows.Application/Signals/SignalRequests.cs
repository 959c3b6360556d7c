namespace Workflows.Application.Signals;

// The request bodies of the signal routes as API.md fixes them. They document the contract (OpenAPI);
// bodies are read strictly by SignalJsonReader / SignalCsv and checked by SignalValidator.

/// <summary>A signal of payment arrears (API.md "Corporations"; RULES §1 "What a signal holds").</summary>
/// <param name="ExternalReference">The corporation's own reference, 1–64 of A–Z a–z 0–9 . _ / -; resubmitting it is harmless.</param>
/// <param name="MunicipalityCode">CBS code of the municipality, e.g. GM0479; one the corporation's key is bound to.</param>
/// <param name="Tenants">1–10 tenants of the household.</param>
/// <param name="Stage">arrears | summons | judgment | eviction-scheduled.</param>
/// <param name="EvictionDate">YYYY-MM-DD, not in the past; required when the stage is eviction-scheduled.</param>
/// <param name="CollectionSteps">All four attestations must be true (Besluit gemeentelijke schuldhulpverlening art. 2).</param>
public sealed record SignalRequest(
    string ExternalReference,
    string MunicipalityCode,
    IReadOnlyList<TenantRequest> Tenants,
    AddressRequest Address,
    ArrearsRequest Arrears,
    string Stage,
    DateOnly? EvictionDate,
    CollectionStepsRequest CollectionSteps);

/// <summary>A tenant: surname required; date of birth in the past; phone E.164 or Dutch; email.</summary>
public sealed record TenantRequest(string? Initials, string? Prefix, string Surname, DateOnly? DateOfBirth, string? Phone, string? Email);

/// <summary>The rented address; postal code as 1501AB or 1501 AB; house number 1–99999; addition at most 10 characters.</summary>
public sealed record AddressRequest(string Street, int HouseNumber, string? HouseNumberAddition, string PostalCode, string City);

/// <summary>Arrears in euros: amount above 0 and below 1,000,000; since not in the future; months 0–120; monthly rent above 0.</summary>
public sealed record ArrearsRequest(decimal Amount, DateOnly Since, int Months, decimal MonthlyRent);

/// <summary>What the landlord did before signalling (Besluit gemeentelijke schuldhulpverlening art. 2, onder a–d).</summary>
public sealed record CollectionStepsRequest(bool PersonalContactAttempted, bool PointedToDebtHelp, bool WrittenReminderSent, bool TenantDidNotObject);

/// <summary>A batch of signals as JSON.</summary>
public sealed record SignalBatchRequest(IReadOnlyList<SignalRequest> Signals);

/// <summary>
/// A corporation update (API.md): type arrears-resolved | payment-plan-agreed | eviction-scheduled (needs
/// evictionDate) | arrears-changed (needs arrears) | withdrawn; note at most 1000 characters.
/// </summary>
public sealed record SignalUpdateRequest(string Type, DateOnly? EvictionDate, ArrearsRequest? Arrears, string? Note);

/// <summary>
/// A staff event (API.md "Staff"): type triaged (assignee?) | contact-attempted (channel, reached, date?) |
/// help-offered | help-accepted | help-declined | first-conversation-held | decision-made | closed (outcome) |
/// step-extended (step, date, reason) | suspended (reason) | resumed; note at most 1000 characters.
/// </summary>
public sealed record SignalEventRequest(
    string Type,
    string? Assignee,
    string? Channel,
    bool? Reached,
    string? Outcome,
    string? Step,
    DateOnly? Date,
    string? Reason,
    string? Note);
