using Workflows.Orchestrations.Client;

namespace Workflows.Application.DevClock;

/// <summary>
/// Registers the demo clock. Decided when services are first resolved, not here, so configuration added later
/// (tests) counts: in Development with <c>Clock:Mode=Virtual</c> the host's <see cref="TimeProvider"/> is the
/// <see cref="VirtualTimeProvider"/> and cases start on it (business time = orchestration time + a skew the dev-clock
/// event moves, ARCHITECTURE §5.7); otherwise the system clock, untouched.
/// </summary>
internal static class DevClockServiceCollectionExtensions
{
    public static IServiceCollection AddDevClock(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Built here, not by constructor injection: its real clock is the system clock, never the TimeProvider it becomes.
        services.AddSingleton(_ => new VirtualTimeProvider(TimeProvider.System));
        services.AddSingleton<TimeProvider>(sp =>
            ClockOptions.IsVirtual(configuration, environment) ? sp.GetRequiredService<VirtualTimeProvider>() : TimeProvider.System);
        return services;
    }
}
