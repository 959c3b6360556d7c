namespace Workflows.Application.Cases;

/// <summary>
/// The events every kind of case takes on its steps (RULES §3), by the names both orchestrations give them
/// (<c>SignalEvents</c>, <c>TrajectoryEvents</c>).
/// </summary>
internal static class StepEvents
{
    public const string StepExtended = "step-extended";
    public const string Suspended = "suspended";
    public const string Resumed = "resumed";
}
