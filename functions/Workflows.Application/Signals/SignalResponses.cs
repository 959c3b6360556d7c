using System.Text.Json.Serialization;
using Workflows.Domain.Cases;
using Workflows.Domain.Signals;

namespace Workflows.Application.Signals;

/// <summary>
/// The corporation's coarse view (API.md): status received | in-contact | help-accepted | not-reached | closed;
/// nothing about the person's situation (RULES §1). Also the body of a 201/200 intake answer.
/// </summary>
public sealed record SignalStatusView(
    string Id,
    string ExternalReference,
    string Status,
    DateTimeOffset ReceivedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ClosedAt);

/// <summary>The full case for staff of its municipality (API.md "Staff"); steps as both kinds of case show them.</summary>
public sealed record SignalCaseView(
    string Id,
    string ExternalReference,
    string Corporation,
    string MunicipalityCode,
    string Status,
    string Phase,
    bool Urgent,
    DateOnly? UrgentSince,
    bool Suspended,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ClosedAt,
    string? Outcome,
    string? Assignee,
    string Team,
    IReadOnlyList<Tenant> Tenants,
    Address Address,
    Arrears Arrears,
    string Stage,
    DateOnly? EvictionDate,
    bool HelpOffered,
    DateOnly? HelpAcceptedOn,
    DateOnly? FirstConversationOn,
    DateOnly? DecisionOn,
    IReadOnlyList<ContactAttemptView> ContactAttempts,
    IReadOnlyList<CorporationUpdate> Updates,
    IReadOnlyList<AbsorbedSignalView> AbsorbedSignals,
    string? MergedInto,
    IReadOnlyList<StepView> Steps);

/// <summary>A contact attempt: date, channel (letter | phone | email | sms | whatsapp | home-visit | card | other), reached.</summary>
public sealed record ContactAttemptView(DateOnly On, string Channel, bool Reached);

/// <summary>A newer signal of the same household taken into this case.</summary>
public sealed record AbsorbedSignalView(string SignalId, string Corporation, string ExternalReference, DateOnly ReceivedOn, Arrears Arrears, string Stage, DateOnly? EvictionDate);

/// <summary>Per-signal results of a batch, in the order of the input.</summary>
public sealed record SignalBatchResponse(IReadOnlyList<SignalBatchResult> Results);

/// <summary>
/// One signal of a batch: <c>index</c> (0-based position in <c>signals</c>, or 0-based data row of a CSV),
/// <c>outcome</c> created | duplicate (this corporation sent this reference before, or earlier in the batch) |
/// invalid (with <c>errors</c>: field or CSV column → messages); <c>line</c> is the CSV line the row starts on.
/// </summary>
public sealed record SignalBatchResult(
    int Index,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ExternalReference,
    string Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Line)
{
    public const string Created = "created";
    public const string Duplicate = "duplicate";
    public const string Invalid = "invalid";
}
