using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Hosting;
using Workflows.Orchestrations.Storage;
using SdkConverter = Microsoft.DurableTask.DataConverter;

namespace Workflows.Runtime;

/// <summary>
/// DTFx's own dispatcher in this process (ARCHITECTURE §4): a <see cref="TaskHubWorker"/> over the Azure Storage
/// backend, running every case kind's <see cref="CaseOrchestrator"/> and every activity through the SDK's shims.
/// </summary>
public sealed class LocalTaskHub : IAsyncDisposable
{
    /// <summary>One converter on both sides: the application's JSON shape (camelCase, kebab-case enums).</summary>
    public static SdkConverter Converter { get; } = new JsonDataConverter(DomainJson.Options);

    private readonly AzureStorageOrchestrationService _service;
    private readonly ILoggerFactory _loggerFactory;
    private readonly CaseTables _tables;
    private TaskHubWorker? _worker;
    private bool _started;

    /// <summary>The task hub and its client; <see cref="Register(CaseTasks)"/> adds the worker's orchestrations and activities.</summary>
    public LocalTaskHub(DurableTaskOptions options, StorageConnection connection, CaseTables tables, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        Options = options;
        _tables = tables;
        _loggerFactory = loggerFactory;
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            StorageAccountClientProvider = ClientProvider(connection, tables.Counter),
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            ControlQueueBufferThreshold = options.ControlQueueBufferThreshold,
            PartitionTableOperationTimeout = options.PartitionTableOperationTimeout,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            LeaseInterval = options.LeaseInterval,
            // Unique per process: several hosts on one machine must not share a lease owner name.
            WorkerId = WorkerId,
            LoggerFactory = loggerFactory,
        });
        Client = new TaskHubDurableClient(options.TaskHubName, _service, Converter, loggerFactory);
    }

    /// <summary>The task hub with its worker's orchestrations and activities registered.</summary>
    public LocalTaskHub(
        DurableTaskOptions options,
        StorageConnection connection,
        IEnumerable<ICaseDefinition> definitions,
        IEnumerable<IActivityHandler> handlers,
        CaseRuntimeOptions caseOptions,
        CaseTables tables,
        ILoggerFactory loggerFactory,
        CancellationToken stopping)
        : this(options, connection, tables, loggerFactory) =>
        Register(definitions, handlers, caseOptions, stopping);

    /// <summary>Registers <see cref="CaseTasks"/> over this hub's tables and client (activities raise events with it).</summary>
    public void Register(IEnumerable<ICaseDefinition> definitions, IEnumerable<IActivityHandler> handlers, CaseRuntimeOptions caseOptions, CancellationToken stopping) =>
        Register(new CaseTasks(definitions, handlers, caseOptions, _tables, Client, stopping));

    /// <summary>
    /// Registers every orchestrator and activity of <paramref name="tasks"/> with DTFx's worker, adapted by the SDK's
    /// shims (a separate step, so activities may use the client this hub provides). Nothing when the options say this
    /// host runs no worker.
    /// </summary>
    public void Register(CaseTasks tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (!Options.RunWorker || _worker is not null)
        {
            return;
        }

        var shims = new DurableTaskShimFactory(
            new DurableTaskWorkerOptions { DataConverter = Converter, MaximumTimerInterval = Options.MaximumTimerInterval },
            _loggerFactory);
        // Failure details (type, message) rather than serialised exceptions: the SDK's shims read them, and a Failed
        // case's reason is its message (never the inner exception's, which may hold personal data).
        _worker = new TaskHubWorker(_service, _loggerFactory) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        foreach (var (name, create) in tasks.Orchestrators)
        {
            _worker.AddTaskOrchestrations(new Creator<TaskOrchestration>(name, () => shims.CreateOrchestration(name, create())));
        }

        foreach (var (name, create) in tasks.Activities)
        {
            _worker.AddTaskActivities(new Creator<TaskActivity>(name, () => shims.CreateActivity(name, create())));
        }
    }

    public DurableTaskOptions Options { get; }

    /// <summary>This host's name in partition leases: unique per process, so several hosts on one machine do not share one.</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The client endpoint code uses (through <see cref="Workflows.Orchestrations.Client.CaseClient"/>).</summary>
    public TaskHubDurableClient Client { get; }

    /// <summary>The backend, for tests and benchmarks that look at the task hub's own queues.</summary>
    public AzureStorageOrchestrationService Service => _service;

    /// <summary>Creates the task hub's queues, tables and container if missing, then starts the worker.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        if (_worker is not null)
        {
            await _worker.StartAsync().WaitAsync(cancellationToken);
            _started = true;
        }
    }

    /// <summary>Stops taking work; with <paramref name="graceful"/> the episodes in hand finish first.</summary>
    public async Task StopAsync(bool graceful)
    {
        if (_worker is not null && _started)
        {
            _started = false;
            await _worker.StopAsync(!graceful);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(graceful: false);
        _worker?.Dispose();
    }

    private static StorageAccountClientProvider ClientProvider(StorageConnection connection, StorageRequestCounter counter)
    {
        var blobs = new BlobClientOptions();
        var queues = new QueueClientOptions();
        var tables = new TableClientOptions();
        blobs.AddPolicy(counter.PolicyFor("blob"), HttpPipelinePosition.PerRetry);
        queues.AddPolicy(counter.PolicyFor("queue"), HttpPipelinePosition.PerRetry);
        tables.AddPolicy(counter.PolicyFor("table"), HttpPipelinePosition.PerRetry);
        // A try that hears nothing gives up after 30 s as the application's tables do (the SDK waits 100 s), so a
        // request whose storage went silent answers 503 within about two minutes rather than seven.
        blobs.Retry.NetworkTimeout = queues.Retry.NetworkTimeout = tables.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        if (connection.ConnectionString is { Length: > 0 } cs)
        {
            return new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(cs, blobs),
                StorageServiceClientProvider.ForQueue(cs, queues),
                StorageServiceClientProvider.ForTable(cs, tables));
        }

        var account = connection.AccountName ?? throw new ArgumentException("Storage needs a connection string or an account name.", nameof(connection));
        var credential = connection.Credential ?? throw new ArgumentException("An account name needs a credential.", nameof(connection));
        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(new Uri($"https://{account}.blob.core.windows.net"), credential, blobs),
            StorageServiceClientProvider.ForQueue(new Uri($"https://{account}.queue.core.windows.net"), credential, queues),
            StorageServiceClientProvider.ForTable(new Uri($"https://{account}.table.core.windows.net"), credential, tables));
    }

    /// <summary>DTFx's registration: name and version "" (the same the client starts with), made by the shim factory.</summary>
    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = "";
            _create = create;
        }

        public override T Create() => _create();
    }
}
