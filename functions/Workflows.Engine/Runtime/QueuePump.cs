using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Competing-consumer loop over one queue: receive a batch, handle it in parallel, and when the queue
/// is empty back off exponentially up to an idle ceiling (so an idle host costs few requests), waking
/// early for work this process produced itself.
/// </summary>
internal sealed class QueuePump(
    QueueClient queue,
    Func<QueueDelivery, QueueClient, CancellationToken, Task<Disposition>> handler,
    Wakeup wakeup,
    TimeSpan maxIdle,
    EngineOptions options,
    ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var idle = options.MinPollInterval;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                QueueMessage[] batch;
                try
                {
                    batch = (await queue.ReceiveMessagesAsync(32, options.MessageVisibility, cancellationToken)).Value;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // Storage unreachable: keep trying, more slowly; nothing is lost, it waits in the queue.
                    idle = Grow(idle, maxIdle);
                    logger.PollFailed(ex, queue.Name, idle);
                    await wakeup.WaitAsync(idle, cancellationToken);
                    continue;
                }

                if (batch.Length == 0)
                {
                    idle = Grow(idle, maxIdle);
                    await wakeup.WaitAsync(idle, cancellationToken);
                    continue;
                }

                idle = options.MinPollInterval;
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(batch, parallel, async (message, token) =>
                {
                    try
                    {
                        var delivery = QueueDelivery.From(message);
                        var disposition = await handler(delivery, queue, token);
                        // The loop owns the message: it deletes it itself once done.
                        await disposition.SettleAsync(queue, delivery, deleteWhenDone: true, token);
                    }
                    catch (Exception ex) when (!token.IsCancellationRequested)
                    {
                        logger.HandlerCrashed(ex, queue.Name);
                    }
                });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static TimeSpan Grow(TimeSpan current, TimeSpan max) =>
        current * 2 > max ? max : current * 2;
}
