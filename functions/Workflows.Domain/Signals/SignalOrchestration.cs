using System.Globalization;
using Workflows.Domain.Calendar;
using Workflows.Domain.Cases;
using Workflows.Domain.Plans;
using Workflows.Domain.Decisions;

namespace Workflows.Domain.Signals;

/// <summary>
/// The vroegsignalering case (RULES §1): receipt, triage and household merge, urgency, contact attempts,
/// help offered/accepted/declined, first conversation, decision term, reach-out closure, corporation
/// updates, outcome, and the retention purge. Pure: <c>(state, event, now) → (state, effects)</c>.
/// </summary>
public sealed class SignalOrchestration(WorkingDayCalendar calendar) : CaseDefinition<SignalIntake, SignalState>
{
    public const string TypeName = "signal";
    public const string RetentionTimer = "retention";

    public override string Type => TypeName;

    public override int Version => 1;

    protected override SignalState Start(SignalIntake input, DecisionContext context)
    {
        context.SetScope(input.Municipality);
        var steps = new StepContext(context, calendar);
        var today = steps.Today;
        var state = new SignalState
        {
            CorporationId = input.CorporationId,
            ExternalReference = input.ExternalReference,
            Municipality = input.Municipality,
            Team = input.Team,
            ReceivedAt = context.Now,
            ReceivedOn = today,
            Tenants = input.Tenants,
            Address = input.Address,
            Arrears = input.Arrears,
            Stage = input.Stage,
            EvictionDate = input.EvictionDate,
            Urgent = input.IsUrgent,
            UrgentSince = input.IsUrgent ? today : null,
            Phase = SignalPhase.Received,
            Retention = input.Retention,
            Steps = CaseSteps.Create(input.Plan),
        };

        if (input.MergeInto is { } target)
        {
            // One household, one plan: the open case takes this signal in; this one only keeps the corporation's reference.
            context.RaiseEvent(target, SignalEvents.Absorbed, new SignalEventPayload
            {
                Signal = new AbsorbedSignal(context.InstanceId, input.CorporationId, input.ExternalReference, today, input.Arrears, input.Stage, input.EvictionDate),
            });
            context.Record("merged", new { into = target });
            state = state with { Phase = SignalPhase.Merged, MergedInto = target, Steps = state.Steps.VoidAllOpen(steps) };
            return Publish(state, context);
        }

        var plan = state.Steps
            .Schedule(SignalPlan.Triage, today, steps)
            .Schedule(SignalPlan.FirstContact, today, steps, urgent: state.Urgent)
            .Schedule(SignalPlan.HelpOffered, today, steps)
            .Schedule(SignalPlan.ReachOutClosure, today, steps);
        if (state.Urgent)
        {
            plan = plan.Schedule(SignalPlan.FirstConversation, today, steps);
        }

        return Publish(state with { Steps = plan }, context);
    }

    protected override SignalState Handle(SignalState state, DecisionEvent @event, DecisionContext context)
    {
        var steps = new StepContext(context, calendar);
        var next = @event.Kind switch
        {
            EventKind.Timer => OnTimer(state, @event.Name, steps),
            EventKind.ActivityFailed => Noted(state, context, "notification-failed", @event.Payload),
            EventKind.ActivityCompleted => Noted(state, context, "notification-sent", @event.Payload),
            _ when state.Phase is SignalPhase.Closed or SignalPhase.Merged => Noted(state, context, "ignored-after-closure", new { @event.Name }),
            _ => OnEvent(state, @event.Name, @event.PayloadAs<SignalEventPayload>() ?? new SignalEventPayload(), @event.Source, steps),
        };
        CaseCommands.CancelCalendarItems(context, CaseKind.Signal, next.Municipality, next.Team, next.Assignee, state.Steps, next.Steps);
        return Publish(next, context);
    }

    private static SignalState Noted(SignalState state, DecisionContext context, string what, object? detail)
    {
        context.Record(what, detail);
        return state;
    }

