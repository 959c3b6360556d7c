using Workflows.Domain.Plans;

namespace Workflows.Domain.Trajectories;

/// <summary>What starts a trajectory: the notification's data and the policy in force for the municipality.</summary>
public sealed record TrajectoryIntake(
    string ExternalReference,
    string Municipality,
    string Team,
    Person Person,
    string Institution,
    DateOnly DetentionStart,
    DateOnly NotifiedOn,
    DateOnly? ExpectedReleaseDate,
    string Coordinator,
    bool HighRisk,
    StepPlan Plan);
