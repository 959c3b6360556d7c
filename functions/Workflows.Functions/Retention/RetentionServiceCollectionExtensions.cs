using Workflows.Engine.Abstractions;

namespace Workflows.Functions.Retention;

internal static class RetentionServiceCollectionExtensions
{
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddSingleton<CaseStatistics>();
        services.AddSingleton<IActivityHandler, PurgeCaseActivity>();
        return services;
    }
}
