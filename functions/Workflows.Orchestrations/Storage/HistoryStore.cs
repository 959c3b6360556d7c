using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflows.Orchestrations.Cases;

namespace Workflows.Orchestrations.Storage;

/// <summary>
/// The business history of cases (ARCHITECTURE §5.5): one partition per case, one row per line, keyed by
/// transition and position so writing a transition's lines again changes nothing.
/// </summary>
public sealed class HistoryStore(CaseTables tables)
{
    public async Task AppendAsync(string instanceId, IReadOnlyList<HistoryEvent> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        // An entity-group transaction holds at most 100 rows.
        var positions = new Dictionary<long, int>();
        var rows = new List<TableTransactionAction>();
        foreach (var line in lines)
        {
            var position = positions[line.Sequence] = positions.GetValueOrDefault(line.Sequence) + 1;
            var entity = new TableEntity(instanceId, Key(line.Sequence, position))
            {
                ["At"] = line.At,
                ["What"] = line.What,
                ["Name"] = line.Name,
                ["Source"] = line.Source,
                ["Detail"] = line.Detail?.GetRawText(),
            };
            rows.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
        }

        foreach (var chunk in rows.Chunk(100))
        {
            await tables.History.SubmitTransactionAsync(chunk, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<HistoryEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var lines = new List<HistoryEvent>();
        await foreach (var row in tables.History.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, cancellationToken: cancellationToken))
        {
            var sequence = long.Parse(row.RowKey.AsSpan(0, 19), CultureInfo.InvariantCulture);
            var detail = row.GetString("Detail") is { } json ? JsonDocument.Parse(json).RootElement.Clone() : (JsonElement?)null;
            lines.Add(new HistoryEvent(sequence, row.GetDateTimeOffset("At") ?? default, row.GetString("What"), row.GetString("Name"), row.GetString("Source"), detail));
        }

        return lines;
    }

    /// <summary>Deletes every line of the case (purge).</summary>
    public async Task DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var row in tables.History.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }

        foreach (var chunk in keys.Chunk(100))
        {
            try
            {
                await tables.History.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, k), ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // Deleted meanwhile by another purge: delete the rest one by one.
                foreach (var key in chunk)
                {
                    await tables.History.DeleteEntityAsync(instanceId, key, ETag.All, cancellationToken);
                }
            }
        }
    }

    private static string Key(long sequence, int position) =>
        string.Create(CultureInfo.InvariantCulture, $"{sequence:D19}|{position:D4}");
}
