using Workflows.Domain.Plans;

namespace Workflows.Domain.Signals;

/// <summary>Retention after closure (RULES §1, "Retention" [P]/[D]).</summary>
public sealed record RetentionPolicy(int MonthsWithoutHelp = 6, int MonthsWithHelp = 18);

/// <summary>
/// What starts a signal case: the validated signal plus the policy in force for its municipality
/// (plan with overrides, retention, team). The policy is kept in the case, so later configuration
/// changes apply to new cases only.
/// </summary>
public sealed record SignalIntake(
    string CorporationId,
    string ExternalReference,
    string Municipality,
    string Team,
    IReadOnlyList<Tenant> Tenants,
    Address Address,
    Arrears Arrears,
    EvictionStage Stage,
    DateOnly? EvictionDate,
    StepPlan Plan,
    RetentionPolicy Retention,
    string? MergeInto = null)
{
    /// <summary>Wgs art. 4(2): a threatening situation (judgment, eviction date set or given) is urgent.</summary>
    public bool IsUrgent => Stage is EvictionStage.Judgment or EvictionStage.EvictionScheduled || EvictionDate is not null;
}
