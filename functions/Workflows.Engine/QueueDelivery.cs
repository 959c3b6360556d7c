using Azure.Storage.Queues.Models;

namespace Workflows.Engine;

/// <summary>
/// One delivery of a queue message, from the engine's own loops or from an Azure Functions queue trigger.
/// <paramref name="MessageId"/> and <paramref name="PopReceipt"/> let the engine set the message's back-off
/// itself; without them a failed delivery comes back when the deliverer (the Functions host) decides.
/// </summary>
public sealed record QueueDelivery(string Body, long DequeueCount, string? MessageId = null, string? PopReceipt = null)
{
    internal static QueueDelivery From(QueueMessage message) =>
        new(message.Body.ToString(), message.DequeueCount, message.MessageId, message.PopReceipt);
}
