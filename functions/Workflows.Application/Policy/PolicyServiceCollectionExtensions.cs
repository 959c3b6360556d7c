using Microsoft.Extensions.Options;
using Workflows.Domain.Plans;
using Workflows.Domain.Signals;
using Workflows.Domain.Trajectories;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;

namespace Workflows.Application.Policy;

/// <summary>Registers policy configuration and the two orchestrations that use it.</summary>
internal static class PolicyServiceCollectionExtensions
{
    public static IServiceCollection AddCasePolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PolicyOptions>()
            .Bind(configuration.GetSection(PolicyOptions.Section))
            .Validate(ValidPlans, "Policy: a plan override names an unknown step or loosens a statutory term.")
            .ValidateOnStart();
        services.AddSingleton<CasePolicy>();
        services.AddSingleton<ICaseDefinition>(sp => new SignalOrchestration(sp.GetRequiredService<CasePolicy>().Calendar()));
        services.AddSingleton<ICaseDefinition>(sp => new TrajectoryOrchestration(sp.GetRequiredService<CasePolicy>().Calendar()));
        return services;
    }

    private static bool ValidPlans(PolicyOptions options)
    {
        try
        {
            foreach (var municipality in options.Municipalities.Values)
            {
                _ = SignalPlan.Default.With(municipality.SignalPlan);
                _ = TrajectoryPlan.Default.With(municipality.TrajectoryPlan);
            }

            return true;
        }
        catch (PlanConfigurationException)
        {
            return false;
        }
    }
}
