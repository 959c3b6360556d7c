namespace Workflows.Domain.Plans;

/// <summary>
/// The timed steps of one case: its plan (a snapshot taken at start, so later configuration changes do not
/// touch running cases) and each step's state. Every change keeps the step's timers in step: a reminder
/// before the due date and an overdue timer after it, re-armed when the date moves, cancelled when done.
/// Shared by both orchestrations (ARCHITECTURE §5).
/// </summary>
public sealed record CaseSteps(StepPlan Plan, IReadOnlyList<StepState> Steps, DateTimeOffset? SuspendedAt = null)
{
    public static CaseSteps Create(StepPlan plan) => new(plan, [.. plan.Steps.Select(s => new StepState(s.Key, StepStatus.Waiting))]);

    public bool IsSuspended => SuspendedAt is not null;

    public StepState this[string key] => Steps.FirstOrDefault(s => s.Key == key) ?? throw new KeyNotFoundException($"No step '{key}'.");

    public IEnumerable<StepState> Open => Steps.Where(s => s.IsOpen);

    /// <summary>Opens (or re-dates) a step at its plan term from <paramref name="anchor"/>.</summary>
    public CaseSteps Schedule(string key, DateOnly anchor, StepContext context, bool urgent = false)
    {
        var definition = Plan[key];
        var term = urgent && definition.UrgentDue is { } shorter ? shorter : definition.Due;
        var due = term.From(anchor, context.Calendar);
        return ScheduleAt(key, due, context);
    }

    /// <summary>Opens (or re-dates) a step at an explicit date, e.g. "due at release" for a short stay.</summary>
    public CaseSteps ScheduleAt(string key, DateOnly due, StepContext context)
    {
        var step = this[key];
        if (step.Status is StepStatus.Done or StepStatus.Void)
        {
            return this;
        }

        var definition = Plan[key];
        if (definition.RollsToWorkingDay)
        {
            due = context.Calendar.NextWorkingDayOnOrAfter(due); // Atw art. 1
        }

        if (step.IsOpen && step.Due == due)
        {
            return this; // unchanged: keep its timers and what was already sent
        }

        var opened = step with { Status = StepStatus.Open, Due = due, Reminded = false, Escalated = false };
        return Replace(opened).Arm(opened, context);
    }

    /// <summary>The step waits for its anchor again (e.g. release date became unknown): no due date, no timers.</summary>
    public CaseSteps Unschedule(string key, StepContext context)
    {
        var step = this[key];
        if (step.Status != StepStatus.Open)
        {
            return this;
        }

        Disarm(key, context);
        return Replace(step with { Status = StepStatus.Waiting, Due = null });
    }

    public CaseSteps Complete(string key, StepContext context)
    {
        var step = this[key];
        if (step.Status is StepStatus.Done or StepStatus.Void)
        {
            return this;
        }

        Disarm(key, context);
        return Replace(step with { Status = StepStatus.Done, CompletedOn = context.Today });
    }

    /// <summary>Completes every open or waiting step that <paramref name="eventType"/> completes.</summary>
    public CaseSteps CompleteBy(string eventType, StepContext context) =>
        Plan.Steps.Where(d => d.CompletedBy.Contains(eventType)).Aggregate(this, (steps, d) => steps.Complete(d.Key, context));

    public CaseSteps Void(string key, StepContext context)
    {
        var step = this[key];
        if (step.Status is StepStatus.Done or StepStatus.Void)
        {
            return this;
        }

        Disarm(key, context);
        return Replace(step with { Status = StepStatus.Void });
    }

    /// <summary>Voids every step that is not done (case closed).</summary>
    public CaseSteps VoidAllOpen(StepContext context) =>
        Steps.Where(s => s.Status is StepStatus.Open or StepStatus.Waiting).Aggregate(this, (steps, s) => steps.Void(s.Key, context));

    /// <summary>
    /// Extension (ZGW verlenging, Awb 4:14(3)): a new due date with a reason and who decided it;
    /// reminders follow the new date.
    /// </summary>
    public CaseSteps Extend(string key, DateOnly newDue, string reason, string by, StepContext context)
    {
        var step = this[key];
        if (!step.IsOpen)
        {
            throw new InvalidOperationException($"Step '{key}' is not open.");
        }

        var extended = step with { Due = newDue, Reminded = false, Escalated = false, ExtensionReason = reason, ExtendedBy = by };
        return Replace(extended).Arm(extended, context);
    }

    /// <summary>Suspension (ZGW opschorting): clocks stop, no reminders go out.</summary>
    public CaseSteps Suspend(StepContext context)
    {
        if (IsSuspended)
        {
            return this;
        }

        foreach (var step in Open)
        {
            Disarm(step.Key, context);
        }

        return this with { SuspendedAt = context.Now };
    }

    /// <summary>Resumption: every open due date moves forward by the suspended time (whole days).</summary>
    public CaseSteps Resume(StepContext context)
    {
        if (SuspendedAt is not { } since)
        {
            return this;
        }

        var shift = context.Today.DayNumber - Calendar.DutchTime.Today(since).DayNumber;
        var resumed = this with { SuspendedAt = null };
        foreach (var step in Open.ToList())
        {
            var due = step.Due!.Value.AddDays(shift);
            if (Plan[step.Key].RollsToWorkingDay)
            {
                due = context.Calendar.NextWorkingDayOnOrAfter(due);
            }

            var moved = step with { Due = due, Reminded = false, Escalated = step.Escalated && shift == 0 };
            resumed = resumed.Replace(moved);
            resumed = resumed.Arm(moved, context);
        }

        return resumed;
    }

    public CaseSteps MarkReminded(string key) => Replace(this[key] with { Reminded = true });

    public CaseSteps MarkEscalated(string key) => Replace(this[key] with { Escalated = true });

    /// <summary>Re-arms the timers of every open step (e.g. after a plan migration).</summary>
    public CaseSteps ArmAll(StepContext context) => Open.Aggregate(this, (steps, s) => steps.Arm(s, context));

    private CaseSteps Arm(StepState step, StepContext context)
    {
        if (!step.IsOpen || step.Due is not { } due || IsSuspended)
        {
            return this;
        }

        var definition = Plan[step.Key];
        var overdueAt = StepTimers.EscalateAt(definition, due, context.Calendar);
        var remindAt = StepTimers.RemindAt(definition, due, context.Calendar);
        if (remindAt is { } at && !step.Reminded && at < overdueAt && context.Now < overdueAt)
        {
            // A reminder whose moment already passed (e.g. a step due tomorrow) goes out now.
            context.Orchestration.SetTimer(StepTimers.Remind(step.Key), at > context.Now ? at : context.Now);
        }
        else
        {
            context.Orchestration.CancelTimer(StepTimers.Remind(step.Key));
        }

        if (!step.Escalated)
        {
            context.Orchestration.SetTimer(StepTimers.Overdue(step.Key), overdueAt > context.Now ? overdueAt : context.Now);
        }

        return this;
    }

    private static void Disarm(string key, StepContext context)
    {
        context.Orchestration.CancelTimer(StepTimers.Remind(key));
        context.Orchestration.CancelTimer(StepTimers.Overdue(key));
    }

    private CaseSteps Replace(StepState step) =>
        this with { Steps = [.. Steps.Select(s => s.Key == step.Key ? step : s)] };
}
