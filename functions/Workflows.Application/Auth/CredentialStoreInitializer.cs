namespace Workflows.Application.Auth;

/// <summary>
/// Creates the credentials table at start, retrying with back-off while storage is not reachable (like the
/// task hub's hosted service). Until then lookups find no key, and issuing creates the table itself.
/// </summary>
internal sealed class CredentialStoreInitializer(CredentialStore credentials, ILogger<CredentialStoreInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await credentials.EnsureCreatedAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.CredentialsTableNotReady(ex, attempt, delay);
            }

            try
            {
                // Real time: waiting for a storage service is not domain time (see TaskHubHostedService).
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
