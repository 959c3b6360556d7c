using Workflows.Domain.Calendar;
using Workflows.Domain.Cases;
using Workflows.Domain.Plans;
using Workflows.Domain.Decisions;

namespace Workflows.Domain.Trajectories;

/// <summary>
/// The aftercare trajectory (RULES §2): intake, the basic conditions relative to a release date that may
/// be unknown or move, release-day contact, follow-ups and closure. Pure: <c>(state, event, now) → (state, effects)</c>.
/// </summary>
public sealed class TrajectoryOrchestration(WorkingDayCalendar calendar) : CaseDefinition<TrajectoryIntake, TrajectoryState>
{
    public const string TypeName = "trajectory";

    public override string Type => TypeName;

    public override int Version => 1;

    protected override TrajectoryState Start(TrajectoryIntake input, DecisionContext context)
    {
        context.SetScope(input.Municipality);
        var steps = new StepContext(context, calendar);
        var state = new TrajectoryState
        {
            ExternalReference = input.ExternalReference,
            Municipality = input.Municipality,
            Team = input.Team,
            Coordinator = input.Coordinator,
            Person = input.Person,
            Institution = input.Institution,
            DetentionStart = input.DetentionStart,
            NotifiedOn = input.NotifiedOn,
            ExpectedReleaseDate = input.ExpectedReleaseDate,
            HighRisk = input.HighRisk,
            Phase = TrajectoryPhase.Detained,
            Conditions = TrajectoryPlan.Conditions.ToDictionary(c => c, _ => ConditionStatus.Unknown),
            Steps = CaseSteps.Create(input.Plan),
        };
        state = state with
        {
            Steps = state.Steps
                .Schedule(TrajectoryPlan.Intake, input.NotifiedOn, steps)
                .Schedule(TrajectoryPlan.Consent, input.NotifiedOn, steps),
        };
        return Publish(ScheduleRelease(state, steps), context);
    }

    protected override TrajectoryState Handle(TrajectoryState state, DecisionEvent @event, DecisionContext context)
    {
        var steps = new StepContext(context, calendar);
        var next = @event.Kind switch
        {
            EventKind.Timer => OnTimer(state, @event.Name, steps),
            EventKind.ActivityFailed => Noted(state, context, "notification-failed", @event.Payload),
            EventKind.ActivityCompleted => Noted(state, context, "notification-sent", @event.Payload),
            _ when state.Phase == TrajectoryPhase.Closed => Noted(state, context, "ignored-after-closure", new { @event.Name }),
            _ => OnEvent(state, @event.Name, @event.PayloadAs<TrajectoryEventPayload>() ?? new TrajectoryEventPayload(), @event.Source, steps),
        };
        CaseCommands.CancelCalendarItems(context, CaseKind.Trajectory, next.Municipality, next.Team, next.Coordinator, state.Steps, next.Steps);
        return Publish(next, context);
    }

    private static TrajectoryState Noted(TrajectoryState state, DecisionContext context, string what, object? detail)
    {
        context.Record(what, detail);
        return state;
    }

    private TrajectoryState OnEvent(TrajectoryState state, string name, TrajectoryEventPayload payload, string source, StepContext steps)
    {
        var context = steps.Orchestration;
        switch (name)
        {
            case TrajectoryEvents.IntakeCompleted:
                return state with { Consent = payload.Consent ?? state.Consent, Steps = state.Steps.CompleteBy(name, steps) };

            case TrajectoryEvents.ConditionUpdated:
            {
                var condition = payload.Condition!;
                var status = payload.Status ?? ConditionStatus.Unknown;
                context.Record("condition-updated", new { condition, status });
                state = state with { Conditions = new Dictionary<string, ConditionStatus>(state.Conditions) { [condition] = status } };
                switch (status)
                {
                    case ConditionStatus.Arranged or ConditionStatus.NotNeeded:
                        return state with { Steps = state.Steps.Complete(condition, steps) };
                    case ConditionStatus.Problem:
                        // RULES §2: "problem" escalates at once.
                        var step = state.Steps[condition];
                        Escalate(state, state.Steps.Plan[condition], step.Due ?? steps.Today, context, $".problem.{context.Sequence}");
                        return state;
                    default:
                        return state;
                }
            }

            case TrajectoryEvents.ReleaseDateChanged:
                if (state.Phase != TrajectoryPhase.Detained)
                {
                    return Noted(state, context, "ignored-after-release", new { name });
                }

                context.Record("release-date-changed", new { from = state.ExpectedReleaseDate, to = payload.Date });
                return ScheduleRelease(state with { ExpectedReleaseDate = payload.Date }, steps);

            case TrajectoryEvents.Released:
            {
                var released = payload.Date ?? steps.Today;
                context.Record("released", new { on = released, expected = state.ExpectedReleaseDate });
                return ScheduleRelease(state with { ActualReleaseDate = released, Phase = TrajectoryPhase.Released }, steps);
            }

            case TrajectoryEvents.FollowUpDone:
            {
                var nextFollowUp = TrajectoryPlan.FollowUps.Select(k => state.Steps[k]).FirstOrDefault(s => s.Status is StepStatus.Open or StepStatus.Waiting);
                if (nextFollowUp is null)
                {
                    return state;
                }

                state = state with { Steps = state.Steps.Complete(nextFollowUp.Key, steps) };
                // [D] closure after the last follow-up.
                return nextFollowUp.Key == TrajectoryPlan.FollowUp3 ? Close(state, ClosureReason.Completed, null, steps) : state;
            }

            case TrajectoryEvents.Closed:
                return Close(state, payload.Reason ?? ClosureReason.Other, payload.Note, steps);

            case TrajectoryEvents.Assigned:
                // Reminders and escalations from now on go to the new coordinator; the worklist shows them at once.
                context.Record("assigned", new { from = state.Coordinator, to = payload.Coordinator });
                return state with { Coordinator = payload.Coordinator ?? state.Coordinator };

            case TrajectoryEvents.StepExtended:
                return state with { Steps = CaseCommands.Extend(state.Steps, payload.Step!, payload.Date!.Value, payload.ExtensionReason ?? payload.Note ?? string.Empty, source, steps) };

            case TrajectoryEvents.Suspended:
                return state with { Steps = CaseCommands.Suspend(state.Steps, payload.Note, source, steps) };

            case TrajectoryEvents.Resumed:
                return state with { Steps = CaseCommands.Resume(state.Steps, source, steps) };

            default:
                return Noted(state, context, "unknown-event", new { name });
        }
    }

