namespace Workflows.Engine.Runtime;

/// <summary>
/// Delivers wake-ups: one message per instance, due at its earliest timer (the instance record says which
/// wake-up is current). Arms, withdraws superseded ones, re-arms early deliveries, and cleans up on purge.
/// </summary>
internal interface ITimerScheduler
{
    Task ScheduleAsync(ScheduleWakeupIntent wakeup, CancellationToken cancellationToken);

    Task CancelAsync(CancelWakeupIntent wakeup, CancellationToken cancellationToken);

    /// <summary>A wake-up arrived before its due time: arm it again for the rest (the early message is then done).</summary>
    Task HopAsync(WorkMessage wakeup, CancellationToken cancellationToken);

    /// <summary>The wake-up was handled (fired a timer, or was stale): drop any bookkeeping.</summary>
    Task FiredAsync(WorkMessage wakeup, CancellationToken cancellationToken);
}
