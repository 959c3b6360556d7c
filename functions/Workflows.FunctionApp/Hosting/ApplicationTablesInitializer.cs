using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Application;
using Workflows.Application.Hosting;
using Workflows.Orchestrations.Storage;

namespace Workflows.FunctionApp.Hosting;

/// <summary>
/// Creates the application's own tables (worklist index, history lines, audit, ...) when the worker starts, retrying
/// with back-off while storage does not answer. The local host does this as it starts its worker; in the Functions
/// app the Durable extension creates only the task hub's, and a case's first projection would find no table.
/// Until they exist, <c>/healthz</c> says 503.
/// </summary>
internal sealed class ApplicationTablesInitializer(CaseTables tables, ILogger<ApplicationTablesInitializer> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StartupRetry.RunAsync(
            async ct =>
            {
                await tables.EnsureCreatedAsync(ct);
                logger.StorageReady(tables.Prefix);
            },
            (ex, attempt, delay) => logger.StorageNotReady(ex, attempt, delay),
            stoppingToken);
}
