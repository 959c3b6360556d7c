using System.Text.Json;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Storage;

namespace Workflows.Engine.Runtime;

/// <summary>Sends a committed transition's outbox. Every intent is idempotent at its receiver, so re-sending is safe.</summary>
internal sealed class OutboxDispatcher(EngineStorage storage, IndexStore index, ITimerScheduler timers, Wakeup workWakeup, Wakeup activityWakeup)
{
    public async Task DispatchAsync(IReadOnlyList<OutboxIntent> outbox, CancellationToken cancellationToken)
    {
        if (outbox.Count == 0)
        {
            return;
        }

        await Task.WhenAll(outbox.Select(intent => DispatchAsync(intent, cancellationToken)));
    }

    private async Task DispatchAsync(OutboxIntent intent, CancellationToken cancellationToken)
    {
        switch (intent)
        {
            case ScheduleWakeupIntent schedule:
                await timers.ScheduleAsync(schedule, cancellationToken);
                break;
            case CancelWakeupIntent cancel:
                await timers.CancelAsync(cancel, cancellationToken);
                break;
            case SendActivityIntent activity:
                await storage.Activities.SendMessageAsync(JsonSerializer.Serialize(activity.Message, EngineJson.Options), cancellationToken);
                activityWakeup.Now();
                break;
            case SendWorkIntent work:
                await storage.Work.SendMessageAsync(JsonSerializer.Serialize(work.Message, EngineJson.Options), cancellationToken);
                workWakeup.Now();
                break;
            case IndexPutIntent put:
                await index.PutAsync(put.Partition, put.Key, put.InstanceId, put.Version, put.Properties, put.New, cancellationToken);
                break;
            case IndexRemoveIntent remove:
                await index.RemoveAsync(remove.Partition, remove.Key, remove.InstanceId, remove.Version, cancellationToken);
                break;
            case DeletePoisonIntent poison:
                await QueueTimerScheduler.DeleteQuietlyAsync(storage.Poison, poison.MessageId, poison.PopReceipt, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown outbox intent {intent.GetType().Name}.");
        }
    }
}
