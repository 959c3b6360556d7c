using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Orchestrations.Storage;
using Workflows.Runtime;

namespace Workflows.Testing.Runtime;

/// <summary>
/// The real Durable Task runtime for tests: DTFx's TaskHubWorker on a private Azurite, its own task hub and tables
/// (prefix), a virtual business clock (real time plus an offset, moved with <see cref="AdvanceToAsync"/>), and fast
/// polling. Several runtimes on one task hub share the work like several hosts.
/// </summary>
public sealed class TestRuntime : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping;

    private TestRuntime(LocalTaskHub hub, CaseClient client, CaseTables tables, VirtualTimeProvider clock, string prefix, CancellationTokenSource stopping)
    {
        _stopping = stopping;
        Hub = hub;
        Client = client;
        Tables = tables;
        Clock = clock;
        Prefix = prefix;
        Driver = new VirtualTimeDriver(client, TimeProvider.System);
    }

    public LocalTaskHub Hub { get; }

    public CaseClient Client { get; }

    public CaseTables Tables { get; }

    /// <summary>Business time: real time plus an offset that only grows.</summary>
    public VirtualTimeProvider Clock { get; }

    public VirtualTimeDriver Driver { get; }

    public string Prefix { get; }

    public StorageRequestCounter Counter => Tables.Counter;

    /// <summary>Test defaults: one partition, quick polling, short visibility so a killed host's messages come back soon.</summary>
    public static DurableTaskOptions DefaultOptions(string prefix) => new()
    {
        TaskHubName = prefix,
        PartitionCount = 1,
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200),
        ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
        WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
        LeaseInterval = TimeSpan.FromSeconds(15),
    };

    /// <summary>Quick retries, so a failing activity gives up within seconds.</summary>
    public static CaseRuntimeOptions DefaultCaseOptions() => new()
    {
        ActivityMaxAttempts = 3,
        ActivityFirstRetryInterval = TimeSpan.FromMilliseconds(200),
        ActivityMaxRetryInterval = TimeSpan.FromSeconds(1),
    };

    /// <summary>Starts a runtime whose business clock begins at <paramref name="start"/> (default: real now).</summary>
    public static async Task<TestRuntime> StartAsync(
        AzuriteFixture azurite,
        IEnumerable<ICaseDefinition> definitions,
        IEnumerable<IActivityHandler>? activities = null,
        DateTimeOffset? start = null,
        string? prefix = null,
        Action<DurableTaskOptions>? configure = null,
        Action<CaseRuntimeOptions>? configureCases = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        prefix ??= AzuriteFixture.NewPrefix();
        var clock = start is { } at ? new VirtualTimeProvider(TimeProvider.System, at) : new VirtualTimeProvider();

        var options = DefaultOptions(prefix);
        configure?.Invoke(options);
        var caseOptions = DefaultCaseOptions();
        configureCases?.Invoke(caseOptions);
        var counter = new StorageRequestCounter();
        var tables = CaseTables.FromConnectionString(azurite.ConnectionString, prefix, counter);
        await tables.EnsureCreatedAsync(CancellationToken.None);
        var list = definitions.ToList();
        var logs = loggerFactory ?? NullLoggerFactory.Instance;
        var stopping = new CancellationTokenSource();
        var hub = new LocalTaskHub(options, new StorageConnection(azurite.ConnectionString, null, null), list, activities ?? [], caseOptions, tables, logs, stopping.Token);
        var client = new CaseClient(hub.Client, list, CaseClock.Virtual(clock), tables, new CaseClientOptions(), logs.CreateLogger<CaseClient>());
        var runtime = new TestRuntime(hub, client, tables, clock, prefix, stopping);
        await hub.StartAsync(CancellationToken.None);
        return runtime;
    }

    /// <summary>Moves business time to <paramref name="instant"/> from timer to timer, each firing in order and settling.</summary>
    public Task AdvanceToAsync(DateTimeOffset instant, CancellationToken cancellationToken = default) =>
        Driver.AdvanceToAsync(instant, cancellationToken);

    /// <summary>Moves business time forward by <paramref name="by"/>.</summary>
    public Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        Driver.AdvanceToAsync(Clock.GetUtcNow() + by, cancellationToken);

    /// <summary>Waits until the case's status satisfies <paramref name="condition"/> (30 s by default).</summary>
    public async Task<InstanceStatus> WaitForAsync(string instanceId, Func<InstanceStatus, bool> condition, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        return await Client.WaitForAsync(instanceId, condition, limit, CancellationToken.None)
            ?? throw new TimeoutException($"Case {instanceId} did not reach the expected status within {limit}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Hub.DisposeAsync();
        _stopping.Dispose();
    }
}
