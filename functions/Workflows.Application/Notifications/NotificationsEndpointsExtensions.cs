using Workflows.Orchestrations.Client;
using Workflows.Application.DevClock;
using Workflows.Application.Hosting;

namespace Workflows.Application.Notifications;

/// <summary>Maps the preference endpoint under <c>/api/v1</c> and, in Development with the virtual clock only, <c>/dev/clock</c>.</summary>
internal static class NotificationsEndpointsExtensions
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder endpoints, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(configuration);
        endpoints.MapGroup(ApplicationEndpointsExtensions.ApiV1Prefix)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .MapPreferencesApiV1();

        var logger = endpoints.ServiceProvider.GetRequiredService<ILogger<VirtualTimeProvider>>();
        if (ClockOptions.IsVirtual(configuration, environment))
        {
            logger.VirtualClockOn();
        }
        else if (string.Equals(configuration[$"{ClockOptions.Section}:{nameof(ClockOptions.Mode)}"], nameof(ClockMode.Virtual), StringComparison.OrdinalIgnoreCase))
        {
            logger.VirtualClockIgnored();
        }

        endpoints.MapDevClock(configuration, environment);
        return endpoints;
    }
}
