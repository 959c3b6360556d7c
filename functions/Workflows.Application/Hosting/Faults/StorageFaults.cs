using Azure;

namespace Workflows.Application.Hosting.Faults;

/// <summary>
/// Whether an exception means storage did not answer (unreachable, or failing on its side) rather than a bug of ours:
/// the Azure SDK's transport failure (<see cref="RequestFailedException"/> with status 0) or a server error from storage
/// (500, 502, 503, 504), also as the SDK's "Retry failed after n tries" <see cref="AggregateException"/> (where its
/// network time-out shows as a <see cref="TaskCanceledException"/> over a <see cref="TimeoutException"/>), and also
/// inside whatever wraps it (Durable Task's storage exception).
/// </summary>
internal static class StorageFaults
{
    public static bool IsUnavailable(Exception? exception) => exception switch
    {
        null => false,
        RequestFailedException failed => failed.Status is 0 or 500 or 502 or 503 or 504,
        AggregateException retries => retries.InnerExceptions.Count > 0 && retries.InnerExceptions.All(e => IsUnavailable(e) || IsNetworkTimeout(e) || IsTransport(e)),
        _ => IsUnavailable(exception.InnerException),
    };

    /// <summary>
    /// A try the SDK's retries recorded as the bare socket error (seen with a connection reset midway: "Transport
    /// endpoint is not connected" beside the tries wrapped as status 0).
    /// </summary>
    private static bool IsTransport(Exception exception) =>
        exception is System.Net.Sockets.SocketException or System.IO.IOException or System.Net.Http.HttpRequestException;

    /// <summary>The SDK's own per-try time-out (<c>Retry.NetworkTimeout</c>); a caller's cancellation has no <see cref="TimeoutException"/> inside.</summary>
    private static bool IsNetworkTimeout(Exception exception) =>
        exception is TaskCanceledException { InnerException: TimeoutException };
}