    /// <summary>
    /// Puts the release-anchored steps on the calendar. Unknown release: they wait and a check repeats every
    /// 4 weeks. Short stay (release within 10 working days of notification): intake at once, pre-release steps
    /// due at release. Released: everything counts from the actual date; pre-release steps not done are overdue
    /// at once and escalate.
    /// </summary>
    private TrajectoryState ScheduleRelease(TrajectoryState state, StepContext steps)
    {
        var plan = state.Steps;
        if (state.ReleaseAnchor is not { } release)
        {
            foreach (var key in TrajectoryPlan.PreRelease.Concat(TrajectoryPlan.PostRelease))
            {
                plan = plan.Unschedule(key, steps);
            }

            if (!plan[TrajectoryPlan.ConfirmReleaseDate].IsOpen)
            {
                plan = plan.Schedule(TrajectoryPlan.ConfirmReleaseDate, steps.Today, steps);
            }

            return state with { Steps = plan };
        }

        plan = plan.Unschedule(TrajectoryPlan.ConfirmReleaseDate, steps);
        var shortStay = state.Phase == TrajectoryPhase.Detained && release <= calendar.AddWorkingDays(state.NotifiedOn, 10);
        foreach (var key in TrajectoryPlan.PreRelease)
        {
            var due = plan.Plan[key].Due.From(release, calendar);
            plan = shortStay && due < release ? plan.ScheduleAt(key, Max(release, steps.Today), steps) : plan.Schedule(key, release, steps);
        }

        foreach (var key in TrajectoryPlan.PostRelease)
        {
            plan = plan.Schedule(key, release, steps);
        }

        if (shortStay)
        {
            plan = plan.ScheduleAt(TrajectoryPlan.Intake, steps.Today, steps).ScheduleAt(TrajectoryPlan.Consent, steps.Today, steps);
        }

        return state with { Steps = plan, ShortStay = state.ShortStay || shortStay };
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static TrajectoryState Close(TrajectoryState state, ClosureReason reason, string? note, StepContext steps)
    {
        steps.Orchestration.Record("closed", new { reason });
        var closed = state with
        {
            Phase = TrajectoryPhase.Closed,
            ClosureReason = reason,
            ClosureNote = note,
            ClosedAt = steps.Now,
            Steps = state.Steps.Resume(steps).VoidAllOpen(steps),
        };
        steps.Orchestration.Complete(new { reason });
        return closed;
    }

    private static TrajectoryState OnTimer(TrajectoryState state, string name, StepContext steps)
    {
        if (StepTimers.Parse(name) is not var (isReminder, key) || !state.Steps.Plan.Has(key) || state.Steps[key] is not { IsOpen: true, Due: { } due })
        {
            return state;
        }

        var context = steps.Orchestration;
        var definition = state.Steps.Plan[key];
        if (key == TrajectoryPlan.ConfirmReleaseDate)
        {
            if (!isReminder)
            {
                return state;
            }

            // The check repeats every 4 weeks while the release date is unknown.
            CaseCommands.Notify(context, NotificationKind.Reminder, CaseKind.Trajectory, state.Municipality, state.Team, state.Coordinator, definition, due, [definition.Responsible]);
            return state with { Steps = state.Steps.Schedule(key, due, steps) };
        }

        if (isReminder)
        {
            CaseCommands.Notify(context, NotificationKind.Reminder, CaseKind.Trajectory, state.Municipality, state.Team, state.Coordinator, definition, due, [definition.Responsible]);
            return state with { Steps = state.Steps.MarkReminded(key) };
        }

        Escalate(state, definition, due, context);
        return state with { Steps = state.Steps.MarkEscalated(key) };
    }

    /// <summary>Escalation to the team lead, and for a high-risk case also to the ZVH contact (RULES §2, §3).</summary>
    private static void Escalate(TrajectoryState state, StepDefinition definition, DateOnly due, DecisionContext context, string? keySuffix = null)
    {
        Role[] to = state.HighRisk ? [definition.EscalateTo ?? Role.TeamLead, Role.ZvhContact] : [definition.EscalateTo ?? Role.TeamLead];
        CaseCommands.Notify(context, NotificationKind.Escalation, CaseKind.Trajectory, state.Municipality, state.Team, state.Coordinator, definition, due, to, keySuffix);
    }

    private static TrajectoryState Publish(TrajectoryState state, DecisionContext context)
    {
        // A closed trajectory completes; the engine then drops its worklist rows.
        CaseCommands.Publish(context, CaseKind.Trajectory, state.Municipality, state.Team, state.Coordinator, state.Steps, new { state.Phase, state.ExpectedReleaseDate, state.ActualReleaseDate });
        return state;
    }
}
