using Workflows.Application.Auth;

namespace Workflows.Application.Seeding;

/// <summary>Registers Development seeding; anywhere but a developer's machine (<see cref="LocalDevelopment"/>) registers nothing.</summary>
internal static class SeedingServiceCollectionExtensions
{
    public static IServiceCollection AddDevelopmentSeeding(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        if (!LocalDevelopment.Is(environment))
        {
            return services;
        }

        services.AddOptions<SeedingOptions>().Bind(configuration.GetSection(SeedingOptions.Section));
        services.AddSingleton<DevelopmentSeeder>();
        services.AddHostedService(sp => sp.GetRequiredService<DevelopmentSeeder>());
        return services;
    }
}
