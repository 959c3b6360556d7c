using Microsoft.Extensions.Options;
using Workflows.Engine;

namespace Workflows.Functions.Hosting;

/// <summary>
/// Creates the engine's tables and queues at start, retrying with back-off while storage is not reachable
/// (the host stays up and <c>/healthz</c> says 503 meanwhile), then runs the queue and timer loops when
/// <see cref="EngineOptions.RunLoops"/> is set (the embedded local host; in Azure the triggers deliver).
/// </summary>
internal sealed class EngineHostedService(WorkflowEngine engine, IOptions<EngineOptions> options, ILogger<EngineHostedService> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    /// <summary>One attempt before the server takes requests, so the first request finds the tables and queues.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await engine.InitializeAsync(timeout.Token);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage not reachable yet: the background keeps trying (and logs it); /healthz says 503 meanwhile.
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await InitializeAsync(stoppingToken))
        {
            return;
        }

        if (!options.Value.RunLoops)
        {
            logger.LoopsDisabled();
            return;
        }

        await engine.RunAsync(stoppingToken);
        logger.LoopsStopped();
    }

    /// <summary>True once storage is ready; false when stopped first.</summary>
    private async Task<bool> InitializeAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await engine.InitializeAsync(stoppingToken);
                logger.StorageReady(engine.Storage.Prefix);
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                logger.StorageNotReady(ex, attempt, delay);
            }

            try
            {
                // Real time, like the engine's polling: waiting for a storage service is not domain time,
                // and a virtual clock in tests must not freeze it.
                await Task.Delay(delay, TimeProvider.System, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            delay = delay * 2 > MaxRetry ? MaxRetry : delay * 2;
        }
    }
}
