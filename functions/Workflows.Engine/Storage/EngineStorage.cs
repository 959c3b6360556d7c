using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Workflows.Engine.Storage;

/// <summary>The tables and queues of one engine (one prefix) on one storage account.</summary>
public sealed class EngineStorage
{
    private EngineStorage(TableServiceClient tables, QueueServiceClient queues, string prefix, StorageRequestCounter counter)
    {
        Counter = counter;
        Prefix = prefix;
        TableService = tables;
        Instances = tables.GetTableClient($"{prefix}instances");
        Index = tables.GetTableClient($"{prefix}index");
        Timers = tables.GetTableClient($"{prefix}timers");
        Audit = tables.GetTableClient($"{prefix}audit");
        QueueService = queues;
        Work = queues.GetQueueClient(QueueName(prefix, EngineQueue.Work));
        TimerQueue = queues.GetQueueClient(QueueName(prefix, EngineQueue.Timers));
        Activities = queues.GetQueueClient(QueueName(prefix, EngineQueue.Activities));
        Poison = queues.GetQueueClient($"{prefix}-poison");
    }

    public string Prefix { get; }

    public StorageRequestCounter Counter { get; }

    public TableServiceClient TableService { get; }

    public QueueServiceClient QueueService { get; }

    /// <summary>One partition per instance: state row, event (dedupe + outbox) rows, history, parked messages.</summary>
    public TableClient Instances { get; }

    /// <summary>Query index: worklists and the instance catalog, partitioned by what the query asks for.</summary>
    public TableClient Index { get; }

    /// <summary>Due-time index of timers (virtual-clock mode only).</summary>
    public TableClient Timers { get; }

    /// <summary>Records that must outlive an instance, without personal data (purges).</summary>
    public TableClient Audit { get; }

    public QueueClient Work { get; }

    public QueueClient TimerQueue { get; }

    public QueueClient Activities { get; }

    public QueueClient Poison { get; }

    public IEnumerable<TableClient> AllTables => [Instances, Index, Timers, Audit];

    public IEnumerable<QueueClient> AllQueues => [Work, TimerQueue, Activities, Poison];

    /// <summary>The name of an engine queue under <paramref name="prefix"/>; a Functions trigger must listen to exactly this queue.</summary>
    public static string QueueName(string prefix, EngineQueue queue) => queue switch
    {
        EngineQueue.Work => $"{prefix}-work",
        EngineQueue.Timers => $"{prefix}-timers",
        EngineQueue.Activities => $"{prefix}-activities",
        _ => throw new ArgumentOutOfRangeException(nameof(queue), queue, "Not an engine queue."),
    };

    /// <summary>Connects with a connection string (Azurite, local).</summary>
    public static EngineStorage FromConnectionString(string connectionString, string prefix, StorageRequestCounter counter)
    {
        var (tableOptions, queueOptions) = ClientOptions(counter);
        return new EngineStorage(new TableServiceClient(connectionString, tableOptions), new QueueServiceClient(connectionString, queueOptions), prefix, counter);
    }

    /// <summary>Connects with an identity (managed identity in Azure; no keys).</summary>
    public static EngineStorage FromIdentity(string accountName, TokenCredential credential, string prefix, StorageRequestCounter counter)
    {
        var (tableOptions, queueOptions) = ClientOptions(counter);
        return new EngineStorage(
            new TableServiceClient(new Uri($"https://{accountName}.table.core.windows.net"), credential, tableOptions),
            new QueueServiceClient(new Uri($"https://{accountName}.queue.core.windows.net"), credential, queueOptions),
            prefix,
            counter);
    }

    /// <summary>Creates the tables and queues if missing (idempotent).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(AllTables.Select(t => t.CreateIfNotExistsAsync(cancellationToken)));
        await Task.WhenAll(AllQueues.Select(q => q.CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
    }

    private static (TableClientOptions, QueueClientOptions) ClientOptions(StorageRequestCounter counter)
    {
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter.PolicyFor("table"), HttpPipelinePosition.PerRetry);
        // Fail fast: the engine's own redelivery is the retry that matters, and a storage outage
        // should not pin a worker inside the SDK for minutes.
        tableOptions.Retry.MaxRetries = 3;
        tableOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        queueOptions.AddPolicy(counter.PolicyFor("queue"), HttpPipelinePosition.PerRetry);
        queueOptions.Retry.MaxRetries = 3;
        queueOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return (tableOptions, queueOptions);
    }
}
