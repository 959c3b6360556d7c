using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Engine.Client;
using Workflows.Engine.Runtime;
using Workflows.Engine.Storage;

namespace Workflows.Engine;

/// <summary>
/// The composition root of the engine on one storage account and prefix: a client for callers and,
/// for the embedded host, the loops that drain the work, timer and activity queues.
/// </summary>
public sealed class WorkflowEngine
{
    private readonly EngineOptions _options;
    private readonly ILogger _logger;
    private readonly Wakeup _workWakeup = new();
    private readonly Wakeup _timerWakeup = new();
    private readonly Wakeup _activityWakeup = new();
    private readonly QueueTimerScheduler? _queueTimers;
    private readonly IndexedTimerScheduler? _indexedTimers;
    private readonly WorkItemProcessor _work;
    private readonly ActivityProcessor _activities;

    public WorkflowEngine(EngineStorage storage, EngineOptions options, OrchestrationRegistry registry, TimeProvider clock, ILoggerFactory? loggers = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        Storage = storage;
        _options = options;
        _logger = loggers.CreateLogger<WorkflowEngine>();
        var store = new InstanceStore(storage);
        var index = new IndexStore(storage);
        ITimerScheduler timers;
        if (options.TimerMode == TimerMode.Queue)
        {
            timers = _queueTimers = new QueueTimerScheduler(storage, store, clock, options, _timerWakeup);
        }
        else
        {
            timers = _indexedTimers = new IndexedTimerScheduler(storage, clock, _workWakeup, _timerWakeup);
        }

        var executor = new TransitionExecutor(store, registry, clock, options, Faults);
        var dispatcher = new OutboxDispatcher(storage, index, timers, _workWakeup, _activityWakeup);
        _work = new WorkItemProcessor(storage, executor, dispatcher, timers, clock, options, Faults, loggers.CreateLogger<WorkItemProcessor>());
        _activities = new ActivityProcessor(storage, registry, options, Faults, _workWakeup, loggers.CreateLogger<ActivityProcessor>());
        Client = new OrchestrationClient(storage, store, index, _work, timers, registry, options, clock, _workWakeup, _logger);
    }

    /// <summary>Start, raise, query, terminate, retry, purge.</summary>
    public OrchestrationClient Client { get; }

    public EngineStorage Storage { get; }

    /// <summary>Wake-up messages re-armed because they arrived before their due time (queue mode).</summary>
    public long TimerHops => _queueTimers?.Hops ?? 0;

    internal FaultInjector Faults { get; } = new();

    /// <summary>Creates tables and queues if missing.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => Storage.EnsureCreatedAsync(cancellationToken);

    /// <summary>Runs the queue loops (and the timer sweep on a virtual clock) until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        _logger.LoopsStarted(_options.TimerMode, Storage.Prefix);
        var loops = new List<Task>
        {
            new QueuePump(Storage.Work, _work.HandleAsync, _workWakeup, _options.MaxPollInterval, _options, _logger).RunAsync(cancellationToken),
            new QueuePump(Storage.Activities, _activities.HandleAsync, _activityWakeup, _options.MaxPollInterval, _options, _logger).RunAsync(cancellationToken),
        };
        loops.Add(_indexedTimers is null
            ? new QueuePump(Storage.TimerQueue, _work.HandleAsync, _timerWakeup, _options.MaxTimerPollInterval, _options, _logger).RunAsync(cancellationToken)
            : SweepLoopAsync(cancellationToken));
        return Task.WhenAll(loops);
    }

    /// <summary>
    /// On a virtual clock: moves every timer that the clock has reached to the work queue now, instead of
    /// at the next sweep. Returns how many. A no-op returning 0 with queue timers.
    /// </summary>
    public Task<int> SweepTimersAsync(CancellationToken cancellationToken) =>
        _indexedTimers?.SweepAsync(cancellationToken) ?? Task.FromResult(0);

    /// <summary>
    /// On a virtual clock: the due instant of the earliest timer due before <paramref name="before"/>, so a
    /// caller can step the clock from timer to timer. Null when there is none, and always with queue timers.
    /// </summary>
    public Task<DateTimeOffset?> NextTimerDueAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        _indexedTimers?.NextDueAsync(before, cancellationToken) ?? Task.FromResult<DateTimeOffset?>(null);

    /// <summary>
    /// Whether the work or activity queue still holds messages, counting those being processed (Azure's
    /// approximate count includes invisible messages); false means the engine has nothing left to do now.
    /// </summary>
    public async Task<bool> HasPendingWorkAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in new[] { Storage.Work, Storage.Activities })
        {
            var properties = await queue.GetPropertiesAsync(cancellationToken);
            if (properties.Value.ApproximateMessagesCount > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Handles one message that an outside trigger (an Azure Functions queue trigger) delivered from
    /// <paramref name="queue"/>, exactly as the loops would. True: done (applied and dispatched, re-armed
    /// early timer, or poisoned with its instance Failed), so the deliverer deletes it. False: it failed and
    /// must come back; with the delivery's pop receipt the engine has already set its back-off.
    /// </summary>
    public async Task<bool> HandleDeliveryAsync(EngineQueue queue, QueueDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var source = Queue(queue);
        var disposition = queue == EngineQueue.Activities
            ? await _activities.HandleAsync(delivery, source, cancellationToken)
            : await _work.HandleAsync(delivery, source, cancellationToken);

        // The deliverer deletes a done message itself; deleting it here too would only cost a request.
        await disposition.SettleAsync(source, delivery, deleteWhenDone: false, cancellationToken);
        return disposition.IsDone;
    }

    private QueueClient Queue(EngineQueue queue) => queue switch
    {
        EngineQueue.Work => Storage.Work,
        EngineQueue.Timers => Storage.TimerQueue,
        EngineQueue.Activities => Storage.Activities,
        _ => throw new ArgumentOutOfRangeException(nameof(queue), queue, "Not an engine queue."),
    };

    private async Task SweepLoopAsync(CancellationToken cancellationToken)
    {
        var idle = _options.MinPollInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                idle = await _indexedTimers!.SweepAsync(cancellationToken) > 0
                    ? _options.MinPollInterval
                    : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxTimerPollInterval.Ticks));
                await _timerWakeup.WaitAsync(idle, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.PollFailed(ex, Storage.Timers.Name, _options.MaxTimerPollInterval);
                try
                {
                    await _timerWakeup.WaitAsync(_options.MaxTimerPollInterval, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
