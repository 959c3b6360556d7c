namespace Workflows.Domain.Plans;

/// <summary>Lifecycle of one step in one case.</summary>
public enum StepStatus
{
    /// <summary>Its anchor is not known yet (e.g. release date unknown): no due date, no timer.</summary>
    Waiting,
    Open,
    Done,
    Void,
}

/// <summary>One step of one case.</summary>
public sealed record StepState(
    string Key,
    StepStatus Status,
    DateOnly? Due = null,
    bool Reminded = false,
    bool Escalated = false,
    DateOnly? CompletedOn = null,
    string? ExtensionReason = null,
    string? ExtendedBy = null)
{
    public bool IsOpen => Status == StepStatus.Open;

    /// <summary>Open and past its due date on <paramref name="today"/>.</summary>
    public bool IsOverdue(DateOnly today) => IsOpen && Due is { } due && due < today;
}
