namespace Workflows.Application.Trajectories;

// The request bodies of the trajectory routes as API.md fixes them. They document the contract (OpenAPI);
// bodies are read strictly by TrajectoryValidator / TrajectoryEventValidator.

/// <summary>A notification of detention (API.md "Staff"; RULES §2).</summary>
/// <param name="ExternalReference">The notification's reference, 1–64 of A–Z a–z 0–9 . _ / -; repeating it is harmless.</param>
/// <param name="MunicipalityCode">CBS code of the caller's municipality, e.g. GM0479.</param>
/// <param name="Institution">The institution, 1–100 characters.</param>
/// <param name="DetentionStart">YYYY-MM-DD, not after notifiedOn.</param>
/// <param name="NotifiedOn">YYYY-MM-DD, not in the future.</param>
/// <param name="ExpectedReleaseDate">YYYY-MM-DD or null (unknown, e.g. pre-trial custody); not before detentionStart.</param>
/// <param name="Coordinator">Staff id of the coordinator.</param>
public sealed record TrajectoryRequest(
    string ExternalReference,
    string MunicipalityCode,
    PersonRequest Person,
    string Institution,
    DateOnly DetentionStart,
    DateOnly NotifiedOn,
    DateOnly? ExpectedReleaseDate,
    string Coordinator,
    bool HighRisk);

/// <summary>The person: surname required; initials and prefix at most 20; date of birth in the past; BSN optional (11-check).</summary>
public sealed record PersonRequest(string? Initials, string? Prefix, string Surname, DateOnly DateOfBirth, string? Bsn);

/// <summary>An event on a trajectory; which fields go with which type is in the route's description.</summary>
public sealed record TrajectoryEventRequest(string Type, string? Condition, string? Status, DateOnly? Date, string? Reason, string? Step, string? Note, IReadOnlyDictionary<string, bool>? Consent, string? Coordinator);
