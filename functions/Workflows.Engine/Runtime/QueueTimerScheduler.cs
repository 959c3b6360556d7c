using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Storage;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Production wake-ups: a queue message invisible until the due time. Azure caps visibility at 7 days, so
/// a later wake-up travels in hops of at most <see cref="EngineOptions.TimerMaxHop"/>: an early arrival is
/// re-sent for the remainder. The message's location is tracked in the instance partition so a superseded
/// wake-up (or a purge) deletes it; one that slips through anyway is stale and ignored.
/// </summary>
internal sealed class QueueTimerScheduler(EngineStorage storage, InstanceStore store, TimeProvider clock, EngineOptions options, Wakeup wakeup) : ITimerScheduler
{
    /// <summary>Wake-up messages re-sent because they were not yet due.</summary>
    public long Hops => Interlocked.Read(ref _hops);

    private long _hops;

    public Task ScheduleAsync(ScheduleWakeupIntent wakeup, CancellationToken cancellationToken) =>
        SendAsync(WorkMessage.Wakeup(wakeup.InstanceId, wakeup.WakeupId, wakeup.DueAt), cancellationToken);

    public async Task CancelAsync(CancelWakeupIntent wakeup, CancellationToken cancellationToken)
    {
        if (await store.FindWakeupMessageAsync(wakeup.InstanceId, wakeup.WakeupId, cancellationToken) is { } location)
        {
            await DeleteQuietlyAsync(storage.TimerQueue, location.MessageId, location.PopReceipt, cancellationToken);
        }

        await store.ForgetWakeupMessageAsync(wakeup.InstanceId, wakeup.WakeupId, cancellationToken);
    }

    public async Task HopAsync(WorkMessage wakeup, CancellationToken cancellationToken)
    {
        await SendAsync(wakeup, cancellationToken);
        Interlocked.Increment(ref _hops);
    }

    public Task FiredAsync(WorkMessage wakeup, CancellationToken cancellationToken) =>
        store.ForgetWakeupMessageAsync(wakeup.InstanceId, wakeup.WakeupId!, cancellationToken);

    private async Task SendAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        var delay = VisibilityDelay(message.DueAt!.Value - clock.GetUtcNow(), options.TimerMaxHop);
        var receipt = await storage.TimerQueue.SendMessageAsync(
            JsonSerializer.Serialize(message, EngineJson.Options), delay, TimeSpan.FromSeconds(-1), cancellationToken);
        await store.TrackWakeupMessageAsync(message.InstanceId, message.WakeupId!, receipt.Value.MessageId, receipt.Value.PopReceipt, cancellationToken);
        wakeup.At(TimeProvider.System.GetUtcNow() + delay);
    }

    /// <summary>
    /// Queue visibility is set in whole seconds and the SDK truncates, so the delay is rounded up: a message
    /// must not surface before it is due, or every early arrival would hop again at once until it is.
    /// </summary>
    internal static TimeSpan VisibilityDelay(TimeSpan remaining, TimeSpan maxHop)
    {
        if (remaining <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var seconds = TimeSpan.FromSeconds(Math.Ceiling(remaining.TotalSeconds));
        return seconds > maxHop ? maxHop : seconds;
    }

    internal static async Task DeleteQuietlyAsync(QueueClient queue, string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Already delivered and deleted, or the receipt is stale because it is being delivered now.
        }
    }
}
