using Azure.Storage.Queues.Models;

namespace Workflows.Engine.Runtime;

/// <summary>Delivers durable timers: arms, cancels, re-arms early deliveries, and cleans up on purge.</summary>
internal interface ITimerScheduler
{
    Task ScheduleAsync(ScheduleTimerIntent timer, CancellationToken cancellationToken);

    Task CancelAsync(CancelTimerIntent timer, CancellationToken cancellationToken);

    /// <summary>A timer message arrived before its due time: arm it again for the rest.</summary>
    Task HopAsync(WorkMessage timer, QueueMessage message, Azure.Storage.Queues.QueueClient source, CancellationToken cancellationToken);

    /// <summary>The timer fired and its transition is done: drop any bookkeeping.</summary>
    Task FiredAsync(WorkMessage timer, CancellationToken cancellationToken);
}