    private static SignalState OnEvent(SignalState state, string name, SignalEventPayload payload, string source, StepContext steps)
    {
        var today = steps.Today;
        switch (name)
        {
            case SignalEvents.Triaged:
                return state with { Assignee = payload.Assignee ?? state.Assignee, Steps = state.Steps.CompleteBy(name, steps) };

            case SignalEvents.ContactAttempted:
            {
                var attempt = new ContactAttempt(payload.Date ?? today, payload.Channel ?? ContactChannel.Other, payload.Reached ?? false);
                state = state with { Attempts = [.. state.Attempts, attempt], Steps = state.Steps.CompleteBy(name, steps) };
                if (attempt.Reached)
                {
                    return Reached(state, steps);
                }

                // Reach-out closure [D]: not reached after 3 attempts of which one home visit.
                var unreached = state.Attempts.Count(a => !a.Reached);
                return state.Phase == SignalPhase.Received && unreached >= 3 && state.Attempts.Any(a => a.Channel == ContactChannel.HomeVisit)
                    ? Close(state, SignalOutcome.NotReached, steps)
                    : state;
            }

            case SignalEvents.HelpOffered:
                return state with { HelpOffered = true, Steps = state.Steps.CompleteBy(name, steps) };

            case SignalEvents.HelpAccepted:
            {
                state = Reached(state with { HelpOffered = true, HelpAcceptedOn = today, Steps = state.Steps.CompleteBy(name, steps) }, steps) with { Phase = SignalPhase.HelpAccepted };
                // Wgs art. 4(1): first conversation within 4 weeks of the request; if it was held already, the decision term runs.
                return state with
                {
                    Steps = state.FirstConversationOn is null
                        ? state.Steps.Schedule(SignalPlan.ConversationAfterAcceptance, today, steps)
                        : state.Steps.Schedule(SignalPlan.Decision, today, steps),
                };
            }

            case SignalEvents.HelpDeclined:
                return Close(state with { HelpOffered = true, HelpDeclined = true, Steps = state.Steps.CompleteBy(name, steps) }, SignalOutcome.HelpDeclined, steps);

            case SignalEvents.FirstConversationHeld:
            {
                state = Reached(state with { FirstConversationOn = state.FirstConversationOn ?? today, Steps = state.Steps.CompleteBy(name, steps) }, steps);
                return state.HelpAcceptedOn is not null && state[SignalPlan.Decision].Status == StepStatus.Waiting
                    ? state with { Steps = state.Steps.Schedule(SignalPlan.Decision, today, steps) }
                    : state;
            }

            case SignalEvents.DecisionMade:
                return state with { DecisionOn = today, Steps = state.Steps.CompleteBy(name, steps) };

            case SignalEvents.Closed:
                return Close(state, payload.Outcome ?? SignalOutcome.Other, steps);

            case SignalEvents.StepExtended:
                return state with { Steps = CaseCommands.Extend(state.Steps, payload.Step!, payload.Date!.Value, payload.Reason!, source, steps) };

            case SignalEvents.Suspended:
                return state with { Steps = CaseCommands.Suspend(state.Steps, payload.Reason, source, steps) };

            case SignalEvents.Resumed:
                return state with { Steps = CaseCommands.Resume(state.Steps, source, steps) };

            case SignalEvents.ArrearsResolved:
                state = Updated(state, name, payload, today);
                // Paid: close, unless help was accepted (the help continues).
                return state.HelpAcceptedOn is null ? Close(state, SignalOutcome.ResolvedByPayment, steps) : state;

            case SignalEvents.PaymentPlanAgreed:
                state = Updated(state, name, payload, today);
                return state.Phase == SignalPhase.Received ? Close(state, SignalOutcome.PaymentPlan, steps) : state;

            case SignalEvents.EvictionScheduled:
                state = Updated(state, name, payload, today) with { Stage = EvictionStage.EvictionScheduled, EvictionDate = payload.EvictionDate ?? state.EvictionDate };
                return MakeUrgent(state, steps);

            case SignalEvents.ArrearsChanged:
                return Updated(state, name, payload, today) with { Arrears = payload.Arrears ?? state.Arrears };

            case SignalEvents.Withdrawn:
                return Close(Updated(state, name, payload, today), SignalOutcome.Withdrawn, steps);

            case SignalEvents.Absorbed when payload.Signal is { } absorbed:
            {
                steps.Orchestration.Record("absorbed", new { signal = absorbed.SignalId, corporation = absorbed.CorporationId });
                state = state with { Absorbed = [.. state.Absorbed, absorbed] };
                var urgent = absorbed.Stage is EvictionStage.Judgment or EvictionStage.EvictionScheduled || absorbed.EvictionDate is not null;
                return urgent ? MakeUrgent(state with { EvictionDate = absorbed.EvictionDate ?? state.EvictionDate }, steps) : state;
            }

            default:
                steps.Orchestration.Record("unknown-event", new { name });
                return state;
        }
    }

    private static SignalState Updated(SignalState state, string type, SignalEventPayload payload, DateOnly today) =>
        state with { Updates = [.. state.Updates, new CorporationUpdate(type, today, payload.EvictionDate, payload.Arrears, payload.Note)] };

