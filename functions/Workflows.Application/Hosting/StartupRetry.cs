namespace Workflows.Application.Hosting;

/// <summary>
/// Start-up work that needs storage (creating tables, starting the digest schedule): tried until it succeeds, with
/// back-off from 1 s (or the given first retry) doubling to 30 s, until the host stops. Waits are real time:
/// waiting for a storage service is not business time.
/// </summary>
internal static class StartupRetry
{
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    /// <param name="failed">Told of each failed attempt: the exception, the attempt's number, the wait before the next.</param>
    public static async Task RunAsync(
        Func<CancellationToken, Task> attempt, Action<Exception, int, TimeSpan> failed, CancellationToken stoppingToken, TimeSpan? firstRetry = null)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(failed);
        var delay = firstRetry ?? TimeSpan.FromSeconds(1);
        for (var number = 1; ; number++)
        {
            try
            {
                await attempt(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failed(ex, number, delay);
            }

            try
            {
                await Task.Delay(delay, TimeProvider.System, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 > MaxRetry ? MaxRetry : delay * 2;
        }
    }
}
