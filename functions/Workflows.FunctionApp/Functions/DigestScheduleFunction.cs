using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Workflows.Application.Notifications;
using Workflows.FunctionApp.Runtime;

namespace Workflows.FunctionApp.Functions;

/// <summary>
/// Keeps the digest schedule running: every ten minutes (and so soon after each deployment) it asks for the
/// schedule's start, which does nothing when it runs already. The schedule itself times each working day's 08:00.
/// </summary>
internal sealed class DigestScheduleFunction(DigestSchedule schedule)
{
    public const string Name = "digest-schedule";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger("0 */10 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        using (AmbientDurableTaskClient.Use(client))
        {
            await schedule.EnsureStartedAsync(cancellationToken);
        }
    }
}
