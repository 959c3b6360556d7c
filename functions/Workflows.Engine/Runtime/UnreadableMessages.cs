using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Storage;

namespace Workflows.Engine.Runtime;

/// <summary>Reads a queue message body; one that cannot be read goes straight to the poison queue (retrying cannot help).</summary>
internal static class UnreadableMessages
{
    public static async Task<T?> ReadOrPoisonAsync<T>(QueueMessage message, QueueClient source, EngineStorage storage, ILogger logger, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(message.Body.ToString(), EngineJson.Options);
            ArgumentNullException.ThrowIfNull(value);
            return value;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentNullException or NotSupportedException)
        {
            logger.Unreadable(ex, source.Name);
            await storage.Poison.SendMessageAsync(message.Body.ToString(), cancellationToken);
            await QueueTimerScheduler.DeleteQuietlyAsync(source, message.MessageId, message.PopReceipt, cancellationToken);
            return null;
        }
    }
}
