using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Storage;

namespace Workflows.Orchestrations.Client;

/// <summary>
/// What endpoint code asks of cases, in both hosts, over a <see cref="DurableTaskClient"/> (Durable Functions'
/// own in Azure, an adapter over DTFx locally): start idempotently, raise an event and wait until it shows,
/// read, list, terminate, suspend/resume, retry a Failed case, purge everything of a case.
/// </summary>
public sealed class CaseClient
{
    private readonly DurableTaskClient _client;
    private readonly Dictionary<string, ICaseDefinition> _definitions;
    private readonly CaseClock _clock;
    private readonly IndexStore _index;
    private readonly HistoryStore _history;
    private readonly WorklistTallyStore _tally;
    private readonly CaseTables _tables;
    private readonly CaseClientOptions _options;
    private readonly ILogger _logger;
    private readonly string _sender = Guid.NewGuid().ToString("N")[..12];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _orders = new(StringComparer.Ordinal);

    public CaseClient(
        DurableTaskClient client, IEnumerable<ICaseDefinition> definitions, CaseClock clock, CaseTables tables,
        CaseClientOptions options, ILogger<CaseClient> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _client = client;
        _definitions = definitions.ToDictionary(d => d.Type, StringComparer.Ordinal);
        _clock = clock;
        _tables = tables;
        _index = new IndexStore(tables);
        _history = new HistoryStore(tables);
        _tally = new WorklistTallyStore(tables);
        _options = options;
        _logger = logger;
    }

    /// <summary>The Durable Task client underneath (tests and the management API use it directly).</summary>
    public DurableTaskClient Durable => _client;

    public CaseClock Clock => _clock;

