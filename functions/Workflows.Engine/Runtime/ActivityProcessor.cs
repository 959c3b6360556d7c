using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Storage;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Runs activities after their transition committed: at least once, retried with back-off (honouring
/// a Retry-After the handler reports), given up only after many attempts or a non-retryable failure,
/// which is reported back to the instance as an ActivityFailed event.
/// </summary>
internal sealed class ActivityProcessor(
    EngineStorage storage,
    OrchestrationRegistry registry,
    EngineOptions options,
    FaultInjector faults,
    Wakeup workWakeup,
    ILogger<ActivityProcessor> logger)
{
    /// <summary>Handles one delivery from the activity queue; the caller settles the message as told.</summary>
    public async Task<Disposition> HandleAsync(QueueDelivery delivery, QueueClient source, CancellationToken cancellationToken)
    {
        if (await UnreadableMessages.ReadOrPoisonAsync<ActivityMessage>(delivery, source, storage, logger, cancellationToken) is not { } activity)
        {
            return Disposition.Done;
        }

        var handler = registry.Activity(activity.Name);
        if (handler is null)
        {
            await GiveUpAsync(activity, delivery, $"No activity named '{activity.Name}' is registered.", cancellationToken);
            return Disposition.Done;
        }

        try
        {
            var context = new ActivityContext(activity.InstanceId, activity.ActivityId, activity.Input, (int)delivery.DequeueCount);
            var result = await handler.ExecuteAsync(context, cancellationToken);
            // The worst moment to die: the side effect happened but nobody knows yet. It runs again (at least once).
            faults.At(FaultPoint.DuringActivity, activity.InstanceId);
            if (activity.Notify)
            {
                await SendResultAsync(activity, WorkKind.ActivityCompleted, "completed", result is null ? null : EngineJson.ToElement(result), cancellationToken);
            }

            return Disposition.Done;
        }
        catch (ActivityException ex) when (!ex.Retryable)
        {
            await GiveUpAsync(activity, delivery, WorkItemProcessor.Reason(ex), cancellationToken);
            return Disposition.Done;
        }
        catch (Exception ex) when (ex is not SimulatedCrashException && !cancellationToken.IsCancellationRequested)
        {
            if (delivery.DequeueCount >= options.ActivityMaxAttempts)
            {
                await GiveUpAsync(activity, delivery, WorkItemProcessor.Reason(ex), cancellationToken);
                return Disposition.Done;
            }

            var backoff = Backoff.For(delivery.DequeueCount, options.RetryBackoff, options.MaxRetryBackoff);
            var delay = ex is ActivityException { RetryAfter: { } retryAfter } && retryAfter > backoff ? retryAfter : backoff;
            logger.ActivityRetrying(ex, activity.Name, activity.ActivityId, delivery.DequeueCount, delay);
            return Disposition.Retry(delay);
        }
    }

    private async Task GiveUpAsync(ActivityMessage activity, QueueDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        logger.ActivityGivenUp(activity.Name, activity.ActivityId, delivery.DequeueCount, reason);
        await storage.Poison.SendMessageAsync(delivery.Body, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
        var detail = EngineJson.ToElement(new { activityId = activity.ActivityId, reason, attempts = delivery.DequeueCount });
        await SendResultAsync(activity, WorkKind.ActivityFailed, "failed", detail, cancellationToken);
    }

    private async Task SendResultAsync(ActivityMessage activity, WorkKind kind, string suffix, JsonElement? payload, CancellationToken cancellationToken)
    {
        var work = new WorkMessage(kind, activity.InstanceId, $"activity.{activity.ActivityId}.{suffix}", activity.Name, payload, $"activity:{activity.Name}");
        await storage.Work.SendMessageAsync(JsonSerializer.Serialize(work, EngineJson.Options), cancellationToken);
        workWakeup.Now();
    }
}
