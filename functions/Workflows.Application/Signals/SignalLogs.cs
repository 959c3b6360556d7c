namespace Workflows.Application.Signals;

/// <summary>Log lines of signal intake and case events: instance ids, counts and event names only, never personal data or references.</summary>
internal static partial class SignalLogs
{
    [LoggerMessage(2501, LogLevel.Debug, "Signal {InstanceId} received from {CorporationId} for {Municipality}.")]
    public static partial void SignalReceived(this ILogger logger, string instanceId, string corporationId, string municipality);

    [LoggerMessage(2502, LogLevel.Debug, "Signal {InstanceId} was received before (resubmission).")]
    public static partial void SignalResubmitted(this ILogger logger, string instanceId);

    [LoggerMessage(2503, LogLevel.Information, "Signal {InstanceId} merged into open case {CaseId} of the same household.")]
    public static partial void SignalMerged(this ILogger logger, string instanceId, string caseId);

    [LoggerMessage(2504, LogLevel.Information, "Signal batch from {CorporationId}: {Created} created, {Duplicates} duplicate, {Invalid} invalid of {Total} in {ElapsedMs} ms.")]
    public static partial void BatchProcessed(this ILogger logger, string corporationId, int created, int duplicates, int invalid, int total, long elapsedMs);

    [LoggerMessage(2505, LogLevel.Information, "Signal batch from {CorporationId} refused: {Reason}.")]
    public static partial void BatchRefused(this ILogger logger, string corporationId, string reason);

    [LoggerMessage(2506, LogLevel.Information, "Event {EventName} on signal case {InstanceId} by {Source}.")]
    public static partial void EventRaised(this ILogger logger, string eventName, string instanceId, string source);

    [LoggerMessage(2507, LogLevel.Warning, "Signal {InstanceId} was started but its household row did not show within the wait; a signal for the same household sent right now may open a case of its own.")]
    public static partial void SignalNotYetFindable(this ILogger logger, string instanceId);
}
