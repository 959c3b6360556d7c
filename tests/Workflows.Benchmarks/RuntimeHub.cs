using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Orchestrations.Storage;
using Workflows.Runtime;
using Workflows.Testing;

namespace Workflows.Benchmarks;

/// <summary>One of the two settings every runtime benchmark compares, side by side in the same run.</summary>
internal sealed record RuntimeSetting(string Name, string Title, Action<DurableTaskOptions> Apply)
{
    /// <summary>Our settings: <see cref="DurableTaskOptions"/> as it comes (1 partition, 1 s polling, 20 s visibility).</summary>
    public static RuntimeSetting Ours { get; } = new("ours", "DurableTaskOptions defaults", _ => { });

    /// <summary>Durable Task's own defaults for the Azure Storage backend (4 partitions, 30 s polling, 5 min visibility).</summary>
    public static RuntimeSetting Dtfx { get; } = new("dtfx", "Durable Task defaults", o =>
    {
        o.PartitionCount = 4;
        o.MaxQueuePollingInterval = TimeSpan.FromSeconds(30);
        o.ControlQueueVisibilityTimeout = TimeSpan.FromMinutes(5);
        o.WorkItemQueueVisibilityTimeout = TimeSpan.FromMinutes(5);
        o.ControlQueueBufferThreshold = 64;
        o.PartitionTableOperationTimeout = TimeSpan.FromSeconds(2);
    });

    /// <summary>
    /// "--settings ours,dtfx" (the default: both, ours first); "--partitions N", "--buffer N" and "--visibility S" change
    /// our setting's partition count, control-queue buffer and control-queue visibility timeout, to measure what each costs.
    /// </summary>
    public static IReadOnlyList<RuntimeSetting> Parse(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = options.Text("settings", "ours,dtfx").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var defaults = new DurableTaskOptions();
        var partitions = options.Int("partitions", defaults.PartitionCount);
        var buffer = options.Int("buffer", defaults.ControlQueueBufferThreshold);
        var visibility = TimeSpan.FromSeconds(options.Int("visibility", (int)defaults.ControlQueueVisibilityTimeout.TotalSeconds, min: 5));
        var ours = partitions == defaults.PartitionCount && buffer == defaults.ControlQueueBufferThreshold && visibility == defaults.ControlQueueVisibilityTimeout
            ? Ours
            : Ours with
            {
                Title = $"DurableTaskOptions defaults but PartitionCount={partitions}, ControlQueueBufferThreshold={buffer}, ControlQueueVisibilityTimeout={visibility.TotalSeconds} s",
                Apply = o => (o.PartitionCount, o.ControlQueueBufferThreshold, o.ControlQueueVisibilityTimeout) = (partitions, buffer, visibility),
            };
        return names.Length == 0
            ? throw new ArgumentException("--settings needs at least one of ours, dtfx")
            : [.. names.Select(n => n switch
            {
                "ours" => ours,
                "dtfx" => Dtfx,
                _ => throw new ArgumentException($"--settings: unknown setting '{n}' (ours, dtfx)"),
            })];
    }

    public string Describe(DurableTaskOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"{Name} ({Title}): PartitionCount={o.PartitionCount}, MaxQueuePollingInterval={o.MaxQueuePollingInterval.TotalSeconds:0.#} s, " +
        $"ControlQueueVisibilityTimeout={o.ControlQueueVisibilityTimeout.TotalSeconds:0} s, WorkItemQueueVisibilityTimeout={o.WorkItemQueueVisibilityTimeout.TotalSeconds:0} s, " +
        $"ControlQueueBufferThreshold={o.ControlQueueBufferThreshold}, PartitionTableOperationTimeout={o.PartitionTableOperationTimeout.TotalSeconds:0} s, " +
        $"MaxConcurrentOrchestrations={o.MaxConcurrentOrchestrations}, MaxConcurrentActivities={o.MaxConcurrentActivities}, LeaseInterval={o.LeaseInterval.TotalSeconds:0} s");
}

