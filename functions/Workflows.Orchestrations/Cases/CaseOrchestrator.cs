using System.Text.Json;
using Microsoft.DurableTask;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Telemetry;

namespace Workflows.Orchestrations.Cases;

/// <summary>
/// The one orchestrator every case kind runs on (ARCHITECTURE §4): the case is data (<see cref="CaseCarry"/>); the
/// loop waits for the next event or the earliest timer, applies the pure transition, carries out its effects, and
/// continues as new every so many transitions when nothing is pending. Small and generic, so code changes do not
/// break cases in flight.
/// </summary>
public sealed class CaseOrchestrator(ICaseDefinition definition, CaseRuntimeOptions options) : TaskOrchestrator<CaseCarry, string?>
{
    /// <summary>The orchestration name of a case kind: its definition type.</summary>
    public string Name => definition.Type;

    public override async Task<string?> RunAsync(TaskOrchestrationContext context, CaseCarry input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var loop = new Loop(context, definition, options, input);
        return await loop.RunAsync();
    }

    /// <summary>One generation of a case: state and pending work live here between awaits.</summary>
    private sealed class Loop(TaskOrchestrationContext context, ICaseDefinition definition, CaseRuntimeOptions options, CaseCarry carry) : IDisposable
    {
        private readonly Dictionary<Task, ActivityCall> _pending = [];
        private Task<CaseMessage>? _waiter;
        private Task? _timer;
        private DateTime _timerAt;
        private CancellationTokenSource? _timerCancel;
        private int _transitions;

        private string Id => context.InstanceId;

        private DateTimeOffset Now => new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) + carry.Skew;

        public async Task<string?> RunAsync()
        {
            // The start's effects were decided where the request was taken; carry them out once, here.
            if (carry.Outbox is { } outbox)
            {
                carry = carry with { Outbox = null };
                CarryOut(outbox);
            }

            // Events that met a fault, applied again after an operator's retry; those not yet applied stay parked.
            var parked = carry.Inbox.ToList();
            for (var i = 0; i < parked.Count; i++)
            {
                carry = carry with { Inbox = parked[(i + 1)..] };
                Receive(parked[i]);
            }

            Publish();
            while (true)
            {
                if (carry.IsFinal && _pending.Count == 0)
                {
                    CancelTimer();
                    return carry.Lifecycle == CaseLifecycle.Failed
                        ? throw new CaseFaultedException($"The {definition.Type} case failed: {carry.FailureReason}")
                        : carry.Output;
                }

                _waiter ??= context.WaitForExternalEvent<CaseMessage>(CaseMessage.EventName);
                ArmEarliestTimer();
                var winner = await Task.WhenAny([_waiter, .. _pending.Keys, .. _timer is null ? Array.Empty<Task>() : [_timer]]);
                if (winner == _waiter)
                {
                    var message = await _waiter;
                    _waiter = null;
                    Receive(message);
                }
                else if (winner == _timer)
                {
                    _timer = null;
                    ReleaseOverdue();
                    FireDueTimers();
                }
                else
                {
                    var call = _pending[winner];
                    _pending.Remove(winner);
                    await CompletedAsync(call, winner);
                }

                Publish();
                if (_transitions >= options.ContinueAsNewAfter && _pending.Count == 0 && !carry.IsFinal)
                {
                    // ContinueAsNew only when no event is pending: an event that completed the kept waiter would be
                    // dropped, and later ones reordered (ARCHITECTURE §4 pitfalls). Apply it first, continue later.
                    _waiter ??= context.WaitForExternalEvent<CaseMessage>(CaseMessage.EventName);
                    if (!_waiter.IsCompleted)
                    {
                        CancelTimer();
                        context.ContinueAsNew(carry with { Generation = carry.Generation + 1 }, preserveUnprocessedEvents: true);
                        return null;
                    }
                }
            }
        }

        private void Receive(CaseMessage message)
        {
            if (message.Sender is not { } sender || message.Order is not { } order)
            {
                Apply(message);
                return;
            }

            var last = carry.Senders.GetValueOrDefault(sender);
            if (order <= last)
            {
                return; // applied before (a redelivery)
            }

            if (order > last + 1)
            {
                // An earlier message of this sender is still on its way (redelivered after a host died): wait for it.
                carry = carry with { Held = [.. carry.Held, message with { HeldSince = context.CurrentUtcDateTime }] };
                return;
            }

            Apply(message);
            Sent(sender, order);
            while (carry.Held.FirstOrDefault(h => h.Sender == sender && h.Order == carry.Senders[sender] + 1) is { } next)
            {
                carry = carry with { Held = [.. carry.Held.Where(h => !ReferenceEquals(h, next))] };
                Apply(next);
                Sent(sender, next.Order!.Value);
            }
        }

