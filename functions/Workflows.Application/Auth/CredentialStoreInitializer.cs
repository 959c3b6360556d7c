using Workflows.Application.Hosting;

namespace Workflows.Application.Auth;

/// <summary>
/// Creates the credentials table at start, retrying with back-off while storage is not reachable (like the
/// task hub's hosted service). Until then lookups find no key, and issuing creates the table itself.
/// </summary>
internal sealed class CredentialStoreInitializer(CredentialStore credentials, ILogger<CredentialStoreInitializer> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StartupRetry.RunAsync(credentials.EnsureCreatedAsync, (ex, attempt, delay) => logger.CredentialsTableNotReady(ex, attempt, delay), stoppingToken);
}
