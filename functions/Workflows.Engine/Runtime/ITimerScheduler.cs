namespace Workflows.Engine.Runtime;

/// <summary>Delivers durable timers: arms, cancels, re-arms early deliveries, and cleans up on purge.</summary>
internal interface ITimerScheduler
{
    Task ScheduleAsync(ScheduleTimerIntent timer, CancellationToken cancellationToken);

    Task CancelAsync(CancelTimerIntent timer, CancellationToken cancellationToken);

    /// <summary>A timer message arrived before its due time: arm it again for the rest (the early message is then done).</summary>
    Task HopAsync(WorkMessage timer, CancellationToken cancellationToken);

    /// <summary>The timer fired and its transition is done: drop any bookkeeping.</summary>
    Task FiredAsync(WorkMessage timer, CancellationToken cancellationToken);
}
