namespace Workflows.Application.Notifications;

/// <summary>
/// The local host's start of the digest schedule (<see cref="DigestSchedule"/>), retried with back-off while storage
/// is not ready.
/// </summary>
internal sealed class DigestScheduleStarter(DigestSchedule schedule, ILogger<DigestScheduleStarter> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await schedule.EnsureStartedAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.DigestScheduleNotStarted(ex, attempt, delay);
            }

            try
            {
                // Real time: waiting for storage is not domain time (see TaskHubHostedService).
                await Task.Delay(delay, TimeProvider.System, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 > MaxRetry ? MaxRetry : delay * 2;
        }
    }
}
