using Workflows.Domain.Plans;

namespace Workflows.Domain.Trajectories;

/// <summary>Where a trajectory stands.</summary>
public enum TrajectoryPhase
{
    Detained,
    Released,
    Closed,
}

/// <summary>The state of one trajectory. Criminal-law personal data: shown only to staff of its municipality.</summary>
public sealed record TrajectoryState
{
    public required string ExternalReference { get; init; }
    public required string Municipality { get; init; }
    public required string Team { get; init; }
    public required string Coordinator { get; init; }
    public required Person Person { get; init; }
    public required string Institution { get; init; }
    public required DateOnly DetentionStart { get; init; }
    public required DateOnly NotifiedOn { get; init; }
    public DateOnly? ExpectedReleaseDate { get; init; }
    public DateOnly? ActualReleaseDate { get; init; }
    public bool HighRisk { get; init; }
    public bool ShortStay { get; init; }
    public TrajectoryPhase Phase { get; init; }
    public IReadOnlyDictionary<string, ConditionStatus> Conditions { get; init; } = new Dictionary<string, ConditionStatus>();
    public IReadOnlyDictionary<string, bool> Consent { get; init; } = new Dictionary<string, bool>();
    public ClosureReason? ClosureReason { get; init; }
    public string? ClosureNote { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public required CaseSteps Steps { get; init; }

    /// <summary>The release date the plan counts from: actual once released, else expected.</summary>
    public DateOnly? ReleaseAnchor => ActualReleaseDate ?? ExpectedReleaseDate;
}
