using System.Collections.Concurrent;
using Workflows.Engine;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Client;
using Workflows.Engine.Runtime;
using Workflows.Engine.Storage;

namespace Workflows.Benchmarks;

/// <summary>
/// One engine on its own prefix (fresh tables and queues) with production <see cref="EngineOptions"/>,
/// the real clock and a <see cref="RequestTracker"/> on its storage clients; its loops run only after
/// <see cref="StartLoops"/>. A second, uncounted engine on the same prefix (<see cref="Observer"/>) reads
/// results back, so checking a figure never adds to it.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _watches = new(StringComparer.Ordinal);
    private readonly StorageRequestCounter _observerCounter;
    private Task _loops = Task.CompletedTask;

    private BenchHost(WorkflowEngine engine, WorkflowEngine observer, StorageRequestCounter observerCounter, RequestTracker requests, BenchDefinition definition, EngineOptions options)
    {
        Engine = engine;
        Observer = observer;
        _observerCounter = observerCounter;
        Requests = requests;
        Options = options;
        definition.Decided = OnDecided;
    }

    public WorkflowEngine Engine { get; }

    public OrchestrationClient Client => Engine.Client;

    /// <summary>Same prefix, own (uncounted) storage clients, no loops: for reading results back.</summary>
    public WorkflowEngine Observer { get; }

    public RequestTracker Requests { get; }

    public EngineOptions Options { get; }

    public bool LoopsRunning { get; private set; }

    /// <summary>The production defaults of <see cref="EngineOptions"/>, on a fresh prefix.</summary>
    public static async Task<BenchHost> CreateAsync(string connectionString, WarningLog log, CancellationToken cancellationToken)
    {
        var options = new EngineOptions { Prefix = "b" + Guid.NewGuid().ToString("N")[..11] };
        var definition = new BenchDefinition();
        var registry = new OrchestrationRegistry([definition], []);
        var requests = RequestTracker.Create();
        var engine = new WorkflowEngine(EngineStorage.FromConnectionString(connectionString, options.Prefix, requests.Counter), options, registry, TimeProvider.System, log);
        var observerCounter = new StorageRequestCounter();
        var observer = new WorkflowEngine(EngineStorage.FromConnectionString(connectionString, options.Prefix, observerCounter), options, registry, TimeProvider.System, log);
        await engine.InitializeAsync(cancellationToken);
        return new BenchHost(engine, observer, observerCounter, requests, definition, options);
    }

    public void StartLoops()
    {
        _loops = Engine.RunAsync(_stop.Token);
        LoopsRunning = true;
    }

    /// <summary>
    /// Resolves when the definition decides the event with this id (or, for a timer, "timer|instance|name"),
    /// with the number of queue DELETE requests counted at that moment: the processed message's own delete
    /// comes after the decision, so "more deletes than this" means the message is done.
    /// </summary>
    public Task<long> Watch(string key)
    {
        var decided = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_watches.TryAdd(key, decided))
        {
            throw new InvalidOperationException($"Already watching {key}.");
        }

        return decided.Task;
    }

    public static string TimerKey(string instanceId, string timer) => $"timer|{instanceId}|{timer}";

    /// <summary>Waits for the watched decision, then for the processed message's delete.</summary>
    public async Task WaitProcessedAsync(Task<long> watch, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deletesAtDecision = await watch.WaitAsync(timeout, TimeProvider.System, cancellationToken);
        await Requests.WaitUntilAsync(() => Requests.Count("queue DELETE") > deletesAtDecision, timeout, $"the delete of {what}", cancellationToken);
    }

    public async Task<BenchState> StateAsync(string instanceId, CancellationToken cancellationToken) =>
        (await Observer.Client.GetStatusAsync(instanceId, cancellationToken) ?? throw new InvalidOperationException($"No instance {instanceId}."))
        .StateAs<BenchState>();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loops;
        _stop.Dispose();
        Requests.Dispose();
        _observerCounter.Dispose();
    }

    private void OnDecided(string instanceId, OrchestrationEvent @event, BenchState state)
    {
        var key = @event.Kind == EventKind.Timer ? TimerKey(instanceId, @event.Name) : @event.EventId;
        if (_watches.TryRemove(key, out var decided))
        {
            decided.TrySetResult(Requests.Count("queue DELETE"));
        }
    }
}
