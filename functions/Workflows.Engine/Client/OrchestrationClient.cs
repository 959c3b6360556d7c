using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Runtime;
using Workflows.Engine.Storage;

namespace Workflows.Engine.Client;

/// <summary>
/// Start, raise, query, terminate, retry and purge instances. Calls that change an instance first put
/// their message on the work queue (invisible for a while), then apply it inline and delete it: the
/// caller gets the new state at once, and if this process dies midway the queue finishes the job.
/// </summary>
public sealed class OrchestrationClient
{
    private readonly EngineStorage _storage;
    private readonly InstanceStore _store;
    private readonly IndexStore _index;
    private readonly WorkItemProcessor _processor;
    private readonly ITimerScheduler _timers;
    private readonly OrchestrationRegistry _registry;
    private readonly EngineOptions _options;
    private readonly TimeProvider _clock;
    private readonly Wakeup _workWakeup;
    private readonly ILogger _logger;
    private readonly RecoveryBatcher _recovery;

    internal OrchestrationClient(
        EngineStorage storage, InstanceStore store, IndexStore index, WorkItemProcessor processor, ITimerScheduler timers,
        OrchestrationRegistry registry, EngineOptions options, TimeProvider clock, Wakeup workWakeup, ILogger logger)
    {
        _storage = storage;
        _store = store;
        _index = index;
        _processor = processor;
        _timers = timers;
        _registry = registry;
        _options = options;
        _clock = clock;
        _workWakeup = workWakeup;
        _logger = logger;
        _recovery = new RecoveryBatcher(storage.Work, options);
    }

    /// <summary>Starts an instance, idempotent on <paramref name="instanceId"/> (a caller-given key).</summary>
    public Task<StartResult> StartAsync(string type, string instanceId, object input, string source, CancellationToken cancellationToken) =>
        StartAsync(type, instanceId, input, source, knownAbsent: false, cancellationToken);

    /// <param name="knownAbsent">The caller has just found no such instance (<see cref="GetStatusAsync"/> answered null), so it is not read again; should it exist after all, the start is still applied once.</param>
    public async Task<StartResult> StartAsync(string type, string instanceId, object input, string source, bool knownAbsent, CancellationToken cancellationToken)
    {
        var work = StartMessage(type, instanceId, input, source);
        var existing = knownAbsent ? null : await _store.GetAsync(instanceId, cancellationToken);
        if (existing is { State: not null })
        {
            return new StartResult(ToStatus(existing), Created: false);
        }

        var outcome = await InlineAsync(work, knownAbsent: existing is null, cancellationToken);
        var record = outcome.Record ?? await _store.GetAsync(instanceId, cancellationToken)
            ?? throw new InvalidOperationException($"Instance {instanceId} did not start.");
        return new StartResult(ToStatus(record), outcome.Kind == TransitionOutcomeKind.Committed);
    }

    /// <summary>Queues a start without waiting for it (bulk intake); the work loop applies it.</summary>
    public async Task EnqueueStartAsync(string type, string instanceId, object input, string source, CancellationToken cancellationToken)
    {
        await SendAsync(StartMessage(type, instanceId, input, source), TimeSpan.Zero, cancellationToken);
        _workWakeup.Now();
    }

