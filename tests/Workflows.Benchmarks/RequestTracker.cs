using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Workflows.Engine.Storage;

namespace Workflows.Benchmarks;

/// <summary>A snapshot of one counter: the total and the split by "service METHOD" (e.g. "queue GET").</summary>
internal sealed record RequestSnapshot(long Total, IReadOnlyDictionary<string, long> ByKind)
{
    public RequestSnapshot Minus(RequestSnapshot earlier) => new(
        Total - earlier.Total,
        ByKind.Select(k => (k.Key, Value: k.Value - earlier.ByKind.GetValueOrDefault(k.Key)))
            .Where(k => k.Value != 0)
            .ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal));
}

/// <summary>
/// Wraps one <see cref="StorageRequestCounter"/> (the engine's own count of HTTP requests to Storage) and
/// listens to its metric, whose tags give the service and HTTP method of each request, so a figure can
/// be split into queue receives, sends, deletes and table reads and writes, and so a benchmark can wait
/// for a particular request (e.g. the delete of a processed message) without asking Storage.
/// </summary>
internal sealed class RequestTracker : IDisposable
{
    private static readonly Lock Gate = new();
    private static RequestTracker? _attaching;
    private static readonly MeterListener Listener = StartListener();

    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private readonly Lock _signalLock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _attached;

    private RequestTracker() => Counter = null!;

    public StorageRequestCounter Counter { get; private set; }

    public static RequestTracker Create()
    {
        GC.KeepAlive(Listener);
        lock (Gate)
        {
            var tracker = new RequestTracker();
            _attaching = tracker;
            try
            {
                // Creating the counter publishes its instrument; the listener attaches it to this tracker.
                tracker.Counter = new StorageRequestCounter();
            }
            finally
            {
                _attaching = null;
            }

            return tracker._attached
                ? tracker
                : throw new InvalidOperationException("The storage request metric was not published; did the engine rename it?");
        }
    }

    public long Count(string kind) => _byKind.GetValueOrDefault(kind);

    public RequestSnapshot Snapshot() =>
        new(Counter.Total, new Dictionary<string, long>(_byKind, StringComparer.Ordinal));

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking after every counted request.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                Task changed;
                lock (_signalLock)
                {
                    changed = _changed.Task;
                }

                if (condition())
                {
                    return;
                }

                await changed.WaitAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0} s waiting for {what}.");
        }
    }

    public void Dispose() => Counter.Dispose();

    private void Add(ReadOnlySpan<KeyValuePair<string, object?>> tags, long value)
    {
        string? service = null, method = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "service": service = tag.Value as string; break;
                case "method": method = tag.Value as string; break;
            }
        }

        _byKind.AddOrUpdate($"{service ?? "?"} {method ?? "?"}", value, (_, n) => n + value);
        TaskCompletionSource changed;
        lock (_signalLock)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private static MeterListener StartListener()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument is { Name: "workflows.storage.requests", Meter.Name: "Workflows.Engine" } && _attaching is { } tracker)
                {
                    tracker._attached = true;
                    listener.EnableMeasurementEvents(instrument, tracker);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((RequestTracker)state!).Add(tags, value));
        listener.Start();
        return listener;
    }
}
