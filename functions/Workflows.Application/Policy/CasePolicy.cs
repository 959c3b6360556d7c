using Microsoft.Extensions.Options;
using Workflows.Domain.Calendar;
using Workflows.Domain.Plans;
using Workflows.Domain.Signals;
using Workflows.Domain.Trajectories;

namespace Workflows.Application.Policy;

/// <summary>Resolves the policy in force for a municipality at the moment a case starts.</summary>
public sealed class CasePolicy(IOptionsMonitor<PolicyOptions> options)
{
    public bool Knows(string municipality) => options.CurrentValue.Municipalities.ContainsKey(municipality);

    public MunicipalityPolicy For(string municipality) =>
        options.CurrentValue.Municipalities.TryGetValue(municipality, out var policy)
            ? policy
            : throw new KeyNotFoundException($"Municipality {municipality} is not configured.");

    /// <summary>The signal plan with the municipality's overrides (statutory terms can only be tightened).</summary>
    public StepPlan SignalPlanFor(string municipality) => SignalPlan.Default.With(For(municipality).SignalPlan);

    public StepPlan TrajectoryPlanFor(string municipality) => TrajectoryPlan.Default.With(For(municipality).TrajectoryPlan);

    /// <summary>The working-day calendar with configured designated days.</summary>
    public WorkingDayCalendar Calendar() => new(options.CurrentValue.DesignatedNonWorkingDays);
}
