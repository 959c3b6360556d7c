using Workflows.Orchestrations.Hosting;
using Workflows.Orchestrations.Storage;
using Workflows.Runtime;

namespace Workflows.Application.Hosting;

/// <summary>
/// Runs the Durable Task worker in this host (ARCHITECTURE §4): creates the application's tables and the task hub
/// at start, retrying with back-off while storage is not reachable (the host stays up and <c>/healthz</c> says 503
/// meanwhile), and stops the worker when the host stops (Ctrl-C), letting episodes in hand finish.
/// </summary>
internal sealed class TaskHubHostedService(
    LocalTaskHub hub,
    CaseTables tables,
    CaseTasks tasks,
    ILogger<TaskHubHostedService> logger) : BackgroundService
{
    private volatile bool _started;

    /// <summary>One attempt before the server takes requests, so the first request finds the tables and the task hub.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        hub.Register(tasks);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            await StartHubAsync(timeout.Token);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage not reachable yet: the background keeps trying (and logs it); /healthz says 503 meanwhile.
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_started)
        {
            _started = false;
            // Graceful, but bounded: the run command must stop within seconds of Ctrl-C.
            await hub.StopAsync(graceful: true).WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None)
                .ContinueWith(_ => { }, TaskScheduler.Default);
            logger.WorkerStopped();
        }
    }

    /// <summary>Started already, or retried with back-off until storage answers.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StartupRetry.RunAsync(StartHubAsync, (ex, attempt, delay) => logger.StorageNotReady(ex, attempt, delay), stoppingToken);

    private async Task StartHubAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            return;
        }

        await tables.EnsureCreatedAsync(cancellationToken);
        await hub.StartAsync(cancellationToken);
        _started = true;
        logger.StorageReady(hub.Options.TaskHubName);
    }
}
