using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Storage;

namespace Workflows.Engine.Runtime;

/// <summary>Reads a queue message body; one that cannot be read goes straight to the poison queue (retrying cannot help).</summary>
internal static class UnreadableMessages
{
    /// <summary>The message, or null when it was unreadable and poisoned (the delivery is then done).</summary>
    public static async Task<T?> ReadOrPoisonAsync<T>(QueueDelivery delivery, QueueClient source, EngineStorage storage, ILogger logger, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(delivery.Body, EngineJson.Options);
            ArgumentNullException.ThrowIfNull(value);
            return value;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentNullException or NotSupportedException)
        {
            logger.Unreadable(ex, source.Name);
            await storage.Poison.SendMessageAsync(delivery.Body, cancellationToken);
            return null;
        }
    }
}