        /// <summary>Held messages whose predecessor did not come within the hold time are applied in their order.</summary>
        private void ReleaseOverdue()
        {
            var due = context.CurrentUtcDateTime - options.OrderHoldTime;
            foreach (var sender in carry.Held.Where(h => h.HeldSince <= due).Select(h => h.Sender!).Distinct(StringComparer.Ordinal).ToList())
            {
                foreach (var held in carry.Held.Where(h => h.Sender == sender).OrderBy(h => h.Order).ToList())
                {
                    carry = carry with { Held = [.. carry.Held.Where(h => !ReferenceEquals(h, held))] };
                    if (held.Order > carry.Senders.GetValueOrDefault(sender))
                    {
                        Apply(held);
                        Sent(sender, held.Order!.Value);
                    }
                }
            }
        }

        private void Sent(string sender, long order)
        {
            var senders = carry.Senders.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
            senders[sender] = order;
            // Bounded: client processes come and go; a sender unheard of for long starts again at 1 only if new.
            while (senders.Count > 64)
            {
                senders.Remove(senders.MinBy(s => s.Value).Key);
            }

            carry = carry with { Senders = senders };
        }

        private void Apply(CaseMessage message)
        {
            if (message.Name == CaseMessage.ClockEvent)
            {
                MoveClock(message);
                return;
            }

            if (Transition(new DecisionEvent(EventKind.External, message.Name, message.Id, message.Payload, message.Source), message) && !context.IsReplaying)
            {
                CaseMetrics.EventApplied(definition.Type);
            }
        }

        /// <summary>Development only: the skew moves forward, recorded in history like any input (ARCHITECTURE §5.7).</summary>
        private void MoveClock(CaseMessage message)
        {
            if (!carry.VirtualTime || carry.Applied.Contains(message.Id, StringComparer.Ordinal)
                || message.Payload?.Deserialize<ClockMove>(DomainJson.Options) is not { } move || move.Skew <= carry.Skew)
            {
                return;
            }

            var (next, effects) = CaseTransition.Note(Id, carry with { Skew = move.Skew }, Now, "clock-moved", message.Source, new { skew = move.Skew }, message.Id);
            carry = next;
            CarryOut(effects);
            FireDueTimers();
        }

        private void FireDueTimers()
        {
            // Timers fire in due order; one that woke early (queue delays are whole seconds) waits again.
            while (!carry.IsFinal && carry.Timers.Where(t => t.Value <= Now).OrderBy(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).FirstOrDefault() is { Key: not null } due)
            {
                if (Transition(new DecisionEvent(EventKind.Timer, due.Key, $"timer.{due.Key}.{due.Value.UtcTicks}", null, "timer"), null) && !context.IsReplaying)
                {
                    CaseMetrics.TimerFired(definition.Type, Now - due.Value);
                }
            }
        }

        public void Dispose() => CancelTimer();

        private async Task CompletedAsync(ActivityCall call, Task task)
        {
            if (task.IsCompletedSuccessfully)
            {
                if (call.NotifyOnCompletion && call.Name != PublishCaseActivity.Name)
                {
                    var result = await (Task<JsonElement?>)task;
                    Transition(new DecisionEvent(EventKind.ActivityCompleted, call.Name, $"done.{call.ActivityId}", result, "activity"), null);
                }

                return;
            }

            if (call.Name == PublishCaseActivity.Name)
            {
                Unpublished(call);
            }

            // Retries are spent (ARCHITECTURE §5.4): the case records it, an admin hears of it, and the case carries on.
            var failure = task.Exception?.InnerException as TaskFailedException;
            var error = failure?.FailureDetails.ErrorType ?? task.Exception?.InnerException?.GetType().FullName ?? "unknown";
            var detail = DomainJson.ToElement(new { activity = call.Name, activityId = call.ActivityId, error });
            if (call.NotifyOnCompletion)
            {
                Transition(new DecisionEvent(EventKind.ActivityFailed, call.Name, $"failed.{call.ActivityId}", detail, "activity"), null);
            }
            else if (call.Name is not PublishCaseActivity.Name and not AdminAlert.ActivityName)
            {
                // (A failed history write is not answered with another history write: the alert says it.)
                var (next, effects) = CaseTransition.Note(Id, carry, Now, "activity-failed", "activity", detail);
                carry = next;
                CarryOut(effects);
            }

            if (call.Name != AdminAlert.ActivityName)
            {
                Schedule(new ActivityCall(AdminAlert.ActivityName, $"{call.ActivityId}.alert", Id,
                    DomainJson.ToElement(new AdminAlert(Id, definition.Type, call.Name, call.ActivityId, error)), false));
            }
        }

