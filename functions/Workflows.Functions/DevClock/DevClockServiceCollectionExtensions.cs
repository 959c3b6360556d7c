using Workflows.Orchestrations.Client;
using Workflows.Engine;

namespace Workflows.Functions.DevClock;

/// <summary>
/// Registers the demo clock. Decided when services are first resolved, not here, so configuration added later
/// (tests) counts: in Development with <c>Clock:Mode=Virtual</c> the host's <see cref="TimeProvider"/> is the
/// <see cref="VirtualTimeProvider"/> and engine timers go through the swept index (queue visibility runs on real
/// time and cannot follow a clock that jumps); otherwise the system clock, untouched.
/// </summary>
internal static class DevClockServiceCollectionExtensions
{
    public static IServiceCollection AddDevClock(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Built here, not by constructor injection: its real clock is the system clock, never the TimeProvider it becomes.
        services.AddSingleton(_ => new VirtualTimeProvider(TimeProvider.System));
        services.AddSingleton<TimeProvider>(sp =>
            ClockOptions.IsVirtual(configuration, environment) ? sp.GetRequiredService<VirtualTimeProvider>() : TimeProvider.System);
        services.AddOptions<EngineOptions>()
            .PostConfigure(engine =>
            {
                if (ClockOptions.IsVirtual(configuration, environment))
                {
                    engine.TimerMode = TimerMode.Indexed;
                }
            });
        return services;
    }
}
