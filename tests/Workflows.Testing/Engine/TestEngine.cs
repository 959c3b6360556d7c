using Microsoft.Extensions.Time.Testing;
using Workflows.Engine;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Client;
using Workflows.Engine.Runtime;
using Workflows.Engine.Storage;

namespace Workflows.Testing.Engine;

/// <summary>
/// A running engine host for tests: real Azurite, its own tables and queues (prefix), a virtual clock,
/// fast polling, and its loops running in the background until disposed.
/// </summary>
public sealed class TestEngine : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loops;

    private TestEngine(WorkflowEngine engine, FakeTimeProvider clock, StorageRequestCounter counter, bool runLoops)
    {
        Engine = engine;
        Clock = clock;
        Counter = counter;
        _loops = runLoops ? engine.RunAsync(_stop.Token) : Task.CompletedTask;
    }

    public WorkflowEngine Engine { get; }

    public OrchestrationClient Client => Engine.Client;

    public FakeTimeProvider Clock { get; }

    public StorageRequestCounter Counter { get; }

    public EngineStorage Storage => Engine.Storage;

    /// <summary>Test defaults: virtual-clock timers, quick polling, short visibility so a "crashed" message comes back in 2 s.</summary>
    public static EngineOptions DefaultOptions(string prefix) => new()
    {
        Prefix = prefix,
        TimerMode = TimerMode.Indexed,
        MessageVisibility = TimeSpan.FromSeconds(2),
        RetryBackoff = TimeSpan.Zero,
        MaxDequeueCount = 3,
        ActivityMaxAttempts = 5,
        MinPollInterval = TimeSpan.FromMilliseconds(10),
        MaxPollInterval = TimeSpan.FromMilliseconds(200),
        MaxTimerPollInterval = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>Starts a host. Several hosts with the same prefix share one "storage account" and compete for work.</summary>
    public static async Task<TestEngine> StartAsync(
        AzuriteFixture azurite,
        IEnumerable<IOrchestrationDefinition> definitions,
        IEnumerable<IActivityHandler>? activities = null,
        FakeTimeProvider? clock = null,
        string? prefix = null,
        Action<EngineOptions>? configure = null,
        bool runLoops = true)
    {
        var options = DefaultOptions(prefix ?? AzuriteFixture.NewPrefix());
        configure?.Invoke(options);
        var counter = new StorageRequestCounter();
        var storage = EngineStorage.FromConnectionString(azurite.ConnectionString, options.Prefix, counter);
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        var engine = new WorkflowEngine(storage, options, new OrchestrationRegistry(definitions, activities ?? []), clock);
        await engine.InitializeAsync(TestTimeout.Token());
        return new TestEngine(engine, clock, counter, runLoops);
    }

    /// <summary>Moves the virtual clock and sweeps due timers at once (instead of at the next poll).</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Engine.SweepTimersAsync(TestTimeout.Token());
    }

    /// <summary>Moves the virtual clock to an instant and sweeps due timers.</summary>
    public Task AdvanceToAsync(DateTimeOffset instant) => AdvanceAsync(instant - Clock.GetUtcNow());

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loops;
        _stop.Dispose();
        Counter.Dispose();
    }
}
