namespace Workflows.Application;

/// <summary>Every log line of the host, with stable event ids. Ids and names only: never bodies or personal data.</summary>
internal static partial class Logs
{
    [LoggerMessage(2001, LogLevel.Information, "Storage: account {AccountName} with managed identity, prefix {Prefix}.")]
    public static partial void StorageByIdentity(this ILogger logger, string accountName, string prefix);

    [LoggerMessage(2002, LogLevel.Information, "Storage: connection string (local), prefix {Prefix}.")]
    public static partial void StorageByConnectionString(this ILogger logger, string prefix);

    [LoggerMessage(2003, LogLevel.Warning, "Creating the application's tables (and, in the local host, the task hub) failed (attempt {Attempt}); storage may not be reachable yet. Retrying in {Delay}.")]
    public static partial void StorageNotReady(this ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(2004, LogLevel.Information, "The application's tables (and, in the local host, the task hub) exist (prefix {Prefix}).")]
    public static partial void StorageReady(this ILogger logger, string prefix);

    [LoggerMessage(2006, LogLevel.Information, "Durable Task worker stopped.")]
    public static partial void WorkerStopped(this ILogger logger);

    [LoggerMessage(2007, LogLevel.Warning, "Storage does not answer: {Endpoint} answered 503.")]
    public static partial void StorageUnavailable(this ILogger logger, Exception exception, string? endpoint);

    [LoggerMessage(2008, LogLevel.Information, "Corporation {CorporationId} is over its {Limit} limit: {Endpoint} answered 429.")]
    public static partial void CorporationLimited(this ILogger logger, string corporationId, string limit, string? endpoint);
}
