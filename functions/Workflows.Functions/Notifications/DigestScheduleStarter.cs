using Microsoft.Extensions.Options;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;

namespace Workflows.Functions.Notifications;

/// <summary>
/// Starts the digest schedule at host start, idempotently (fixed instance id <see cref="DigestOrchestration.InstanceId"/>:
/// every host and every restart asks, the first one starts it). Retries with back-off while storage is not ready.
/// </summary>
internal sealed class DigestScheduleStarter(CaseClient client, IOptions<MailOptions> options, ILogger<DigestScheduleStarter> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DigestEnabled)
        {
            logger.DigestDisabled();
            return;
        }

        var delay = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var started = await client.StartAsync(DigestOrchestration.TypeName, DigestOrchestration.InstanceId, new DigestInput(), "host", stoppingToken);
                if (started.Status.RuntimeStatus is not (RuntimeStatus.Running or RuntimeStatus.Pending))
                {
                    // Terminated or failed by an operator or a fault: not restarted behind their back.
                    logger.DigestScheduleNotRunning(started.Status.RuntimeStatus.ToString());
                }
                else
                {
                    logger.DigestScheduleStarted(started.Created);
                }

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
