using System.Text.Json;
using Azure;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Storage;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Applies one work message to its instance: load, decide (pure), commit atomically under the state
/// row's ETag, retrying on conflict. An event id already applied is not applied again; its recorded
/// outbox is returned so the caller re-sends it.
/// </summary>
internal sealed class TransitionExecutor(
    InstanceStore store,
    OrchestrationRegistry registry,
    TimeProvider clock,
    EngineOptions options,
    FaultInjector faults)
{
    /// <param name="knownAbsent">The caller just read that the instance does not exist (a start): the first attempt skips reading it again; if it appeared meanwhile, the commit's insert fails and the retry reads.</param>
    public async Task<TransitionOutcome> ApplyAsync(WorkMessage work, bool knownAbsent, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // First attempt: the state row only (one point read). An event applied before is caught by the
            // commit, whose insert of the event's dedupe row then fails; the retry reads that row.
            var loading = attempt == 1 && knownAbsent ? Task.FromResult<InstanceRecord?>(null) : store.GetAsync(work.InstanceId, cancellationToken);
            var checking = attempt > 1 ? store.AppliedOutboxAsync(work.InstanceId, work.EventId, cancellationToken) : Task.FromResult<IReadOnlyList<OutboxIntent>?>(null);
            await Task.WhenAll(loading, checking);
            var record = await loading;
            if (await checking is { } applied)
            {
                return new TransitionOutcome(TransitionOutcomeKind.Duplicate, applied, record);
            }

            IReadOnlyList<(string Key, ParkedMessage Message)> parked = [];
            if (work.Kind == WorkKind.Retry && record?.Status == RuntimeStatus.Failed)
            {
                parked = await store.ParkedAsync(work.InstanceId, cancellationToken);
            }

            var decision = Decide(work, record, parked);
            if (decision is null)
            {
                // Nothing to change, but this may be a redelivery of a message applied before whose
                // outbox was never sent (the process died after the commit): send it now.
                return await store.AppliedOutboxAsync(work.InstanceId, work.EventId, cancellationToken) is { } sent
                    ? new TransitionOutcome(TransitionOutcomeKind.Duplicate, sent, record)
                    : TransitionOutcome.Ignored(record);
            }

            faults.At(FaultPoint.BeforeCommit, work.InstanceId);
            try
            {
                await store.CommitAsync(decision, cancellationToken);
                var kind = decision.EventId is null ? TransitionOutcomeKind.Parked : TransitionOutcomeKind.Committed;
                return new TransitionOutcome(kind, decision.Outbox, decision.Record);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                if (attempt >= options.MaxConflictRetries)
                {
                    throw new ConflictExhaustedException(work.InstanceId);
                }

                // Jittered, growing pause so competing workers spread out.
                var pause = TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + (attempt * 10)));
                await Task.Delay(pause, TimeProvider.System, cancellationToken);
            }
        }
    }

    /// <summary>Marks the instance Failed and parks the poisoned message so a retry can replay it.</summary>
    public async Task<TransitionOutcome> FailAsync(WorkMessage work, string reason, string? poisonId, string? poisonReceipt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await store.GetAsync(work.InstanceId, cancellationToken);
            if (record is null && work.Kind != WorkKind.Start)
            {
                return TransitionOutcome.Ignored(null);
            }

            var now = clock.GetUtcNow();
            var sequence = (record?.Sequence ?? 0) + 1;
            var failed = (record ?? new InstanceRecord
            {
                InstanceId = work.InstanceId,
                Type = work.Type ?? "unknown",
                CreatedAt = now,
            }) with
            {
                Status = RuntimeStatus.Failed,
                FailureReason = reason,
                Sequence = sequence,
                LastUpdatedAt = now,
            };
            var commit = new TransitionCommit(
                failed,
                IsNew: record is null,
                EventId: null,
                Outbox: CatalogUpdate(failed, record),
                History: [new HistoryEvent(sequence, now, "failed", work.Name ?? work.Kind.ToString(), "engine", EngineJson.ToElement(new { reason }))],
                ParkAdd: [new ParkedMessage(work.EventId, work, poisonId, poisonReceipt)],
                ParkDelete: []);
            try
            {
                await store.CommitAsync(commit, cancellationToken);
                return new TransitionOutcome(TransitionOutcomeKind.Committed, commit.Outbox, failed);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < options.MaxConflictRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50)), TimeProvider.System, cancellationToken);
            }
        }
    }

    private TransitionCommit? Decide(WorkMessage work, InstanceRecord? record, IReadOnlyList<(string Key, ParkedMessage Message)> parked)
    {
        var now = clock.GetUtcNow();
        switch (work.Kind)
        {
            case WorkKind.Start:
            {
                if (record is { State: not null })
                {
                    return null; // Idempotent start: the instance exists.
                }

                var definition = registry.Definition(work.Type!);
                var context = NewContext(work.InstanceId, record, now, timers: new Dictionary<string, ArmedTimer>());
                var state = definition.Start(work.Payload ?? default, context);
                return Build(work, record, definition, context, state, now, "started", work.Type);
            }

            case WorkKind.Terminate:
            {
                if (record is null || record.Status.IsFinal())
                {
                    return null;
                }

                var context = NewContext(work.InstanceId, record, now, record.Timers);
                context.CancelAllTimers();
                return Build(work, record, null, context, record.State, now, "terminated", work.Name, RuntimeStatus.Terminated);
            }

            case WorkKind.Retry:
            {
                if (record?.Status != RuntimeStatus.Failed)
                {
                    return null;
                }

                var context = NewContext(work.InstanceId, record, now, record.Timers);
                var commit = Build(work, record, null, context, record.State, now, "retried", null, record.State is null ? RuntimeStatus.Pending : RuntimeStatus.Running);
                var replay = parked.SelectMany(p => Replay(p.Message)).ToList();
                return commit with
                {
                    Record = commit.Record with { FailureReason = null },
                    Outbox = [.. commit.Outbox, .. replay],
                    ParkDelete = [.. parked.Select(p => p.Key)],
                };
            }

            default:
            {
                if (record is null || record.Status.IsFinal())
                {
                    return null; // Unknown (purged, never started) or finished: nothing to change.
                }

                if (record.Status == RuntimeStatus.Failed || record.State is null)
                {
                    // Guarded by the state row's ETag so a concurrent retry cannot strand the message.
                    return new TransitionCommit(record, false, null, [], [], [new ParkedMessage(work.EventId, work, null, null)], []);
                }

                var timers = record.Timers.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
                var name = work.Name;
                var eventId = work.EventId;
                if (work.Kind == WorkKind.Timer)
                {
                    if (record.Wakeup?.Id != work.WakeupId)
                    {
                        return null; // Superseded (the earliest timer changed since) or already handled: changes nothing.
                    }

                    // The earliest timer fires; if another is due too, the next wake-up is due at once.
                    var due = timers.Where(t => t.Value.DueAt <= now).OrderBy(t => t.Value.DueAt).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
                    if (due.Count == 0)
                    {
                        // Only if the clock went back: arm a wake-up for the earliest timer again.
                        var rearm = NewContext(work.InstanceId, record, now, timers);
                        return Build(work, record, null, rearm, record.State, now, "wakeup-rearmed", null, timersAfterFiring: timers, wakeupConsumed: true);
                    }

                    var (firing, armed) = due[0];
                    timers.Remove(firing);
                    name = firing;
                    eventId = $"timer.{armed.Id}";
                }

                var definition = registry.Definition(record.Type);
                var context = NewContext(work.InstanceId, record, now, timers);
                var @event = new OrchestrationEvent(KindOf(work.Kind), name ?? string.Empty, eventId, work.Payload, work.Source ?? "unknown");
                var state = definition.Handle(record.State, @event, context);
                var what = work.Kind switch
                {
                    WorkKind.Timer => "timer",
                    WorkKind.ActivityCompleted => "activity-completed",
                    WorkKind.ActivityFailed => "activity-failed",
                    _ => "event",
                };
                return Build(work, record, definition, context, state, now, what, name, timersAfterFiring: timers, wakeupConsumed: work.Kind == WorkKind.Timer);
            }
        }
    }

    /// <summary>A retry re-enqueues a parked message and removes its copy from the poison queue.</summary>
    private static IEnumerable<OutboxIntent> Replay(ParkedMessage parked)
    {
        yield return new SendWorkIntent(parked.Message);
        if (parked.PoisonMessageId is not null && parked.PoisonPopReceipt is not null)
        {
            yield return new DeletePoisonIntent(parked.PoisonMessageId, parked.PoisonPopReceipt);
        }
    }

    private static EventKind KindOf(WorkKind kind) => kind switch
    {
        WorkKind.Timer => EventKind.Timer,
        WorkKind.ActivityCompleted => EventKind.ActivityCompleted,
        WorkKind.ActivityFailed => EventKind.ActivityFailed,
        _ => EventKind.External,
    };

    private static OrchestrationContext NewContext(string instanceId, InstanceRecord? record, DateTimeOffset now, IReadOnlyDictionary<string, ArmedTimer> timers)
    {
        var customStatus = record?.CustomStatus is { } json ? JsonDocument.Parse(json).RootElement.Clone() : (JsonElement?)null;
        return new OrchestrationContext(
            instanceId,
            now,
            (record?.Sequence ?? 0) + 1,
            record?.StateVersion ?? 0,
            timers.ToDictionary(t => t.Key, t => t.Value.DueAt, StringComparer.Ordinal),
            customStatus,
            record?.Scope ?? "default",
            record?.Status is RuntimeStatus.Suspended ? RuntimeStatus.Suspended : RuntimeStatus.Running);
    }

    private static TransitionCommit Build(
        WorkMessage work,
        InstanceRecord? record,
        IOrchestrationDefinition? definition,
        OrchestrationContext context,
        string? state,
        DateTimeOffset now,
        string what,
        string? name,
        RuntimeStatus? forcedStatus = null,
        IReadOnlyDictionary<string, ArmedTimer>? timersAfterFiring = null,
        bool wakeupConsumed = false)
    {
        var sequence = context.Sequence;
        var outbox = new List<OutboxIntent>();
        var timers = (timersAfterFiring ?? record?.Timers ?? new Dictionary<string, ArmedTimer>())
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

        foreach (var effect in context.Effects)
        {
            switch (effect)
            {
                case SetTimerEffect set:
                    timers[set.Name] = new ArmedTimer($"{set.Name}@{sequence}", set.DueAt);
                    break;
                case CancelTimerEffect cancel:
                    timers.Remove(cancel.Name);
                    break;
                case CallActivityEffect call:
                    outbox.Add(new SendActivityIntent(new ActivityMessage(work.InstanceId, call.ActivityId, call.Name, call.Input, call.NotifyOnCompletion)));
                    break;
                case RaiseEventEffect raise:
                    outbox.Add(new SendWorkIntent(new WorkMessage(WorkKind.Event, raise.TargetInstanceId, raise.EventId, raise.Name, raise.Payload, $"instance:{work.InstanceId}")));
                    break;
            }
        }

        var status = forcedStatus ?? context.RuntimeStatus;
        var wakeup = NextWakeup(work.InstanceId, wakeupConsumed ? null : record?.Wakeup, status.IsFinal() ? [] : timers, sequence, outbox);
        var heldBefore = record?.Index ?? [];
        var entries = status.IsFinal() ? [] : (context.IndexChanged ? context.Index : null);
        var heldAfter = heldBefore;
        if (entries is not null)
        {
            (heldAfter, var indexIntents) = DiffIndex(work.InstanceId, heldBefore, record?.IndexWritten ?? [], entries, sequence);
            outbox.AddRange(indexIntents);
        }

        var next = new InstanceRecord
        {
            InstanceId = work.InstanceId,
            Type = record?.Type ?? work.Type!,
            StartedVersion = record?.State is null ? definition?.Version ?? 0 : record.StartedVersion,
            StateVersion = definition?.Version ?? record?.StateVersion ?? 0,
            Status = status,
            Scope = context.Scope,
            Sequence = sequence,
            CreatedAt = record?.CreatedAt ?? now,
            LastUpdatedAt = now,
            FailureReason = status == RuntimeStatus.Failed ? context.FailureReason : null,
            Output = context.Output ?? record?.Output,
            CustomStatus = context.CustomStatus?.GetRawText(),
            State = state,
            Timers = timers,
            Wakeup = wakeup,
            Index = heldAfter,
            IndexWritten = record?.IndexWritten ?? [],
            ETag = record?.ETag ?? default,
        };
        var catalog = CatalogUpdate(next, record);
        outbox.AddRange(catalog);
        next = next with { IndexWritten = Union(next.IndexWritten, heldAfter, catalog.OfType<IndexPutIntent>().Select(c => new HeldIndexRow(c.Partition, c.Key, string.Empty))) };

        var history = new List<HistoryEvent>
        {
            new(sequence, now, what, name, work.Source, work.Kind is WorkKind.Event or WorkKind.ActivityFailed or WorkKind.Terminate ? work.Payload : null),
        };
        history.AddRange(context.Notes.Select(n => new HistoryEvent(sequence, now, n.What, null, work.Source, n.Detail)));
        if (record is not null && status != record.Status && what is not "terminated" and not "retried")
        {
            history.Add(new HistoryEvent(sequence, now, status.ToString().ToLowerInvariant(), null, "engine", context.FailureReason is null ? null : EngineJson.ToElement(new { reason = context.FailureReason })));
        }

        return new TransitionCommit(next, record is null, work.EventId, outbox, history, [], []);
    }

    /// <summary>
    /// Keeps exactly one wake-up in flight, due at the earliest armed timer: unchanged while that instant
    /// stays, otherwise the old one is withdrawn and a new one (id: this transition's sequence) is sent.
    /// One message per instance instead of one per timer keeps the timer queue small.
    /// </summary>
    private static ArmedTimer? NextWakeup(string instanceId, ArmedTimer? current, IReadOnlyDictionary<string, ArmedTimer> timers, long sequence, List<OutboxIntent> outbox)
    {
        DateTimeOffset? earliest = timers.Count == 0 ? null : timers.Values.Min(t => t.DueAt);
        if (current?.DueAt == earliest)
        {
            return current;
        }

        if (current is not null)
        {
            outbox.Add(new CancelWakeupIntent(instanceId, current.Id, current.DueAt));
        }

        if (earliest is not { } dueAt)
        {
            return null;
        }

        var next = new ArmedTimer(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), dueAt);
        outbox.Add(new ScheduleWakeupIntent(instanceId, next.Id, next.DueAt));
        return next;
    }

    private static (IReadOnlyList<HeldIndexRow> Held, IEnumerable<OutboxIntent> Intents) DiffIndex(
        string instanceId, IReadOnlyList<HeldIndexRow> before, IReadOnlyList<HeldIndexRow> written, IReadOnlyList<IndexEntry> entries, long version)
    {
        var after = entries.Select(e => (Entry: e, Held: new HeldIndexRow(e.Partition, e.Key, e.Fingerprint()))).ToList();
        var duplicate = after.GroupBy(a => (a.Held.Partition, a.Held.Key)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Index entry {duplicate.Key.Partition}/{duplicate.Key.Key} declared twice.");
        }

        var previous = before.ToDictionary(b => (b.Partition, b.Key));
        var everWritten = written.Concat(before).Select(w => (w.Partition, w.Key)).ToHashSet();
        var intents = new List<OutboxIntent>();
        foreach (var (entry, held) in after)
        {
            if (!previous.TryGetValue((held.Partition, held.Key), out var old) || old.Fingerprint != held.Fingerprint)
            {
                intents.Add(new IndexPutIntent(entry.Partition, entry.Key, instanceId, version, entry.Properties, New: !everWritten.Contains((held.Partition, held.Key))));
            }
        }

        var kept = after.Select(a => (a.Held.Partition, a.Held.Key)).ToHashSet();
        intents.AddRange(before.Where(b => !kept.Contains((b.Partition, b.Key))).Select(b => new IndexRemoveIntent(b.Partition, b.Key, instanceId, version)));
        return (after.Select(a => a.Held).ToList(), intents);
    }

    /// <summary>The catalog row (for listing instances by scope, type and status) changes only with the status.</summary>
    private static IReadOnlyList<OutboxIntent> CatalogUpdate(InstanceRecord next, InstanceRecord? before)
    {
        if (before is not null && before.Status == next.Status && before.Scope == next.Scope)
        {
            return [];
        }

        var properties = new Dictionary<string, string>
        {
            ["Type"] = next.Type,
            ["Status"] = next.Status.ToString(),
            ["CreatedAt"] = next.CreatedAt.ToString("O"),
        };
        var put = new IndexPutIntent(CatalogPartition(next.Scope), next.InstanceId, next.InstanceId, next.Sequence, properties, New: before is null || before.Scope != next.Scope);
        return before is not null && before.Scope != next.Scope
            ? [put, new IndexRemoveIntent(CatalogPartition(before.Scope), next.InstanceId, next.InstanceId, next.Sequence)]
            : [put];
    }

    internal static string CatalogPartition(string scope) => $"catalog|{scope}";

    private static IReadOnlyList<HeldIndexRow> Union(IReadOnlyList<HeldIndexRow> written, IReadOnlyList<HeldIndexRow> held, IEnumerable<HeldIndexRow> extra)
    {
        var all = new Dictionary<(string, string), HeldIndexRow>();
        foreach (var row in written.Concat(held).Concat(extra))
        {
            all[(row.Partition, row.Key)] = row with { Fingerprint = string.Empty };
        }

        return [.. all.Values];
    }
}
