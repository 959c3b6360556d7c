using System.Text.Json;
using Workflows.Domain.Decisions;

namespace Workflows.Orchestrations.Cases;

/// <summary>
/// One transition of a case, pure: <c>(carry, event, now) → (carry, effects)</c>. The orchestrator calls it for
/// every event, timer and activity result; the client calls <see cref="Start"/> where a request is taken, so the
/// case's first state exists from the moment the request is answered.
/// </summary>
public static class CaseTransition
{
    /// <summary>How many applied event ids a case keeps (a redelivery comes soon after the original).</summary>
    public const int AppliedLimit = 64;

    /// <summary>The first transition.</summary>
    public static (CaseCarry Carry, CaseEffects Effects) Start(
        ICaseDefinition definition, string instanceId, JsonElement input, DateTimeOffset now, TimeSpan skew, bool virtualTime, string source)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var context = new DecisionContext(instanceId, now, 1, 0, new Dictionary<string, DateTimeOffset>(), "", CaseLifecycle.Running);
        var state = definition.Start(input, context);
        var empty = new CaseCarry
        {
            Type = definition.Type,
            StartedVersion = definition.Version,
            CreatedAt = now,
            Skew = skew,
            VirtualTime = virtualTime,
        };
        return Build(definition, instanceId, empty, context, state, now, "started", definition.Type, source, null);
    }

    /// <summary>Applies one event; null when it changes nothing (applied before, or the case is final).</summary>
    public static (CaseCarry Carry, CaseEffects Effects)? Apply(
        ICaseDefinition definition, string instanceId, CaseCarry carry, DecisionEvent @event, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(carry);
        ArgumentNullException.ThrowIfNull(@event);
        if (carry.IsFinal || carry.State is null || carry.Applied.Contains(@event.EventId, StringComparer.Ordinal))
        {
            return null;
        }

        var timers = carry.Timers.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        if (@event.Kind == EventKind.Timer && !timers.Remove(@event.Name))
        {
            return null; // cancelled or re-armed since: a superseded timer changes nothing
        }

        var context = new DecisionContext(instanceId, now, carry.Sequence + 1, carry.StateVersion, timers, carry.Scope, carry.Lifecycle);
        var state = definition.Handle(carry.State, @event, context);
        var what = @event.Kind switch
        {
            EventKind.Timer => "timer",
            EventKind.ActivityCompleted => "activity-completed",
            EventKind.ActivityFailed => "activity-failed",
            _ => "event",
        };
        var detail = @event.Kind is EventKind.External or EventKind.ActivityFailed ? @event.Payload : null;
        return Build(definition, instanceId, carry, context, state, now, what, @event.Name, @event.Source, detail, @event.EventId);
    }

    /// <summary>A history line that is not a transition of the domain (clock moved, retried), with its sequence.</summary>
    public static (CaseCarry Carry, CaseEffects Effects) Note(string instanceId, CaseCarry carry, DateTimeOffset now, string what, string source, object? detail, string? eventId = null)
    {
        ArgumentNullException.ThrowIfNull(carry);
        var sequence = carry.Sequence + 1;
        var next = carry with
        {
            Sequence = sequence,
            LastUpdatedAt = now,
            Applied = eventId is null ? carry.Applied : Remember(carry.Applied, eventId),
        };
        var line = new HistoryEvent(sequence, now, what, null, source, detail is null ? null : DomainJson.ToElement(detail));
        return (next, new CaseEffects([], [], new PublishCase(instanceId, sequence, [], [], [line])));
    }

    private static (CaseCarry, CaseEffects) Build(
        ICaseDefinition definition, string instanceId, CaseCarry before, DecisionContext context, string state, DateTimeOffset now,
        string what, string? name, string source, JsonElement? detail, string? eventId = null)
    {
        var sequence = context.Sequence;
        var activities = new List<ActivityCall>();
        var events = new List<OutgoingEvent>();
        foreach (var command in context.Commands)
        {
            switch (command)
            {
                case CallActivityCommand call:
                    activities.Add(new ActivityCall(call.Name, call.ActivityId, instanceId, call.Input, call.NotifyOnCompletion) { DecidedAt = now });
                    break;
                case RaiseEventCommand raise:
                    events.Add(new OutgoingEvent(raise.TargetInstanceId, new CaseMessage(raise.EventId, raise.Name, raise.Payload, $"instance:{instanceId}")));
                    break;
            }
        }

        var final = context.Lifecycle is CaseLifecycle.Completed or CaseLifecycle.Failed;
        IReadOnlyList<IndexEntry> put = [];
        IReadOnlyList<IndexKey> remove = [];
        IReadOnlyList<IndexKey> fresh = [];
        var held = before.IndexKeys;
        if (final || context.IndexChanged)
        {
            // Only what changed is written: rows no longer declared go, rows new or with other columns are put.
            // A row declared twice counts once, as declared last.
            var wanted = (final ? [] : context.Index).Select(e => (Entry: e, Key: IndexKey.Of(e)))
                .GroupBy(w => w.Key.Row).Select(g => g.Last()).ToList();
            var heldNow = held.GroupBy(k => k.Row).ToDictionary(g => g.Key, g => g.Last().Fingerprint);
            var wantedRows = wanted.Select(w => w.Key.Row).ToHashSet();
            put = [.. wanted.Where(w => !heldNow.TryGetValue(w.Key.Row, out var was) || was != w.Key.Fingerprint).Select(w => w.Entry)];
            fresh = [.. wanted.Where(w => !heldNow.ContainsKey(w.Key.Row)).Select(w => w.Key)];
            remove = [.. held.Where(k => !wantedRows.Contains(k.Row))];
            held = [.. wanted.Select(w => w.Key)];
        }

        var history = new List<HistoryEvent> { new(sequence, now, what, name, source, detail) };
        history.AddRange(context.Notes.Select(n => new HistoryEvent(sequence, now, n.What, null, source, n.Detail)));
        if (before.State is not null && context.Lifecycle != before.Lifecycle)
        {
            history.Add(new HistoryEvent(sequence, now, context.Lifecycle.ToString().ToLowerInvariant(), null, "runtime",
                context.FailureReason is null ? null : DomainJson.ToElement(new { reason = context.FailureReason })));
        }

        var carry = before with
        {
            State = state,
            StateVersion = definition.Version,
            Sequence = sequence,
            Timers = final ? new Dictionary<string, DateTimeOffset>() : context.Timers.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
            Applied = eventId is null ? before.Applied : Remember(before.Applied, eventId),
            IndexKeys = held,
            Public = context.CustomStatus ?? before.Public,
            Scope = context.Scope,
            Lifecycle = context.Lifecycle,
            Output = context.Output ?? before.Output,
            FailureReason = context.Lifecycle == CaseLifecycle.Failed ? context.FailureReason : null,
            LastUpdatedAt = now,
        };
        return (carry, new CaseEffects(activities, events, new PublishCase(instanceId, sequence, put, remove, history) { Fresh = fresh }));
    }

    private static IReadOnlyList<string> Remember(IReadOnlyList<string> applied, string eventId) =>
        [.. applied.Skip(Math.Max(0, applied.Count - AppliedLimit + 1)), eventId];
}
