using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Storage;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Production timers: a queue message invisible until the due time. Azure caps visibility at 7 days, so
/// longer timers travel in hops of at most <see cref="EngineOptions.TimerMaxHop"/>: an early arrival is
/// re-sent for the remainder. The message's location is tracked in the instance partition so a cancel
/// (or purge) deletes it; a firing that slips through anyway is stale and ignored.
/// </summary>
internal sealed class QueueTimerScheduler(EngineStorage storage, InstanceStore store, TimeProvider clock, EngineOptions options, Wakeup wakeup) : ITimerScheduler
{
    /// <summary>Timer messages re-sent because they were not yet due.</summary>
    public long Hops => Interlocked.Read(ref _hops);

    private long _hops;

    public async Task ScheduleAsync(ScheduleTimerIntent timer, CancellationToken cancellationToken)
    {
        var message = new WorkMessage(WorkKind.Timer, timer.InstanceId, TimerEventId(timer.TimerId), timer.Name, null, "timer", TimerId: timer.TimerId, DueAt: timer.DueAt);
        await SendAsync(message, cancellationToken);
    }

    public async Task CancelAsync(CancelTimerIntent timer, CancellationToken cancellationToken)
    {
        if (await store.FindTimerMessageAsync(timer.InstanceId, timer.TimerId, cancellationToken) is { } location)
        {
            await DeleteQuietlyAsync(storage.TimerQueue, location.MessageId, location.PopReceipt, cancellationToken);
        }

        await store.ForgetTimerMessageAsync(timer.InstanceId, timer.TimerId, cancellationToken);
    }

    public async Task HopAsync(WorkMessage timer, CancellationToken cancellationToken)
    {
        await SendAsync(timer, cancellationToken);
        Interlocked.Increment(ref _hops);
    }

    public Task FiredAsync(WorkMessage timer, CancellationToken cancellationToken) =>
        store.ForgetTimerMessageAsync(timer.InstanceId, timer.TimerId!, cancellationToken);

    internal static string TimerEventId(string timerId) => $"timer.{timerId}";

    private async Task SendAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        var remaining = message.DueAt!.Value - clock.GetUtcNow();
        var delay = remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining > options.TimerMaxHop ? options.TimerMaxHop : remaining;
        var receipt = await storage.TimerQueue.SendMessageAsync(
            JsonSerializer.Serialize(message, EngineJson.Options), delay, TimeSpan.FromSeconds(-1), cancellationToken);
        await store.TrackTimerMessageAsync(message.InstanceId, message.TimerId!, receipt.Value.MessageId, receipt.Value.PopReceipt, cancellationToken);
        wakeup.At(TimeProvider.System.GetUtcNow() + delay);
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
