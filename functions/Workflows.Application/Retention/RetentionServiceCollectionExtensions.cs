using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;

namespace Workflows.Application.Retention;

internal static class RetentionServiceCollectionExtensions
{
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddSingleton<CaseStatistics>();
        services.AddSingleton<IActivityHandler, PurgeCaseActivity>();
        return services;
    }
}