    /// <summary>
    /// Starts a case, idempotent on <paramref name="instanceId"/>. The first transition is decided here, at the
    /// request's business time, so the case's steps exist from the answer on; the orchestration carries out its effects.
    /// </summary>
    /// <param name="knownAbsent">The caller has just found no such case, so it is not read again.</param>
    public async Task<StartResult> StartAsync(string type, string instanceId, object input, string source, bool knownAbsent, CancellationToken cancellationToken)
    {
        CaseIds.Validate(instanceId);
        if (!_definitions.TryGetValue(type, out var definition))
        {
            throw new ArgumentException($"No case of type '{type}'.", nameof(type));
        }

        if (!knownAbsent && await GetStatusAsync(instanceId, cancellationToken) is { } existing)
        {
            return new StartResult(existing, Created: false);
        }

        var (carry, effects) = CaseTransition.Start(definition, instanceId, DomainJson.ToElement(input), _clock.Now, _clock.Skew, _clock.IsVirtual, source);
        carry = carry with { Outbox = effects };
        try
        {
            await _client.ScheduleNewOrchestrationInstanceAsync(type, carry, new Microsoft.DurableTask.StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent start of the same id won (the client refuses a second start of a live instance): a duplicate.
            if (await GetStatusAsync(instanceId, cancellationToken) is { } raced)
            {
                return new StartResult(raced, Created: false);
            }

            throw;
        }

        return new StartResult(ToStatus(instanceId, RuntimeStatus.Pending, carry, null), Created: true);
    }

    public Task<StartResult> StartAsync(string type, string instanceId, object input, string source, CancellationToken cancellationToken) =>
        StartAsync(type, instanceId, input, source, knownAbsent: false, cancellationToken);

    /// <summary>
    /// Raises an event and waits up to <see cref="CaseClientOptions.EventWait"/> until the case shows it. Null when
    /// there is no such case. A caller-given <paramref name="eventId"/> makes a retry harmless.
    /// </summary>
    public async Task<RaiseResult?> RaiseEventAsync(
        string instanceId, string name, object? payload, string source, string? eventId, CancellationToken cancellationToken)
    {
        CaseIds.Validate(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (await ReadyAsync(instanceId, cancellationToken) is not { } before)
        {
            return null;
        }

        var id = eventId ?? Guid.NewGuid().ToString("N");
        if (before.Applied.Contains(id, StringComparer.Ordinal))
        {
            return new RaiseResult(before, Applied: true);
        }

        await SendAsync(instanceId, new CaseMessage(id, name, payload is null ? null : DomainJson.ToElement(payload), source), cancellationToken);
        return await WaitForAsync(instanceId, s => s.Applied.Contains(id, StringComparer.Ordinal), _options.EventWait, cancellationToken) is { } shown
            ? new RaiseResult(shown, Applied: true)
            : new RaiseResult(await GetStatusAsync(instanceId, cancellationToken) ?? before, Applied: false);
    }

    /// <summary>Raises an event without waiting (durable all the same).</summary>
    public async Task EnqueueEventAsync(string instanceId, string name, object? payload, string source, string? eventId, CancellationToken cancellationToken)
    {
        CaseIds.Validate(instanceId);
        await ReadyAsync(instanceId, cancellationToken);
        await SendAsync(instanceId, new CaseMessage(eventId ?? Guid.NewGuid().ToString("N"), name, payload is null ? null : DomainJson.ToElement(payload), source), cancellationToken);
    }

    /// <summary>Whether an event with this caller-given id was applied (among the case's recent ones).</summary>
    public async Task<bool> WasAppliedAsync(string instanceId, string eventId, CancellationToken cancellationToken) =>
        await GetStatusAsync(instanceId, cancellationToken) is { } status && status.Applied.Contains(eventId, StringComparer.Ordinal);

    /// <summary>The case as of its last committed episode (or as started, before its first), or null.</summary>
    public async Task<InstanceStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken)
    {
        CaseIds.Validate(instanceId);
        var metadata = await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return metadata is null ? null : ToStatus(metadata);
    }

    /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="timeout"/> passes; null on time-out.</summary>
    public async Task<InstanceStatus?> WaitForAsync(string instanceId, Func<InstanceStatus, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var until = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            if (await GetStatusAsync(instanceId, cancellationToken) is { } status && condition(status))
            {
                return status;
            }

            if (TimeProvider.System.GetUtcNow() >= until)
            {
                return null;
            }

            await Task.Delay(_options.PollInterval, TimeProvider.System, cancellationToken);
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        CaseIds.Validate(instanceId);
        return _history.ReadAsync(instanceId, cancellationToken);
    }

    /// <summary>Cases of one scope (or all, for <c>null</c>), optionally of one type and status.</summary>
    public async Task<IReadOnlyList<InstanceSummary>> QueryInstancesAsync(string? scope, string? type, RuntimeStatus? status, CancellationToken cancellationToken) =>
        [.. (await QueryStatusesAsync(scope, type, status, cancellationToken)).Select(s => new InstanceSummary(s.InstanceId, s.Type, s.RuntimeStatus, s.Scope, s.CreatedAt))];

    /// <summary>
    /// Cases with their status, read through the task hub's instance list (an operator's and the demo clock's
    /// query; worklists read the index instead).
    /// </summary>
    public async Task<IReadOnlyList<InstanceStatus>> QueryStatusesAsync(string? scope, string? type, RuntimeStatus? status, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery { FetchInputsAndOutputs = true, PageSize = 500 };
        var found = new List<InstanceStatus>();
        await foreach (var metadata in _client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (!_definitions.ContainsKey(metadata.Name) || ToStatus(metadata) is not { } s)
            {
                continue;
            }

            if ((scope is null || s.Scope == scope) && (type is null || s.Type == type) && (status is null || s.RuntimeStatus == status))
            {
                found.Add(s);
            }
        }

        return found;
    }

    /// <summary>Live rows of one index partition, ordered by key, optionally within [fromKey, toKey) and filtered on columns.</summary>
    public Task<IReadOnlyList<IndexRow>> QueryIndexAsync(
        string partition, string? fromKey, string? toKey, IReadOnlyDictionary<string, string>? equals, int? take, CancellationToken cancellationToken) =>
        _index.QueryAsync(partition, fromKey, toKey, equals, take, cancellationToken);

    /// <summary>
    /// A worklist partition's count rows (<see cref="Workflows.Domain.Cases.WorklistTally"/>): one read, and the first
    /// time for a partition with rows from before counting, one completion of its counts.
    /// </summary>
    public async Task<IReadOnlyList<(string CountKey, IReadOnlyDictionary<string, int> Counts)>> ReadWorklistTallyAsync(string partition, CancellationToken cancellationToken)
    {
        if (await _tally.ReadAsync(partition, cancellationToken) is { } counts)
        {
            return counts;
        }

        await _tally.CompleteAsync(partition, cancellationToken);
        return await _tally.ReadAsync(partition, cancellationToken) ?? throw new InvalidOperationException($"The counts of {partition} are not complete.");
    }

    /// <summary>Terminates a running case: its worklist rows go, it takes no more events.</summary>
    public async Task<InstanceStatus?> TerminateAsync(string instanceId, string reason, string source, CancellationToken cancellationToken)
    {
        if (await GetStatusAsync(instanceId, cancellationToken) is not { } status)
        {
            return null;
        }

        if (!status.RuntimeStatus.IsFinal())
        {
            // Let a projection write in flight land first, so it cannot bring rows back after they are removed.
            await WaitForAsync(instanceId, s => s.Pending == 0, TimeSpan.FromSeconds(10), cancellationToken);
            await _client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(new { reason }), cancellationToken);
            status = await WaitForAsync(instanceId, s => s.RuntimeStatus == RuntimeStatus.Terminated, TimeSpan.FromSeconds(30), cancellationToken) ?? status;
            await RemoveIndexAsync(instanceId, status, cancellationToken);
            await _history.AppendAsync(instanceId, [new HistoryEvent(status.Sequence + 1, _clock.Now, "terminated", null, source, DomainJson.ToElement(new { reason }))], cancellationToken);
        }

        return await GetStatusAsync(instanceId, cancellationToken);
    }

