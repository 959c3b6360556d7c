namespace Workflows.Domain.Cases;

/// <summary>
/// Input of the "purge-case" activity: the instances to erase and the anonymous counts to keep
/// (RULES §1 "Retention": month, municipality, corporation, urgency, outcome).
/// </summary>
public sealed record PurgeRequest(
    CaseKind Kind,
    IReadOnlyList<string> CaseIds,
    string Month,
    string Municipality,
    string? Corporation,
    bool Urgent,
    string Outcome)
{
    public const string ActivityName = "purge-case";
}
