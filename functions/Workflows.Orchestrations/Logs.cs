using Microsoft.Extensions.Logging;

namespace Workflows.Orchestrations;

/// <summary>Log messages of the case runtime (ids only, never personal data), with stable event ids.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Case {InstanceId} retried")]
    public static partial void Retried(this ILogger logger, string instanceId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Case {InstanceId} purged")]
    public static partial void Purged(this ILogger logger, string instanceId);
}
