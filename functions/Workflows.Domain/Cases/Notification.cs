using Workflows.Domain.Plans;

namespace Workflows.Domain.Cases;

/// <summary>Reminder (before due), escalation (overdue), or cancellation of a step whose reminder (and calendar item) went out.</summary>
public enum NotificationKind
{
    Reminder,
    Escalation,
    Cancellation,
}

/// <summary>
/// Input of the "notify" activity. Deliberately free of personal data (RULES §2 "Personal data"): a case
/// reference, the step, its due date, and who should hear (roles, and the assignee's staff id).
/// </summary>
public sealed record Notification(
    NotificationKind Kind,
    CaseKind CaseKind,
    string CaseId,
    string Municipality,
    string? Team,
    string? Assignee,
    string StepKey,
    string StepLabel,
    DateOnly Due,
    IReadOnlyList<Role> To)
{
    public const string ActivityName = "notify";
}
