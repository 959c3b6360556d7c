using Workflows.Domain.Calendar;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;

namespace Workflows.Application.Notifications;

/// <summary>Start input of the digest schedule (nothing to say yet; a record so it can grow).</summary>
public sealed record DigestInput;

/// <summary>The schedule's state: the last working day whose digests were asked for.</summary>
public sealed record DigestState(DateOnly? LastDate);

/// <summary>Input of the "send-digests" activity: the working day the digests are for.</summary>
public sealed record DigestRun(DateOnly Date)
{
    public const string ActivityName = "send-digests";
}

/// <summary>
/// The daily digest schedule (RULES §3: "a daily digest (working days, 08:00) per person"): one long-lived
/// instance (<see cref="InstanceId"/>) whose durable timer fires at 08:00 Europe/Amsterdam on the next working
/// day and calls <see cref="DigestRun.ActivityName"/> for that day. After downtime the late firing sends
/// today's digest (if it is a working day and not sent yet) once, not one per missed day.
/// </summary>
public sealed class DigestOrchestration(WorkingDayCalendar calendar) : CaseDefinition<DigestInput, DigestState>
{
    public const string TypeName = "digest";
    public const string InstanceId = "digest-scheduler";
    public const string Timer = "next-digest";
    public const string Scope = "system";

    /// <summary>RULES §3: the digest goes out at 08:00 Dutch time.</summary>
    public static readonly TimeOnly At = new(8, 0);

    public override string Type => TypeName;

    public override int Version => 1;

    /// <summary>The first 08:00 on a working day strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        for (var day = DutchTime.Today(now); ; day = day.AddDays(1))
        {
            var at = DutchTime.AtLocal(day, At);
            if (at > now && calendar.IsWorkingDay(day))
            {
                return at;
            }
        }
    }

    protected override DigestState Start(DigestInput input, DecisionContext context)
    {
        context.SetScope(Scope);
        return Arm(new DigestState(null), context);
    }

    protected override DigestState Handle(DigestState state, DecisionEvent @event, DecisionContext context)
    {
        switch (@event.Kind)
        {
            case EventKind.Timer when @event.Name == Timer:
            {
                var today = DutchTime.Today(context.Now);
                if (calendar.IsWorkingDay(today) && context.Now >= DutchTime.AtLocal(today, At) && state.LastDate != today)
                {
                    context.CallActivity(DigestRun.ActivityName, new DigestRun(today), key: $"digest.{today:yyyyMMdd}", notifyOnCompletion: true);
                    state = state with { LastDate = today };
                }

                return Arm(state, context);
            }

            case EventKind.ActivityCompleted:
                context.Record("digests-sent", @event.Payload);
                return state;
            case EventKind.ActivityFailed:
                context.Record("digests-failed", @event.Payload);
                return state;
            default:
                return state;
        }
    }

    private DigestState Arm(DigestState state, DecisionContext context)
    {
        context.SetTimer(Timer, NextRun(context.Now, calendar));
        context.SetCustomStatus(new { next = context.Timers[Timer], lastDate = state.LastDate });
        return state;
    }
}
