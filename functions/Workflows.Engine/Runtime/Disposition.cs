using Azure;
using Azure.Storage.Queues;

namespace Workflows.Engine.Runtime;

/// <summary>
/// What becomes of a delivered message once handled: done (applied and dispatched, re-armed, poisoned or
/// given up: delete it), or back after a delay. The loops and a Functions trigger settle it the same way,
/// except that the Functions host deletes a done message itself.
/// </summary>
internal readonly record struct Disposition(TimeSpan? RetryAfter)
{
    public static Disposition Done => default;

    public bool IsDone => RetryAfter is null;

    public static Disposition Retry(TimeSpan delay) => new(delay);

    public async Task SettleAsync(QueueClient source, QueueDelivery delivery, bool deleteWhenDone, CancellationToken cancellationToken)
    {
        if (delivery.MessageId is not { } messageId || delivery.PopReceipt is not { } popReceipt)
        {
            return;
        }

        if (RetryAfter is { } delay)
        {
            try
            {
                await source.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 400)
            {
                // Gone, or its receipt changed (a Functions host renewed it): it comes back on the deliverer's own timeout.
            }
        }
        else if (deleteWhenDone)
        {
            await QueueTimerScheduler.DeleteQuietlyAsync(source, messageId, popReceipt, cancellationToken);
        }
    }
}