/// <summary>
/// One task hub of the real runtime (DTFx's TaskHubWorker through <see cref="LocalTaskHub"/>) on its own prefix, the
/// real clock, production <see cref="CaseRuntimeOptions"/>, and a <see cref="RuntimeRequests"/> counting every request
/// of DTFx's clients and the case tables. A second, client-only hub on the same task hub with its own uncounted
/// counter (<see cref="Checker"/>) reads results back, so checking a figure never adds to it.
/// </summary>
internal sealed class RuntimeHub : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping;
    private readonly LocalTaskHub _checkerHub;
    private readonly StorageRequestCounter _checkerCounter;

    private RuntimeHub(RuntimeSetting setting, DurableTaskOptions options, LocalTaskHub hub, CaseClient client, LocalTaskHub checkerHub, CaseClient checker,
        StorageRequestCounter checkerCounter, RuntimeRequests requests, CancellationTokenSource stopping)
    {
        Setting = setting;
        Options = options;
        Hub = hub;
        Client = client;
        _checkerHub = checkerHub;
        Checker = checker;
        _checkerCounter = checkerCounter;
        Requests = requests;
        _stopping = stopping;
    }

    public RuntimeSetting Setting { get; }

    public DurableTaskOptions Options { get; }

    public LocalTaskHub Hub { get; }

    /// <summary>Counted: the client endpoint code uses (events wait up to 2 minutes to show, not 5 s, so slow settings still measure).</summary>
    public CaseClient Client { get; }

    /// <summary>Uncounted: reads results back.</summary>
    public CaseClient Checker { get; }

    public RuntimeRequests Requests { get; }

    public static readonly TimeSpan EventWait = TimeSpan.FromMinutes(2);

    public static async Task<RuntimeHub> StartAsync(AzuriteFixture azurite, RuntimeSetting setting, WarningLog log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        ArgumentNullException.ThrowIfNull(setting);
        var prefix = "b" + Guid.NewGuid().ToString("N")[..11];
        var options = new DurableTaskOptions { TaskHubName = prefix };
        setting.Apply(options);
        var checkerOptions = new DurableTaskOptions { TaskHubName = prefix, RunWorker = false };
        setting.Apply(checkerOptions);

        ICaseDefinition[] definitions = [new RuntimeProbeDefinition()];
        IActivityHandler[] activities = [new RuntimeProbeActivity()];
        var connection = new StorageConnection(azurite.ConnectionString, null, null);
        var requests = RuntimeRequests.Create();
        var tables = CaseTables.FromConnectionString(azurite.ConnectionString, prefix, requests.Counter);
        await tables.EnsureCreatedAsync(ct);
        var stopping = new CancellationTokenSource();
        var hub = new LocalTaskHub(options, connection, definitions, activities, new CaseRuntimeOptions(), tables, log, stopping.Token);
        var clientOptions = new CaseClientOptions { EventWait = EventWait };
        var client = new CaseClient(hub.Client, definitions, CaseClock.System, tables, clientOptions, NullLogger<CaseClient>.Instance);

        var checkerCounter = new StorageRequestCounter();
        var checkerTables = CaseTables.FromConnectionString(azurite.ConnectionString, prefix, checkerCounter);
        var checkerHub = new LocalTaskHub(checkerOptions, connection, definitions, [], new CaseRuntimeOptions(), checkerTables, log, stopping.Token);
        var checker = new CaseClient(checkerHub.Client, definitions, CaseClock.System, checkerTables, clientOptions, NullLogger<CaseClient>.Instance);

        await hub.StartAsync(ct);
        await checkerHub.StartAsync(ct);
        return new RuntimeHub(setting, options, hub, client, checkerHub, checker, checkerCounter, requests, stopping);
    }

    /// <summary>The setting in one line.</summary>
    public string Describe() => Setting.Describe(Options);

    public Task<StartResult> StartCaseAsync(string id, RuntimeProbeInput input, CancellationToken ct) =>
        Client.StartAsync(RuntimeProbeDefinition.TypeName, id, input, "bench", knownAbsent: true, ct);

    /// <summary>Waits (uncounted) until the case is running with nothing pending and <paramref name="condition"/> holds.</summary>
    public async Task<InstanceStatus> SettledAsync(string id, Func<InstanceStatus, bool> condition, CancellationToken ct, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? TimeSpan.FromMinutes(3);
        return await Checker.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Running && s.Pending == 0 && condition(s), limit, ct)
            ?? throw new TimeoutException($"[{Setting.Name}] case {id} did not settle within {limit.TotalSeconds:0} s.");
    }

    /// <summary>
    /// Starts <paramref name="count"/> cases (enough to land on every partition) and raises one event to each, so the
    /// partitions are leased and every queue has been read before anything is measured. Returns their ids.
    /// </summary>
    public async Task<IReadOnlyList<string>> WarmUpAsync(int count, CancellationToken ct)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"warm-{Setting.Name}-{i:D3}").ToList();
        await Task.WhenAll(ids.Select(id => StartCaseAsync(id, new RuntimeProbeInput("warm"), ct)));
        foreach (var id in ids)
        {
            await SettledAsync(id, _ => true, ct);
        }

        await Task.WhenAll(ids.Select(id => Client.RaiseEventAsync(id, "warm", null, "bench", null, ct)));
        foreach (var id in ids)
        {
            await SettledAsync(id, s => s.StateAs<RuntimeProbeState>().Events.Contains("warm"), ct);
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Hub.DisposeAsync();
        await _checkerHub.DisposeAsync();
        _checkerCounter.Dispose();
        Requests.Dispose();
        _stopping.Dispose();
    }
}

/// <summary>Percentiles (nearest rank) of a sample.</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>"n=…, p50 …, p99 …, max …" in seconds or milliseconds.</summary>
    public static string Summary(IReadOnlyList<double> ms)
    {
        ArgumentNullException.ThrowIfNull(ms);
        return ms.Count == 0
            ? "n=0"
            : $"n={ms.Count}, min {Report.F(ms.Min(), "0")} ms, p50 {Report.F(Percentile(ms, 50), "0")} ms, p90 {Report.F(Percentile(ms, 90), "0")} ms, " +
              $"p99 {Report.F(Percentile(ms, 99), "0")} ms, max {Report.F(ms.Max(), "0")} ms, mean {Report.F(ms.Average(), "0")} ms";
    }
}
