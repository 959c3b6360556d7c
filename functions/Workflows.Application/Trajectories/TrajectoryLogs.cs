namespace Workflows.Application.Trajectories;

/// <summary>Trajectory log lines: ids and event names only, never personal data (RULES §2).</summary>
internal static partial class TrajectoryLogs
{
    [LoggerMessage(2601, LogLevel.Information, "Trajectory {InstanceId} started for {Municipality} by {StaffId}.")]
    public static partial void TrajectoryStarted(this ILogger logger, string instanceId, string municipality, string staffId);

    [LoggerMessage(2602, LogLevel.Debug, "Trajectory {InstanceId} was started before (repeated notification).")]
    public static partial void TrajectoryRepeated(this ILogger logger, string instanceId);

    [LoggerMessage(2603, LogLevel.Information, "Event {EventName} on trajectory {InstanceId} by {Source}.")]
    public static partial void TrajectoryEventRaised(this ILogger logger, string eventName, string instanceId, string source);
}
