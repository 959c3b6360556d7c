namespace Workflows.Domain.Trajectories;

/// <summary>Event names an aftercare trajectory accepts (API.md trajectory events, plus RULES §3 for both kinds).</summary>
public static class TrajectoryEvents
{
    public const string IntakeCompleted = "intake-completed";
    public const string ConditionUpdated = "condition-updated";
    public const string ReleaseDateChanged = "release-date-changed";
    public const string Released = "released";
    public const string FollowUpDone = "follow-up-done";
    public const string Closed = "closed";
    // Another coordinator takes the trajectory over (an addition: PAGES.md "assign").
    public const string Assigned = "assigned";
    public const string StepExtended = "step-extended";
    public const string Suspended = "suspended";
    public const string Resumed = "resumed";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        IntakeCompleted, ConditionUpdated, ReleaseDateChanged, Released, FollowUpDone, Closed, Assigned, StepExtended, Suspended, Resumed,
    };
}
