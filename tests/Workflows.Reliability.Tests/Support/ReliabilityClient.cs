using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Orchestrations.Storage;
using Workflows.Runtime;
using Workflows.Testing.Host;

namespace Workflows.Reliability.Tests.Support;

/// <summary>
/// The test's side of a task hub the host processes work: a LocalTaskHub that runs no worker (a client only), its
/// CaseClient on the real clock, and a look at who holds the partitions.
/// </summary>
public sealed class ReliabilityClient : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping;
    private readonly string _connectionString;

    private ReliabilityClient(LocalTaskHub hub, CaseClient client, string connectionString, CancellationTokenSource stopping)
    {
        _stopping = stopping;
        Hub = hub;
        Client = client;
        _connectionString = connectionString;
    }

    public LocalTaskHub Hub { get; }

    public CaseClient Client { get; }

    public string TaskHub => Hub.Options.TaskHubName;

    /// <summary>Creates the task hub (queues for <paramref name="partitions"/> partitions) and its tables.</summary>
    public static async Task<ReliabilityClient> StartAsync(string connectionString, string taskHub, int partitions, CancellationToken cancellationToken)
    {
        var options = new DurableTaskOptions
        {
            TaskHubName = taskHub,
            PartitionCount = partitions,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
            LeaseInterval = TimeSpan.FromSeconds(15),
            RunWorker = false,
        };
        var tables = CaseTables.FromConnectionString(connectionString, taskHub, new StorageRequestCounter());
        await tables.EnsureCreatedAsync(cancellationToken);
        var stopping = new CancellationTokenSource();
        var hub = new LocalTaskHub(options, new StorageConnection(connectionString, null, null), [new ReliabilityProbeDefinition()], [],
            new CaseRuntimeOptions(), tables, NullLoggerFactory.Instance, stopping.Token);
        await hub.StartAsync(cancellationToken);
        var client = new CaseClient(hub.Client, [new ReliabilityProbeDefinition()], CaseClock.System, tables,
            new CaseClientOptions { PollInterval = TimeSpan.FromMilliseconds(200) }, NullLogger<CaseClient>.Instance);
        return new ReliabilityClient(hub, client, connectionString, stopping);
    }

    /// <summary>The probe's state, or null before the case exists.</summary>
    public async Task<(InstanceStatus Status, ReliabilityProbeState State)?> ReadAsync(string instanceId, CancellationToken cancellationToken) =>
        await Client.GetStatusAsync(instanceId, cancellationToken) is { } status ? (status, status.StateAs<ReliabilityProbeState>()) : null;

    /// <summary>
    /// Owner (worker id) of each partition whose lease is held now, from DTFx's partition table ("{hub}Partitions":
    /// its table partition manager, the 2.x default).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> PartitionOwnersAsync(CancellationToken cancellationToken)
    {
        var table = new TableClient(_connectionString, TaskHub + "Partitions");
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var now = TimeProvider.System.GetUtcNow();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            if (row.GetString("CurrentOwner") is { Length: > 0 } owner && row.GetDateTimeOffset("ExpiresAt") is { } expires && expires > now)
            {
                owners[row.RowKey] = owner;
            }
        }

        return owners;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Hub.DisposeAsync();
        _stopping.Dispose();
    }
}
