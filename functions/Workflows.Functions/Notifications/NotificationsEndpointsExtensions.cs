using Workflows.Orchestrations.Client;
using Workflows.Functions.DevClock;
using Workflows.Functions.Hosting;

namespace Workflows.Functions.Notifications;

/// <summary>Maps the preference endpoint under <c>/api/v1</c> and, in Development with the virtual clock only, <c>/dev/clock</c>.</summary>
internal static class NotificationsEndpointsExtensions
{
    public static WebApplication MapNotificationEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup(ApplicationEndpointsExtensions.ApiV1Prefix)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .MapPreferencesApiV1();

        var logger = app.Services.GetRequiredService<ILogger<VirtualTimeProvider>>();
        if (ClockOptions.IsVirtual(app.Configuration, app.Environment))
        {
            logger.VirtualClockOn();
        }
        else if (string.Equals(app.Configuration[$"{ClockOptions.Section}:{nameof(ClockOptions.Mode)}"], nameof(ClockMode.Virtual), StringComparison.OrdinalIgnoreCase))
        {
            logger.VirtualClockIgnored();
        }

        app.MapDevClock(app.Configuration, app.Environment);
        return app;
    }
}
