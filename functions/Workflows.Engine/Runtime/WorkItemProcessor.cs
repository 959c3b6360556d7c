using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Storage;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Handles one message of the work or timer queue: early timers hop; everything else is applied and
/// its outbox dispatched, and only then is the message done and deleted (outbox tied to inbox). Failures
/// back off; a message that keeps failing goes to the poison queue and fails its instance.
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
    /// <summary>Handles one delivery from the work or timer queue; the caller settles the message as told.</summary>
    public async Task<Disposition> HandleAsync(QueueDelivery delivery, QueueClient source, CancellationToken cancellationToken)
    {
        if (await UnreadableMessages.ReadOrPoisonAsync<WorkMessage>(delivery, source, storage, logger, cancellationToken) is not { } work)
        {
            return Disposition.Done;
        }

        if (work.Kind == WorkKind.Group)
        {
            await RequeueMembersAsync(work, delivery, source, cancellationToken);
            return Disposition.Done;
        }

        if (work.IsTimer && work.DueAt > clock.GetUtcNow())
        {
            await timers.HopAsync(work, cancellationToken);
            return Disposition.Done;
        }

        try
        {
            await ProcessAsync(work, knownAbsent: false, cancellationToken);
            return Disposition.Done;
        }
        catch (Exception ex) when (ex is not SimulatedCrashException && !cancellationToken.IsCancellationRequested)
        {
            if (ex is ConflictExhaustedException)
            {
                return Disposition.Retry(TimeSpan.FromSeconds(1));
            }

            if (delivery.DequeueCount >= options.MaxDequeueCount)
            {
                await PoisonAsync(work, delivery, Reason(ex), cancellationToken);
                return Disposition.Done;
            }

            var delay = Backoff.For(delivery.DequeueCount, options.RetryBackoff, options.MaxRetryBackoff);
            logger.WorkItemFailed(ex, work.EventId, work.InstanceId, delivery.DequeueCount, delay);
            return Disposition.Retry(delay);
        }
    }

    /// <summary>Applies the message and dispatches its outbox; shared by the loops and the client's inline path.</summary>
    public async Task<TransitionOutcome> ProcessAsync(WorkMessage work, bool knownAbsent, CancellationToken cancellationToken)
    {
        var outcome = await executor.ApplyAsync(work, knownAbsent, cancellationToken);
        faults.At(FaultPoint.AfterCommitBeforeDispatch, work.InstanceId);
        await dispatcher.DispatchAsync(outcome.Outbox, cancellationToken);
        if (work.IsTimer)
        {
            await timers.FiredAsync(work, cancellationToken);
        }

        faults.At(FaultPoint.AfterDispatchBeforeDelete, work.InstanceId);
        return outcome;
    }

    /// <summary>
    /// A shared recovery message left behind (an inline caller died before finishing): each member goes back on
    /// the queue as its own message, so it is applied (or found applied, its outbox re-sent) and poisoned on its
    /// own. A group whose members cannot be read goes to the poison queue, like any unreadable message.
    /// </summary>
    private async Task RequeueMembersAsync(WorkMessage group, QueueDelivery delivery, QueueClient source, CancellationToken cancellationToken)
    {
        List<WorkMessage> members;
        try
        {
            members = group.Payload?.Deserialize<List<WorkMessage>>(EngineJson.Options) ?? throw new JsonException("A group without members.");
        }
        catch (JsonException ex)
        {
            logger.Unreadable(ex, source.Name);
            await storage.Poison.SendMessageAsync(delivery.Body, cancellationToken);
            return;
        }

        await Task.WhenAll(members.Select(m => storage.Work.SendMessageAsync(JsonSerializer.Serialize(m, EngineJson.Options), cancellationToken)));
    }

    private async Task PoisonAsync(WorkMessage work, QueueDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        // The copy never expires and its location is kept on the instance, so an operator's retry can replay it.
        var copy = await storage.Poison.SendMessageAsync(delivery.Body, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
        var outcome = await executor.FailAsync(work, reason, copy.Value.MessageId, copy.Value.PopReceipt, cancellationToken);
        await dispatcher.DispatchAsync(outcome.Outbox, cancellationToken);
        logger.WorkItemPoisoned(work.EventId, work.InstanceId, reason);
    }

    /// <summary>Exception type and message only: our code keeps personal data out of exception messages.</summary>
    internal static string Reason(Exception ex)
    {
        var reason = $"{ex.GetType().Name}: {ex.Message}";
        return reason.Length > 500 ? reason[..500] : reason;
    }
}
