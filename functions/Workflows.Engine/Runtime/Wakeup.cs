namespace Workflows.Engine.Runtime;

/// <summary>
/// Lets a polling loop sleep long when idle yet react at once to work this process itself produced
/// (<see cref="Now"/>) or to a message it knows becomes visible at a given moment (<see cref="At"/>).
/// Real time: polling cadence is about the queue service, not the engine's (possibly virtual) clock.
/// </summary>
internal sealed class Wakeup
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> _hints = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When the loop's current wait ends at the latest; MinValue while it is not waiting (it reads the hints before its next wait).</summary>
    private DateTimeOffset _waitingUntil = DateTimeOffset.MinValue;

    public void Now()
    {
        lock (_lock)
        {
            _signal.TrySetResult();
        }
    }

    public void At(DateTimeOffset realTime)
    {
        lock (_lock)
        {
            _hints.Enqueue(realTime, realTime);
            if (realTime < _waitingUntil)
            {
                // Only a hint earlier than the current wait's end interrupts it: a wake-up days ahead
                // (one per case started) must not cost a poll each.
                _signal.TrySetResult();
            }
        }
    }

    /// <summary>Waits up to <paramref name="max"/>, less if signalled or a hint falls due.</summary>
    public async Task WaitAsync(TimeSpan max, CancellationToken cancellationToken)
    {
        Task signal;
        var wait = max;
        lock (_lock)
        {
            var now = TimeProvider.System.GetUtcNow();
            var due = false;
            while (_hints.TryPeek(out var hint, out _) && hint <= now)
            {
                _hints.Dequeue();
                due = true;
            }

            if (_signal.Task.IsCompleted)
            {
                _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                due = true;
            }

            if (due)
            {
                return;
            }

            if (_hints.TryPeek(out var next, out _) && next - now < wait)
            {
                // Visibility has one-second granularity: look just after the moment.
                wait = next - now + TimeSpan.FromMilliseconds(20);
            }

            signal = _signal.Task;
            _waitingUntil = now + wait;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, TimeProvider.System, timeout.Token);
        await Task.WhenAny(signal, delay);
        await timeout.CancelAsync();
        lock (_lock)
        {
            _waitingUntil = DateTimeOffset.MinValue;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
