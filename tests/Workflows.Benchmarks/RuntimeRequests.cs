using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Workflows.Orchestrations.Storage;

namespace Workflows.Benchmarks;

/// <summary>
/// Wraps one <see cref="StorageRequestCounter"/> of the Durable Task runtime (the one <c>LocalTaskHub</c> wires into
/// DTFx's own blob, queue and table clients, and <c>CaseTables</c> into the application's tables) and listens to its
/// metric <c>workflows.storage.requests</c>, whose tags split a figure by service and HTTP method.
/// </summary>
internal sealed class RuntimeRequests : IDisposable
{
    private static readonly Lock Gate = new();
    private static RuntimeRequests? _attaching;
    private static readonly MeterListener Listener = StartListener();

    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private bool _attached;

    private RuntimeRequests() => Counter = null!;

    public StorageRequestCounter Counter { get; private set; }

    public static RuntimeRequests Create()
    {
        GC.KeepAlive(Listener);
        lock (Gate)
        {
            var tracker = new RuntimeRequests();
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
                : throw new InvalidOperationException("The storage request metric was not published; was it renamed?");
        }
    }

    public RequestSnapshot Snapshot() => new(Counter.Total, new Dictionary<string, long>(_byKind, StringComparer.Ordinal));

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
    }

    private static MeterListener StartListener()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "workflows.storage.requests" && _attaching is { } tracker)
                {
                    tracker._attached = true;
                    listener.EnableMeasurementEvents(instrument, tracker);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((RuntimeRequests)state!).Add(tags, value));
        listener.Start();
        return listener;
    }
}