    /// <summary>The person was reached: in contact, and the reach-out closure no longer applies.</summary>
    private static SignalState Reached(SignalState state, StepContext steps) => state with
    {
        Phase = state.Phase == SignalPhase.Received ? SignalPhase.InContact : state.Phase,
        Steps = state.Steps.Complete(SignalPlan.ReachOutClosure, steps),
    };

    /// <summary>
    /// Wgs art. 4(2) via RULES §1: an update that sets an eviction date makes an open case urgent and
    /// reschedules its open steps from that update.
    /// </summary>
    private static SignalState MakeUrgent(SignalState state, StepContext steps)
    {
        if (state.Urgent)
        {
            return state;
        }

        var today = steps.Today;
        var plan = state.Steps;
        if (plan[SignalPlan.FirstContact] is { IsOpen: true, Due: { } due })
        {
            var urgentDue = plan.Plan[SignalPlan.FirstContact].UrgentDue!.From(today, steps.Calendar);
            if (urgentDue < due)
            {
                plan = plan.Schedule(SignalPlan.FirstContact, today, steps, urgent: true);
            }
        }

        if (state.FirstConversationOn is null)
        {
            plan = plan.Schedule(SignalPlan.FirstConversation, today, steps);
        }

        steps.Orchestration.Record("urgent", new { since = today });
        return state with { Urgent = true, UrgentSince = today, Steps = plan };
    }

    private static SignalState Close(SignalState state, SignalOutcome outcome, StepContext steps)
    {
        if (state.Phase == SignalPhase.Closed)
        {
            return state;
        }

        var context = steps.Orchestration;
        var months = state.HelpAcceptedOn is null ? state.Retention.MonthsWithoutHelp : state.Retention.MonthsWithHelp;
        var purgeAt = context.Now.AddMonths(months);
        context.SetTimer(RetentionTimer, purgeAt);
        context.MarkRunning();
        context.Record("closed", new { outcome });
        return state with
        {
            Phase = SignalPhase.Closed,
            Outcome = outcome,
            ClosedAt = context.Now,
            PurgeAt = purgeAt,
            Steps = state.Steps.Resume(steps).VoidAllOpen(steps),
        };
    }

    private static SignalState OnTimer(SignalState state, string name, StepContext steps)
    {
        var context = steps.Orchestration;
        if (name == RetentionTimer)
        {
            context.CallActivity(PurgeRequest.ActivityName, new PurgeRequest(
                CaseKind.Signal,
                [context.InstanceId, .. state.Absorbed.Select(a => a.SignalId)],
                state.ReceivedOn.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                state.Municipality,
                state.CorporationId,
                state.Urgent,
                state.Outcome?.ToString() ?? "none"), key: "retention-purge");
            return state;
        }

        if (StepTimers.Parse(name) is not var (isReminder, key) || !state.Steps.Plan.Has(key) || state.Steps[key] is not { IsOpen: true, Due: { } due } step)
        {
            return state;
        }

        var definition = state.Steps.Plan[key];
        if (isReminder)
        {
            Notify(state, NotificationKind.Reminder, definition, due, [definition.Responsible], context);
            return state with { Steps = state.Steps.MarkReminded(key) };
        }

        state = state with { Steps = state.Steps.MarkEscalated(key) };
        if (definition.EscalateTo is { } to)
        {
            Notify(state, NotificationKind.Escalation, definition, due, [to], context);
        }

        // Reach-out closure [D]: not reached 30 days after receipt closes the case as "not reached".
        return key == SignalPlan.ReachOutClosure && state.Phase == SignalPhase.Received
            ? Close(state, SignalOutcome.NotReached, steps)
            : state;
    }

    private static void Notify(SignalState state, NotificationKind kind, StepDefinition step, DateOnly due, IReadOnlyList<Role> to, DecisionContext context) =>
        CaseCommands.Notify(context, kind, CaseKind.Signal, state.Municipality, state.Team, state.Assignee, step, due, to);

    private static SignalState Publish(SignalState state, DecisionContext context)
    {
        // An open case is found by its household (merge of later signals).
        IndexEntry[] household = state.Phase is SignalPhase.Received or SignalPhase.InContact or SignalPhase.HelpAccepted
            ? [new IndexEntry(Household.Partition(state.Municipality), $"{Household.Key(state.Address)}|{context.InstanceId}", new Dictionary<string, string> { ["CaseId"] = context.InstanceId })]
            : [];
        // The corporation's list of its signals, until the purge.
        CaseCommands.Publish(context, CaseKind.Signal, state.Municipality, state.Team, state.Assignee, state.Steps, new { state.Phase, state.Urgent },
            [.. household, CorporationSignals.Row(context.InstanceId, state)]);
        return state;
    }
}
