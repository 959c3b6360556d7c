namespace Workflows.Functions.AzureFunctions;

/// <summary>Log lines of the Azure Functions custom handler (event ids 2900-2999). Function names and counts only.</summary>
internal static partial class CustomHandlerLogs
{
    [LoggerMessage(2901, LogLevel.Information, "Azure Functions custom handler on port {Port}: the engine's loops are off, its queue triggers deliver.")]
    public static partial void CustomHandlerMode(this ILogger logger, int port);

    [LoggerMessage(2902, LogLevel.Warning, "{Function}: delivery {DequeueCount} failed; the Functions host delivers it again.")]
    public static partial void InvocationFailed(this ILogger logger, string function, long dequeueCount);

    [LoggerMessage(2903, LogLevel.Error, "{Function}: the invocation crashed; the Functions host delivers the message again.")]
    public static partial void InvocationCrashed(this ILogger logger, Exception exception, string function);

    [LoggerMessage(2904, LogLevel.Warning, "{Function}: the invocation carries no queue message (Data.{Binding} and Metadata.DequeueCount).")]
    public static partial void InvocationWithoutMessage(this ILogger logger, string function, string binding);
}