    /// <summary>Suspends the orchestration itself (an operator's pause; events wait until it resumes).</summary>
    public Task SuspendAsync(string instanceId, string reason, CancellationToken cancellationToken) =>
        _client.SuspendInstanceAsync(instanceId, reason, cancellationToken);

    public Task ResumeAsync(string instanceId, string reason, CancellationToken cancellationToken) =>
        _client.ResumeInstanceAsync(instanceId, reason, cancellationToken);

    /// <summary>
    /// Resumes a Failed case from its last committed state: the events that met the fault are applied again
    /// first. Null when there is no such case; the status unchanged when it was not Failed.
    /// </summary>
    public async Task<InstanceStatus?> RetryAsync(string instanceId, string source, CancellationToken cancellationToken)
    {
        var metadata = await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || metadata.RuntimeStatus != OrchestrationRuntimeStatus.Failed || ReadCarry(metadata) is not { } carry)
        {
            return metadata is null ? null : ToStatus(metadata);
        }

        var (next, effects) = CaseTransition.Note(instanceId, carry with { Lifecycle = carry.Lifecycle == CaseLifecycle.Failed ? CaseLifecycle.Running : carry.Lifecycle, FailureReason = null },
            _clock.Now, "retried", source, null);
        next = next with { Outbox = effects, Pending = 0 };
        await _client.ScheduleNewOrchestrationInstanceAsync(metadata.Name, next, new Microsoft.DurableTask.StartOrchestrationOptions(instanceId), cancellationToken);
        _logger.Retried(instanceId);
        return await WaitForAsync(instanceId, s => s.RuntimeStatus is not (RuntimeStatus.Failed or RuntimeStatus.Pending), TimeSpan.FromSeconds(30), cancellationToken)
            ?? await GetStatusAsync(instanceId, cancellationToken);
    }

    /// <summary>
    /// Deletes everything of a case (ARCHITECTURE §5.9): it is terminated first if running, then its index rows,
    /// history lines and the task hub's instance and history go; the purge itself is recorded without personal
    /// data. False when nothing existed.
    /// </summary>
    /// <param name="fromItsOwnActivity">Called by an activity of this very case (the retention purge): that activity is in flight.</param>
    public async Task<bool> PurgeAsync(string instanceId, string reason, CancellationToken cancellationToken, bool fromItsOwnActivity = false)
    {
        CaseIds.Validate(instanceId);
        var status = await GetStatusAsync(instanceId, cancellationToken);
        if (status is not null && status.RuntimeStatus is RuntimeStatus.Pending or RuntimeStatus.Running or RuntimeStatus.Suspended)
        {
            // Let projection writes in flight land first, so none brings rows back after they are deleted.
            var inFlight = fromItsOwnActivity ? 1 : 0;
            await WaitForAsync(instanceId, s => s.Pending <= inFlight, TimeSpan.FromSeconds(10), cancellationToken);
            // Purging a running instance would delete it under its own feet; end it first.
            await _client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(new { reason = "purge" }), cancellationToken);
            status = await WaitForAsync(instanceId, s => s.RuntimeStatus.IsFinal() || s.RuntimeStatus == RuntimeStatus.Failed, TimeSpan.FromSeconds(60), cancellationToken)
                ?? throw new InvalidOperationException($"Case {instanceId} did not stop for its purge.");
        }

        if (status is not null)
        {
            await RemoveIndexAsync(instanceId, status, cancellationToken);
        }

        await _history.DeleteAsync(instanceId, cancellationToken);
        var purged = await _client.PurgeInstanceAsync(instanceId, options: null, cancellationToken);
        if (status is null && purged.PurgedInstanceCount == 0)
        {
            return false;
        }

        var now = _clock.Now;
        await _tables.Audit.UpsertEntityAsync(
            new Azure.Data.Tables.TableEntity($"purge|{now:yyyyMM}", $"{now.UtcTicks:D19}|{instanceId}")
            {
                ["InstanceId"] = instanceId,
                ["Type"] = status?.Type,
                ["Reason"] = reason,
                ["PurgedAt"] = now,
            },
            Azure.Data.Tables.TableUpdateMode.Replace,
            cancellationToken);
        _logger.Purged(instanceId);
        return true;
    }

    private async Task RemoveIndexAsync(string instanceId, InstanceStatus status, CancellationToken cancellationToken)
    {
        foreach (var key in status.IndexKeys)
        {
            await _index.DeleteAsync(key.Partition, key.Key, cancellationToken);
        }
    }

    /// <summary>
    /// Every message of this client to a case carries its sender and a running number, so the case applies them in
    /// the order sent even when the queue hands one back late (a host died holding it).
    /// </summary>
    private async Task SendAsync(string instanceId, CaseMessage message, CancellationToken cancellationToken)
    {
        var order = _orders.AddOrUpdate(instanceId, 1, (_, n) => n + 1);
        await _client.RaiseEventAsync(instanceId, CaseMessage.EventName, message with { Sender = _sender, Order = order }, cancellationToken);
    }

    /// <summary>
    /// The case, once its first episode ran: an event that reaches a case still Pending can be discarded by the
    /// Azure Storage backend while partitions move between hosts (its start still held by the old owner).
    /// </summary>
    private async Task<InstanceStatus?> ReadyAsync(string instanceId, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(instanceId, cancellationToken);
        if (status is { RuntimeStatus: RuntimeStatus.Pending })
        {
            status = await WaitForAsync(instanceId, s => s.RuntimeStatus != RuntimeStatus.Pending, TimeSpan.FromSeconds(30), cancellationToken) ?? status;
        }

        return status;
    }

    private static InstanceStatus? ToStatus(OrchestrationMetadata metadata)
    {
        if (ReadCarry(metadata) is not { } carry)
        {
            return null;
        }

        var status = metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Pending => RuntimeStatus.Pending,
            OrchestrationRuntimeStatus.Completed => RuntimeStatus.Completed,
            OrchestrationRuntimeStatus.Failed => RuntimeStatus.Failed,
            OrchestrationRuntimeStatus.Terminated => RuntimeStatus.Terminated,
            OrchestrationRuntimeStatus.Suspended => RuntimeStatus.Suspended,
            _ => carry.Lifecycle == CaseLifecycle.Suspended ? RuntimeStatus.Suspended : RuntimeStatus.Running,
        };
        var reason = status == RuntimeStatus.Failed ? metadata.FailureDetails?.ErrorMessage ?? carry.FailureReason ?? FailureFromOutput(metadata.SerializedOutput) : null;
        return ToStatus(metadata.InstanceId, status, carry, reason);
    }

    /// <summary>Some backends keep a failure only as the output: its message, or the "ErrorMessage" of a failure-details document.</summary>
    private static string? FailureFromOutput(string? output)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(output);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.String => document.RootElement.GetString(),
                JsonValueKind.Object when document.RootElement.TryGetProperty("ErrorMessage", out var message) => message.GetString(),
                JsonValueKind.Object when document.RootElement.TryGetProperty("errorMessage", out var message) => message.GetString(),
                _ => output,
            };
        }
        catch (JsonException)
        {
            return output;
        }
    }

    /// <summary>The last custom status, or the start input before the first episode wrote one.</summary>
    private static CaseCarry? ReadCarry(OrchestrationMetadata metadata)
    {
        var json = metadata.SerializedCustomStatus is { Length: > 2 } status ? status : metadata.SerializedInput;
        return string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<CaseCarry>(json, DomainJson.Options);
    }

    private static InstanceStatus ToStatus(string instanceId, RuntimeStatus status, CaseCarry carry, string? failureReason) => new(
        instanceId,
        carry.Type,
        status,
        carry.Public,
        carry.CreatedAt,
        carry.LastUpdatedAt,
        failureReason,
        carry.Output,
        carry.StartedVersion,
        carry.StateVersion,
        carry.Scope,
        carry.Sequence,
        carry.State,
        carry.Timers,
        carry.Applied,
        carry.Skew,
        carry.Pending)
    { IndexKeys = carry.IndexKeys, VirtualTime = carry.VirtualTime };
}
