using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Storage;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Handles one message of the work or timer queue: early timers hop; everything else is applied,
/// its outbox dispatched, and only then the message deleted (outbox tied to inbox). Failures back
/// off; a message that keeps failing goes to the poison queue and fails its instance.
/// </summary>
internal sealed class WorkItemProcessor(
    EngineStorage storage,
    TransitionExecutor executor,
    OutboxDispatcher dispatcher,
    ITimerScheduler timers,
    TimeProvider clock,
    EngineOptions options,
    FaultInjector faults,
    ILogger<WorkItemProcessor> logger)
{
    public async Task HandleAsync(QueueMessage message, QueueClient source, CancellationToken cancellationToken)
    {
        if (await UnreadableMessages.ReadOrPoisonAsync<WorkMessage>(message, source, storage, logger, cancellationToken) is not { } work)
        {
            return;
        }

        if (work.IsTimer && work.DueAt > clock.GetUtcNow())
        {
            await timers.HopAsync(work, message, source, cancellationToken);
            return;
        }

        try
        {
            await ProcessAsync(work, cancellationToken);
            await QueueTimerScheduler.DeleteQuietlyAsync(source, message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (Exception ex) when (ex is not SimulatedCrashException && !cancellationToken.IsCancellationRequested)
        {
            if (ex is ConflictExhaustedException)
            {
                await source.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(1), cancellationToken: cancellationToken);
            }
            else if (message.DequeueCount >= options.MaxDequeueCount)
            {
                await PoisonAsync(work, message, source, Reason(ex), cancellationToken);
            }
            else
            {
                var delay = Backoff.For(message.DequeueCount, options.RetryBackoff, options.MaxRetryBackoff);
                logger.WorkItemFailed(ex, work.EventId, work.InstanceId, message.DequeueCount, delay);
                await source.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
            }
        }
    }

    /// <summary>Applies the message and dispatches its outbox; shared by the loops and the client's inline path.</summary>
    public async Task<TransitionOutcome> ProcessAsync(WorkMessage work, CancellationToken cancellationToken)
    {
        var outcome = await executor.ApplyAsync(work, cancellationToken);
        faults.At(FaultPoint.AfterCommitBeforeDispatch, work.InstanceId);
        await dispatcher.DispatchAsync(outcome.Outbox, cancellationToken);
        if (work.IsTimer)
        {
            await timers.FiredAsync(work, cancellationToken);
        }

        faults.At(FaultPoint.AfterDispatchBeforeDelete, work.InstanceId);
        return outcome;
    }

    private async Task PoisonAsync(WorkMessage work, QueueMessage message, QueueClient source, string reason, CancellationToken cancellationToken)
    {
        var copy = await storage.Poison.SendMessageAsync(message.Body.ToString(), timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
        var outcome = await executor.FailAsync(work, reason, copy.Value.MessageId, copy.Value.PopReceipt, cancellationToken);
        await dispatcher.DispatchAsync(outcome.Outbox, cancellationToken);
        logger.WorkItemPoisoned(work.EventId, work.InstanceId, reason);
        await QueueTimerScheduler.DeleteQuietlyAsync(source, message.MessageId, message.PopReceipt, cancellationToken);
    }

    /// <summary>Exception type and message only: our code keeps personal data out of exception messages.</summary>
    internal static string Reason(Exception ex)
    {
        var reason = $"{ex.GetType().Name}: {ex.Message}";
        return reason.Length > 500 ? reason[..500] : reason;
    }
}
