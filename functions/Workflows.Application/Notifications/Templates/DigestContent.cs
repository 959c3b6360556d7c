using Workflows.Domain.Cases;

namespace Workflows.Application.Notifications.Templates;

/// <summary>One open step in a digest: case reference, kind, the step's Dutch label and its due date. Nothing else.</summary>
public sealed record DigestItem(CaseKind Kind, string CaseId, string StepLabel, DateOnly Due);

/// <summary>One person's digest for one working day.</summary>
/// <param name="TeamOverdue">For team leads: overdue steps of their team that are someone else's.</param>
public sealed record DigestContent(
    DateOnly Date,
    IReadOnlyList<DigestItem> Overdue,
    IReadOnlyList<DigestItem> Today,
    IReadOnlyList<DigestItem> ThisWeek,
    IReadOnlyList<DigestItem> TeamOverdue)
{
    public bool IsEmpty => Overdue.Count + Today.Count + ThisWeek.Count + TeamOverdue.Count == 0;
}