        /// <summary>
        /// A projection write that spent its retries: its rows are no longer known to be written, so the next
        /// transition that declares the index writes them all again and removes those it meant to remove.
        /// </summary>
        private void Unpublished(ActivityCall call)
        {
            var lost = call.Input.Deserialize<PublishCase>(DomainJson.Options)?.Remove ?? [];
            var held = carry.IndexKeys.Select(k => k with { Fingerprint = null }).ToList();
            var heldRows = held.Select(k => k.Row).ToHashSet();
            carry = carry with { IndexKeys = [.. held, .. lost.Where(k => !heldRows.Contains(k.Row)).Select(k => k with { Fingerprint = null })] };
        }

        /// <summary>Applies <paramref name="event"/>; false when the case had applied it before (its id is known).</summary>
        private bool Transition(DecisionEvent @event, CaseMessage? message)
        {
            (CaseCarry Carry, CaseEffects Effects)? result;
            try
            {
                result = CaseTransition.Apply(definition, Id, carry, @event, Now);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Failed with a reason free of personal data; the event is kept so the operator's retry applies it again.
                carry = carry with { Inbox = message is null ? carry.Inbox : [message, .. carry.Inbox] };
                context.SetCustomStatus(carry);
                throw new CaseFaultedException($"The {definition.Type} case could not apply {@event.Kind.ToString().ToLowerInvariant()} '{@event.Name}' at transition {carry.Sequence + 1} ({ex.GetType().Name}).");
            }

            if (result is not var (next, effects))
            {
                return false;
            }

            carry = next;
            _transitions++;
            CarryOut(effects);
            return true;
        }

        private PublishCase? _publish;

        /// <summary>Effects of one transition: activities and events now; the projection write batched per episode.</summary>
        private void CarryOut(CaseEffects effects)
        {
            foreach (var call in effects.Activities)
            {
                Schedule(call);
            }

            foreach (var outgoing in effects.Events)
            {
                // Through an activity that waits for the target's start (see SendCaseEventActivity), not SendEvent.
                Schedule(new ActivityCall(SendCaseEventActivity.Name, $"{Id}.event.{outgoing.Message.Id}", Id, DomainJson.ToElement(outgoing), false));
            }

            if (effects.Publish is { } publish)
            {
                _publish = _publish is null ? publish : _publish.Then(publish);
            }
        }

        /// <summary>One projection write per episode, with every transition's rows and lines (the last index state wins).</summary>
        private void Publish()
        {
            if (_publish is { } publish)
            {
                _publish = null;
                Schedule(new ActivityCall(PublishCaseActivity.Name, $"{Id}.publish.{publish.Sequence}", Id, DomainJson.ToElement(publish), false));
            }

            context.SetCustomStatus(carry with { Pending = _pending.Count });
        }

        private void Schedule(ActivityCall call)
        {
            var task = context.CallActivityAsync<JsonElement?>(call.Name, call, ActivityRetry.For(options));
            _pending[task] = call;
        }

        private void ArmEarliestTimer()
        {
            DateTime? release = carry.Held.Count == 0 ? null : carry.Held.Min(h => h.HeldSince!.Value) + options.OrderHoldTime;
            DateTime? timer = carry.IsFinal || carry.NextDue is not { } due ? null : (due - carry.Skew).UtcDateTime;
            if ((timer, release) is (null, null))
            {
                CancelTimer();
                return;
            }

            var fireAt = timer is { } t && (release is null || t <= release) ? t : release!.Value;
            if (_timer is not null && fireAt == _timerAt)
            {
                return; // the same earliest timer: keep it (one timer message, not one per event)
            }

            CancelTimer();
            _timerCancel = new CancellationTokenSource();
            _timerAt = fireAt;
            _timer = context.CreateTimer(fireAt, _timerCancel.Token);
        }

        private void CancelTimer()
        {
            _timerCancel?.Cancel();
            _timerCancel?.Dispose();
            _timerCancel = null;
            _timer = null;
        }
    }
}

/// <summary>Payload of <see cref="CaseMessage.ClockEvent"/>: business time minus real time from now on.</summary>
public sealed record ClockMove(TimeSpan Skew);