    /// <summary>Applies an event now and returns the instance after it; null when there is no such instance.</summary>
    /// <param name="eventId">A caller-given id makes a retried call harmless; omitted, a new id is made.</param>
    public async Task<InstanceStatus?> RaiseEventAsync(
        string instanceId, string name, object? payload, string source, string? eventId, CancellationToken cancellationToken)
    {
        Keys.ValidateInstanceId(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var work = new WorkMessage(WorkKind.Event, instanceId, eventId ?? NewEventId(), name, payload is null ? null : EngineJson.ToElement(payload), source);
        var outcome = await InlineAsync(work, cancellationToken);
        return outcome.Kind == TransitionOutcomeKind.Committed
            ? ToStatus(outcome.Record!)
            : await GetStatusAsync(instanceId, cancellationToken);
    }

    /// <summary>Queues an event without waiting (fire and forget, still durable).</summary>
    public async Task EnqueueEventAsync(string instanceId, string name, object? payload, string source, string? eventId, CancellationToken cancellationToken)
    {
        Keys.ValidateInstanceId(instanceId);
        var work = new WorkMessage(WorkKind.Event, instanceId, eventId ?? NewEventId(), name, payload is null ? null : EngineJson.ToElement(payload), source);
        await SendAsync(work, TimeSpan.Zero, cancellationToken);
        _workWakeup.Now();
    }

    /// <summary>
    /// Whether the event with this caller-given id was applied to the instance (one point read), so a caller
    /// replaying a request can answer as the first time instead of judging it against the state it caused.
    /// </summary>
    public async Task<bool> WasAppliedAsync(string instanceId, string eventId, CancellationToken cancellationToken)
    {
        Keys.ValidateInstanceId(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        return await _store.AppliedOutboxAsync(instanceId, eventId, cancellationToken) is not null;
    }

    public async Task<InstanceStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken)
    {
        Keys.ValidateInstanceId(instanceId);
        return await _store.GetAsync(instanceId, cancellationToken) is { } record ? ToStatus(record) : null;
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        Keys.ValidateInstanceId(instanceId);
        return await _store.HistoryAsync(instanceId, cancellationToken);
    }

    /// <summary>Instances of one scope (a partition of the catalog), optionally of one type and status.</summary>
    public async Task<IReadOnlyList<InstanceSummary>> QueryInstancesAsync(string scope, string? type, RuntimeStatus? status, CancellationToken cancellationToken)
    {
        var equals = new Dictionary<string, string>();
        if (type is not null)
        {
            equals["Type"] = type;
        }

        if (status is not null)
        {
            equals["Status"] = status.Value.ToString();
        }

        var rows = await _index.QueryAsync(TransitionExecutor.CatalogPartition(scope), null, null, equals, null, cancellationToken);
        return [.. rows.Select(r => new InstanceSummary(
            r.InstanceId,
            r.Properties["Type"],
            Enum.Parse<RuntimeStatus>(r.Properties["Status"]),
            scope,
            DateTimeOffset.Parse(r.Properties["CreatedAt"], System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>Live rows of one index partition, ordered by key, optionally within [fromKey, toKey) and filtered on columns.</summary>
    public Task<IReadOnlyList<IndexRow>> QueryIndexAsync(
        string partition, string? fromKey, string? toKey, IReadOnlyDictionary<string, string>? equals, int? take, CancellationToken cancellationToken) =>
        _index.QueryAsync(partition, fromKey, toKey, equals, take, cancellationToken);

    /// <summary>Terminates a running instance: timers cancelled, index rows removed, no more events.</summary>
    public async Task<InstanceStatus?> TerminateAsync(string instanceId, string reason, string source, CancellationToken cancellationToken)
    {
        Keys.ValidateInstanceId(instanceId);
        var work = new WorkMessage(WorkKind.Terminate, instanceId, NewEventId(), reason, EngineJson.ToElement(new { reason }), source);
        await InlineAsync(work, cancellationToken);
        return await GetStatusAsync(instanceId, cancellationToken);
    }

    /// <summary>Resumes a Failed instance: its parked messages are re-queued and leave the poison queue.</summary>
    public async Task<InstanceStatus?> RetryAsync(string instanceId, string source, CancellationToken cancellationToken)
    {
        Keys.ValidateInstanceId(instanceId);
        var work = new WorkMessage(WorkKind.Retry, instanceId, NewEventId(), "retry", null, source);
        await InlineAsync(work, cancellationToken);
        return await GetStatusAsync(instanceId, cancellationToken);
    }

    /// <summary>
    /// Deletes every row and queued message of the instance (state, history, index rows, timers, parked
    /// and poisoned messages) and records the purge itself without personal data. False if nothing existed.
    /// </summary>
    public async Task<bool> PurgeAsync(string instanceId, string reason, CancellationToken cancellationToken)
    {
        Keys.ValidateInstanceId(instanceId);
        var record = await _store.GetAsync(instanceId, cancellationToken);
        var rows = await _store.AllRowsAsync(instanceId, cancellationToken);
        if (record is null && rows.Count == 0)
        {
            return false;
        }

        if (record?.Wakeup is { } wakeup)
        {
            await _timers.CancelAsync(new CancelWakeupIntent(instanceId, wakeup.Id, wakeup.DueAt), cancellationToken);
        }

        foreach (var row in rows)
        {
            if (row.RowKey.StartsWith(Keys.WakeupMessagePrefix, StringComparison.Ordinal))
            {
                await QueueTimerScheduler.DeleteQuietlyAsync(_storage.TimerQueue, row.GetString("MessageId"), row.GetString("PopReceipt"), cancellationToken);
            }
            else if (row.RowKey.StartsWith(Keys.ParkedPrefix, StringComparison.Ordinal) && row.GetString("PoisonMessageId") is { } poisonId)
            {
                await QueueTimerScheduler.DeleteQuietlyAsync(_storage.Poison, poisonId, row.GetString("PoisonPopReceipt"), cancellationToken);
            }
        }

        foreach (var held in (record?.IndexWritten ?? []).Concat(record?.Index ?? []).DistinctBy(h => (h.Partition, h.Key)))
        {
            await _index.DeleteAsync(held.Partition, held.Key, cancellationToken);
        }

        await _store.DeleteRowsAsync(await _store.AllRowsAsync(instanceId, cancellationToken), cancellationToken);

        var now = _clock.GetUtcNow();
        await _storage.Audit.UpsertEntityAsync(
            new TableEntity($"purge|{now:yyyyMM}", $"{now.UtcTicks:D19}|{instanceId}")
            {
                ["InstanceId"] = instanceId,
                ["Type"] = record?.Type,
                ["Reason"] = reason,
                ["PurgedAt"] = now,
            },
            TableUpdateMode.Replace,
            cancellationToken);
        _logger.Purged(instanceId);
        return true;
    }

    private WorkMessage StartMessage(string type, string instanceId, object input, string source)
    {
        Keys.ValidateInstanceId(instanceId);
        if (!_registry.HasDefinition(type))
        {
            throw new ArgumentException($"No orchestration of type '{type}'.", nameof(type));
        }

        return new WorkMessage(WorkKind.Start, instanceId, "start", type, EngineJson.ToElement(input), source, type);
    }

    private async Task<TransitionOutcome> InlineAsync(WorkMessage work, CancellationToken cancellationToken) =>
        await InlineAsync(work, knownAbsent: false, cancellationToken);

    private async Task<TransitionOutcome> InlineAsync(WorkMessage work, bool knownAbsent, CancellationToken cancellationToken)
    {
        // On the queue, invisible, while we work on it (shared with concurrent calls); if we die, it
        // reappears and a worker completes the transition.
        var recovery = await _recovery.JoinAsync(work, cancellationToken);
        TransitionOutcome outcome;
        try
        {
            outcome = await _processor.ProcessAsync(work, knownAbsent, cancellationToken);
        }
        catch
        {
            await recovery.LeaveAsync(succeeded: false, CancellationToken.None);
            throw;
        }

        await recovery.LeaveAsync(succeeded: true, cancellationToken);
        return outcome;
    }

    private async Task<Azure.Storage.Queues.Models.SendReceipt> SendAsync(WorkMessage work, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(work, EngineJson.Options);
        return (await _storage.Work.SendMessageAsync(body, visibility, TimeSpan.FromSeconds(-1), cancellationToken)).Value;
    }

    private static string NewEventId() => Guid.NewGuid().ToString("N");

    private static InstanceStatus ToStatus(InstanceRecord record) => new(
        record.InstanceId,
        record.Type,
        record.Status,
        record.CustomStatus is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null,
        record.CreatedAt,
        record.LastUpdatedAt,
        record.FailureReason,
        record.Output,
        record.StartedVersion,
        record.StateVersion,
        record.Scope,
        record.Sequence,
        record.State,
        record.Timers.ToDictionary(t => t.Key, t => t.Value.DueAt, StringComparer.Ordinal));
}
