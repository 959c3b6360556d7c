using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
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
    public async Task HandleAsync(QueueMessage message, QueueClient source, CancellationToken cancellationToken)
    {
        if (await UnreadableMessages.ReadOrPoisonAsync<ActivityMessage>(message, source, storage, logger, cancellationToken) is not { } activity)
        {
            return;
        }

        var handler = registry.Activity(activity.Name);
        if (handler is null)
        {
            await GiveUpAsync(activity, message, source, $"No activity named '{activity.Name}' is registered.", cancellationToken);
            return;
        }

        try
        {
            var context = new ActivityContext(activity.InstanceId, activity.ActivityId, activity.Input, (int)message.DequeueCount);
            var result = await handler.ExecuteAsync(context, cancellationToken);
            // The worst moment to die: the side effect happened but nobody knows yet. It runs again (at least once).
            faults.At(FaultPoint.DuringActivity, activity.InstanceId);
            if (activity.Notify)
            {
                await SendResultAsync(activity, WorkKind.ActivityCompleted, "completed", result is null ? null : EngineJson.ToElement(result), cancellationToken);
            }

            await QueueTimerScheduler.DeleteQuietlyAsync(source, message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (ActivityException ex) when (!ex.Retryable)
        {
            await GiveUpAsync(activity, message, source, WorkItemProcessor.Reason(ex), cancellationToken);
        }
        catch (Exception ex) when (ex is not SimulatedCrashException && !cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= options.ActivityMaxAttempts)
            {
                await GiveUpAsync(activity, message, source, WorkItemProcessor.Reason(ex), cancellationToken);
                return;
            }

            var backoff = Backoff.For(message.DequeueCount, options.RetryBackoff, options.MaxRetryBackoff);
            var delay = ex is ActivityException { RetryAfter: { } retryAfter } && retryAfter > backoff ? retryAfter : backoff;
            logger.ActivityRetrying(ex, activity.Name, activity.ActivityId, message.DequeueCount, delay);
            await source.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
        }
    }

    private async Task GiveUpAsync(ActivityMessage activity, QueueMessage message, QueueClient source, string reason, CancellationToken cancellationToken)
    {
        logger.ActivityGivenUp(activity.Name, activity.ActivityId, message.DequeueCount, reason);
        await storage.Poison.SendMessageAsync(message.Body.ToString(), timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
        var detail = EngineJson.ToElement(new { activityId = activity.ActivityId, reason, attempts = message.DequeueCount });
        await SendResultAsync(activity, WorkKind.ActivityFailed, "failed", detail, cancellationToken);
        await QueueTimerScheduler.DeleteQuietlyAsync(source, message.MessageId, message.PopReceipt, cancellationToken);
    }

    private async Task SendResultAsync(ActivityMessage activity, WorkKind kind, string suffix, JsonElement? payload, CancellationToken cancellationToken)
    {
        var work = new WorkMessage(kind, activity.InstanceId, $"activity.{activity.ActivityId}.{suffix}", activity.Name, payload, $"activity:{activity.Name}");
        await storage.Work.SendMessageAsync(JsonSerializer.Serialize(work, EngineJson.Options), cancellationToken);
        workWakeup.Now();
    }
}
