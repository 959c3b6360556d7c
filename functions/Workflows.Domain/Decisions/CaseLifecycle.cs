namespace Workflows.Domain.Decisions;

/// <summary>Where a case stands as its own decisions put it (the runtime adds Pending, Terminated and Failed by faults).</summary>
public enum CaseLifecycle
{
    Running,
    Suspended,
    Completed,
    Failed,
}
