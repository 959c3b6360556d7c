using Workflows.Domain.Plans;
using Workflows.Domain.Signals;

namespace Workflows.Application.Policy;

/// <summary>
/// Policy configuration (section "Policy"): per municipality the team that takes new cases, overrides of
/// [P]/[D] plan values (and tightening of [L] ones), retention, and the ZVH contact; plus designated
/// non-working days (Atw art. 3(3), by royal decree).
/// </summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    public Dictionary<string, MunicipalityPolicy> Municipalities { get; init; } = new(StringComparer.Ordinal);

    public List<DateOnly> DesignatedNonWorkingDays { get; init; } = [];
}

/// <summary>One municipality's policy.</summary>
public sealed class MunicipalityPolicy
{
    public string Name { get; init; } = string.Empty;

    /// <summary>Team that receives new signals and trajectories.</summary>
    public string DefaultTeam { get; init; } = "team";

    public Dictionary<string, StepOverride> SignalPlan { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, StepOverride> TrajectoryPlan { get; init; } = new(StringComparer.Ordinal);

    public RetentionPolicy SignalRetention { get; init; } = new();

    /// <summary>Email of the Zorg- en Veiligheidshuis contact for high-risk aftercare escalations.</summary>
    public string? ZvhContactEmail { get; init; }
}
