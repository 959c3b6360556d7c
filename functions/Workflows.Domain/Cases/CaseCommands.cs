using Workflows.Domain.Plans;
using Workflows.Domain.Decisions;

namespace Workflows.Domain.Cases;

/// <summary>
/// What both kinds of case do alike: extension and suspension (RULES §3), notifications without
/// personal data, and publishing custom status and worklist rows after every transition.
/// </summary>
public static class CaseCommands
{
    /// <summary>Extension (ZGW verlenging, Awb 4:14(3)): recorded with its reason and who decided it.</summary>
    public static CaseSteps Extend(CaseSteps steps, string step, DateOnly date, string reason, string by, StepContext context)
    {
        context.Orchestration.Record("step-extended", new { step, date, reason, by });
        return steps.Extend(step, date, reason, by, context);
    }

    /// <summary>Suspension (ZGW opschorting): clocks stop, no reminders; the instance shows Suspended.</summary>
    public static CaseSteps Suspend(CaseSteps steps, string? reason, string by, StepContext context)
    {
        context.Orchestration.Record("suspended", new { reason, by });
        context.Orchestration.MarkSuspended();
        return steps.Suspend(context);
    }

    /// <summary>Resumption: open due dates move forward by the suspended time.</summary>
    public static CaseSteps Resume(CaseSteps steps, string by, StepContext context)
    {
        context.Orchestration.Record("resumed", new { by });
        context.Orchestration.MarkRunning();
        return steps.Resume(context);
    }

    /// <summary>Calls the notify activity; its id is stable per kind, step and due date so the mailer can dedupe.</summary>
    public static void Notify(
        DecisionContext context, NotificationKind kind, CaseKind caseKind, string municipality, string team, string? assignee,
        StepDefinition step, DateOnly due, IEnumerable<Role> to, string? keySuffix = null)
    {
        // Without an assignee, the team hears what the assignee would.
        var recipients = to.Select(r => r == Role.Assignee && assignee is null ? Role.Team : r).Distinct().ToList();
        var notification = new Notification(kind, caseKind, context.InstanceId, municipality, team, assignee, step.Key, step.Label, due, recipients);
        var key = $"{kind}.{step.Key}.{due:yyyyMMdd}{keySuffix}".ToLowerInvariant();
        // The mailer's result (recipients, template, provider message id) comes back into the case history.
        context.CallActivity(Notification.ActivityName, notification, key: key, notifyOnCompletion: true);
    }

    /// <summary>
    /// A step whose reminder (with its calendar item) went out and that is now voided or waiting again gets
    /// a cancellation, so the calendar entry disappears instead of lingering.
    /// </summary>
    public static void CancelCalendarItems(
        DecisionContext context, CaseKind caseKind, string municipality, string team, string? assignee, CaseSteps before, CaseSteps after)
    {
        foreach (var old in before.Steps.Where(s => s is { IsOpen: true, Reminded: true, Due: not null }))
        {
            if (after[old.Key].Status is StepStatus.Void or StepStatus.Waiting)
            {
                var step = after.Plan[old.Key];
                Notify(context, NotificationKind.Cancellation, caseKind, municipality, team, assignee, step, old.Due!.Value, [step.Responsible]);
            }
        }
    }

    /// <summary>Sets the custom status (phase and steps) and the worklist rows, plus any extra index rows.</summary>
    public static void Publish(
        DecisionContext context, CaseKind kind, string municipality, string team, string? assignee, CaseSteps steps, object phase,
        IEnumerable<IndexEntry>? extraRows = null)
    {
        var today = Calendar.DutchTime.Today(context.Now);
        context.SetCustomStatus(new
        {
            phase,
            suspended = steps.IsSuspended,
            steps = StepView.Of(steps, today).Select(s => new { s.Key, s.Due, s.Status }),
        });
        context.SetIndex(Worklist.Rows(kind, context.InstanceId, municipality, team, assignee, steps).Concat(extraRows ?? []));
    }
}
