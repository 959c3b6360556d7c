namespace Workflows.Domain.Trajectories;

/// <summary>Status of a basic condition (RULES §2).</summary>
public enum ConditionStatus
{
    Unknown,
    NotNeeded,
    InProgress,
    Arranged,
    Problem,
}

/// <summary>Why a trajectory ended (RULES §2: re-detention, transfer, death; or completed, or another reason given by the coordinator).</summary>
public enum ClosureReason
{
    Completed,
    Redetained,
    Transferred,
    Deceased,
    Other,
}

/// <summary>The detained resident: the minimum (RULES §2 "Personal data"). Criminal-law data, AVG art. 10.</summary>
public sealed record Person(string? Initials, string? Prefix, string Surname, DateOnly DateOfBirth, string? Bsn);

/// <summary>Payload of trajectory events (validated at the API edge).</summary>
public sealed record TrajectoryEventPayload
{
    public string? Condition { get; init; }
    public ConditionStatus? Status { get; init; }
    public DateOnly? Date { get; init; }
    public ClosureReason? Reason { get; init; }
    public string? Note { get; init; }
    public string? Step { get; init; }
    public string? ExtensionReason { get; init; }
    public IReadOnlyDictionary<string, bool>? Consent { get; init; }

    /// <summary>The coordinator who takes the trajectory over (<c>assigned</c>).</summary>
    public string? Coordinator { get; init; }
}
