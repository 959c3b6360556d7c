using Workflows.Domain.Plans;

namespace Workflows.Domain.Cases;

/// <summary>A step as both kinds of case present it (API.md: key, label, due, status, responsible, source).</summary>
public sealed record StepView(
    string Key,
    string Label,
    DateOnly? Due,
    string Status,
    string Responsible,
    string Source,
    string? ExtensionReason,
    string? ExtendedBy,
    DateOnly? CompletedOn)
{
    public static IReadOnlyList<StepView> Of(CaseSteps steps, DateOnly today) =>
        [.. steps.Steps.Select(s =>
        {
            var definition = steps.Plan[s.Key];
            var status = s.Status switch
            {
                StepStatus.Done => "done",
                StepStatus.Void => "void",
                StepStatus.Waiting => "waiting",
                _ => s.IsOverdue(today) ? "overdue" : "open",
            };
            return new StepView(s.Key, definition.Label, s.Due, status, Kebab(definition.Responsible), definition.Source.ToString(), s.ExtensionReason, s.ExtendedBy, s.CompletedOn);
        })];

    private static string Kebab(Role role) => role switch
    {
        Role.Assignee => "assignee",
        Role.Team => "team",
        Role.TeamLead => "teamlead",
        _ => "zvh-contact",
    };
}
