using Microsoft.Extensions.Options;
using Workflows.Orchestrations.Client;

namespace Workflows.Application.Notifications;

/// <summary>
/// Makes sure the digest schedule runs, idempotently (fixed instance id <see cref="DigestOrchestration.InstanceId"/>:
/// every host, every restart and every timer tick may ask; the first one starts it). The local host asks at start
/// (<see cref="DigestScheduleStarter"/>), the Functions app on a timer.
/// </summary>
internal sealed class DigestSchedule(CaseClient client, IOptions<MailOptions> options, ILogger<DigestSchedule> logger)
{
    /// <summary>One attempt; throws when storage does not answer (the caller decides when to try again).</summary>
    public async Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.DigestEnabled)
        {
            logger.DigestDisabled();
            return;
        }

        var started = await client.StartAsync(DigestOrchestration.TypeName, DigestOrchestration.InstanceId, new DigestInput(), "host", cancellationToken);
        if (started.Status.RuntimeStatus is not (RuntimeStatus.Running or RuntimeStatus.Pending))
        {
            // Terminated or failed by an operator or a fault: not restarted behind their back.
            logger.DigestScheduleNotRunning(started.Status.RuntimeStatus.ToString());
        }
        else
        {
            logger.DigestScheduleStarted(started.Created);
        }
    }
}
