namespace Workflows.Application.Worklist;

/// <summary>One open step on a worklist: only what the row needs (case reference, step, due date, assignee, team).</summary>
public sealed record WorklistItem(
    string CaseId,
    string Kind,
    string Municipality,
    string Step,
    string Label,
    string Due,
    string Status,
    string? Assignee,
    string? Team,
    string Href);

/// <summary>The worklist response.</summary>
public sealed record WorklistResponse(IReadOnlyList<WorklistItem> Items);
