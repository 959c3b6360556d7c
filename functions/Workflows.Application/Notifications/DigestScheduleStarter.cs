using Workflows.Application.Hosting;

namespace Workflows.Application.Notifications;

/// <summary>
/// The local host's start of the digest schedule (<see cref="DigestSchedule"/>), retried with back-off while storage
/// is not ready.
/// </summary>
internal sealed class DigestScheduleStarter(DigestSchedule schedule, ILogger<DigestScheduleStarter> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StartupRetry.RunAsync(schedule.EnsureStartedAsync, (ex, attempt, delay) => logger.DigestScheduleNotStarted(ex, attempt, delay), stoppingToken, TimeSpan.FromMilliseconds(200));
}
