using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using SdkConverter = Microsoft.DurableTask.DataConverter;
using SdkQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Workflows.Runtime;

/// <summary>
/// A <see cref="DurableTaskClient"/> over DTFx's <see cref="TaskHubClient"/> and the service's query and purge
/// clients (the SDK's own client shim is not served here), so endpoint code is the same as with Durable Functions'
/// <c>[DurableClient]</c>. Entities are not used by the cases.
/// </summary>
public sealed class TaskHubDurableClient : DurableTaskClient
{
    private readonly IOrchestrationServiceClient _service;
    private readonly TaskHubClient _client;
    private readonly SdkConverter _converter;

    public TaskHubDurableClient(string name, IOrchestrationServiceClient service, SdkConverter converter, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory)
        : base(name)
    {
        _service = service;
        _converter = converter;
        _client = new TaskHubClient(service, new CoreDataConverter(converter), loggerFactory);
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        // Terminal instances (Completed, Failed, Terminated) may be started again under their id (a retry); live ones not.
        var instance = options?.StartAt is { } at
            ? await _client.CreateScheduledOrchestrationInstanceAsync(orchestratorName.Name, "", instanceId, input, at.UtcDateTime)
            : await _client.CreateOrchestrationInstanceAsync(orchestratorName.Name, "", instanceId, input, null, [CoreStatus.Pending, CoreStatus.Running]);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        _client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, eventPayload!);

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation) is { RuntimeStatus: not OrchestrationRuntimeStatus.Pending } metadata)
            {
                return metadata;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, cancellation);
        }
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation) is { IsCompleted: true } metadata)
            {
                return metadata;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, cancellation);
        }
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        _client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, (options?.Output is null ? null : _converter.Serialize(options.Output))!);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        _client.SuspendInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        _client.ResumeInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var states = await _service.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        return states?.FirstOrDefault() is { } state ? ToMetadata(state, getInputsAndOutputs) : null;
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(SdkQuery? filter = null)
    {
        var query = _service as IOrchestrationServiceQueryClient ?? throw new NotSupportedException("The orchestration service cannot be queried.");
        return Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var coreQuery = new CoreQuery
            {
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                RuntimeStatus = filter?.Statuses?.Select(ToCore).ToList(),
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? SdkQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await query.GetOrchestrationWithQueryAsync(coreQuery, cancellation);
            var page = result.OrchestrationState.Select(s => ToMetadata(s, coreQuery.FetchInputsAndOutputs)).ToList();
            return new Page<OrchestrationMetadata>(page, result.ContinuationToken);
        });
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var purge = _service as IOrchestrationServicePurgeClient ?? throw new NotSupportedException("The orchestration service cannot purge.");
        var result = await purge.PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var purge = _service as IOrchestrationServicePurgeClient ?? throw new NotSupportedException("The orchestration service cannot purge.");
        var result = await purge.PurgeInstanceStateAsync(new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, filter.Statuses?.Select(ToCore)));
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool getInputsAndOutputs) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = _converter,
            RuntimeStatus = (OrchestrationRuntimeStatus)(int)state.OrchestrationStatus,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = getInputsAndOutputs ? state.Input : null,
            SerializedOutput = getInputsAndOutputs ? state.Output : null,
            SerializedCustomStatus = getInputsAndOutputs ? state.Status : null,
            FailureDetails = state.FailureDetails is { } failure ? new TaskFailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, null, null) : null,
        };

    private static CoreStatus ToCore(OrchestrationRuntimeStatus status) => (CoreStatus)(int)status;
}
