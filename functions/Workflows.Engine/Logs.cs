using Microsoft.Extensions.Logging;

namespace Workflows.Engine;

/// <summary>Every log line of the engine, with stable event ids. Ids and names only: never payloads.</summary>
internal static partial class Logs
{
    [LoggerMessage(1001, LogLevel.Warning, "Work item {EventId} for instance {InstanceId} failed on delivery {DequeueCount}; retrying in {Delay}.")]
    public static partial void WorkItemFailed(this ILogger logger, Exception exception, string eventId, string instanceId, long dequeueCount, TimeSpan delay);

    [LoggerMessage(1002, LogLevel.Error, "Work item {EventId} for instance {InstanceId} moved to the poison queue: {Reason}")]
    public static partial void WorkItemPoisoned(this ILogger logger, string eventId, string instanceId, string reason);

    [LoggerMessage(1003, LogLevel.Warning, "Activity {Activity} {ActivityId} failed on attempt {Attempt}; retrying in {Delay}.")]
    public static partial void ActivityRetrying(this ILogger logger, Exception exception, string activity, string activityId, long attempt, TimeSpan delay);

    [LoggerMessage(1004, LogLevel.Error, "Activity {Activity} {ActivityId} given up after {Attempt} attempts: {Reason}")]
    public static partial void ActivityGivenUp(this ILogger logger, string activity, string activityId, long attempt, string reason);

    [LoggerMessage(1005, LogLevel.Warning, "Polling {Queue} failed; backing off {Delay}.")]
    public static partial void PollFailed(this ILogger logger, Exception exception, string queue, TimeSpan delay);

    [LoggerMessage(1006, LogLevel.Error, "Unhandled error while processing a message from {Queue}.")]
    public static partial void HandlerCrashed(this ILogger logger, Exception exception, string queue);

    [LoggerMessage(1007, LogLevel.Information, "Instance {InstanceId} purged.")]
    public static partial void Purged(this ILogger logger, string instanceId);

    [LoggerMessage(1008, LogLevel.Warning, "Unreadable message on {Queue} moved to the poison queue.")]
    public static partial void Unreadable(this ILogger logger, Exception exception, string queue);

    [LoggerMessage(1009, LogLevel.Information, "Engine loops started ({TimerMode} timers, prefix {Prefix}).")]
    public static partial void LoopsStarted(this ILogger logger, TimerMode timerMode, string prefix);
}
