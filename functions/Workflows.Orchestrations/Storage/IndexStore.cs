using Azure;
using Azure.Data.Tables;
using Workflows.Domain.Decisions;

namespace Workflows.Orchestrations.Storage;

/// <summary>
/// The query index. Writes are idempotent and version-guarded: a row is replaced only by a higher
/// transition number, and a removal leaves a tombstone carrying its version so a late, stale write
/// cannot bring the row back. Reads are partition (and key-range) queries, never scans.
/// </summary>
public sealed class IndexStore(CaseTables tables)
{
    private const string InstanceIdColumn = "InstanceId";
    private const string VersionColumn = "Version";
    private const string ActiveColumn = "Active";
    private static readonly HashSet<string> Reserved = [InstanceIdColumn, VersionColumn, ActiveColumn, "PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    private TableClient Table => tables.Index;

    /// <param name="likelyNew">Try an insert first: right for a row never written, and a conflict falls back to read-and-compare.</param>
    public Task PutAsync(
        string partition, string key, string instanceId, long version, IReadOnlyDictionary<string, string> properties, bool likelyNew, CancellationToken cancellationToken) =>
        WriteIfNewerAsync(partition, key, instanceId, version, properties, active: true, likelyNew, cancellationToken);

    public Task RemoveAsync(string partition, string key, string instanceId, long version, CancellationToken cancellationToken) =>
        WriteIfNewerAsync(partition, key, instanceId, version, new Dictionary<string, string>(), active: false, likelyNew: false, cancellationToken);

    /// <summary>Live rows of one partition, optionally within [fromKey, toKey) and matching every given column.</summary>
    public async Task<IReadOnlyList<IndexRow>> QueryAsync(
        string partition, string? fromKey, string? toKey, IReadOnlyDictionary<string, string>? equals, int? take, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Active eq {true}");
        if (fromKey is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {fromKey}");
        }

        if (toKey is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {toKey}");
        }

        foreach (var (column, value) in equals ?? new Dictionary<string, string>())
        {
            if (!IsColumnName(column))
            {
                throw new ArgumentException($"'{column}' is not an index column.", nameof(equals));
            }

            filter += $" and {column} eq '{value.Replace("'", "''", StringComparison.Ordinal)}'";
        }

        var rows = new List<IndexRow>();
        // A small take asks for a small page: the service would otherwise send up to 1,000 rows.
        int? perPage = take is { } wanted and > 0 and < 1000 ? wanted : null;
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: perPage, cancellationToken: cancellationToken))
        {
            rows.Add(ToRow(entity));
            if (take is { } limit && rows.Count >= limit)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>
    /// The keys of every live row of one partition matching every given column, read with only the key selected
    /// (a count of 10,000 rows is ten small pages rather than ten full ones).
    /// </summary>
    public async Task<IReadOnlyList<string>> QueryKeysAsync(string partition, IReadOnlyDictionary<string, string>? equals, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Active eq {true}");
        foreach (var (column, value) in equals ?? new Dictionary<string, string>())
        {
            if (!IsColumnName(column))
            {
                throw new ArgumentException($"'{column}' is not an index column.", nameof(equals));
            }

            filter += $" and {column} eq '{value.Replace("'", "''", StringComparison.Ordinal)}'";
        }

        var keys = new List<string>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(entity.RowKey);
        }

        return keys;
    }

    public async Task DeleteAsync(string partition, string key, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(partition, key, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }

    private async Task WriteIfNewerAsync(
        string partition, string key, string instanceId, long version, IReadOnlyDictionary<string, string> properties, bool active, bool likelyNew, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(partition, key)
        {
            [InstanceIdColumn] = instanceId,
            [VersionColumn] = version,
            [ActiveColumn] = active,
        };
        foreach (var (column, value) in properties)
        {
            if (!IsColumnName(column))
            {
                throw new ArgumentException($"'{column}' cannot be an index column.", nameof(properties));
            }

            entity[column] = value;
        }

        if (likelyNew)
        {
            try
            {
                await Table.AddEntityAsync(entity, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Someone wrote it after all: compare versions below.
            }
        }

        for (var attempt = 0; attempt < 20; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partition, key, [VersionColumn], cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    await Table.AddEntityAsync(entity, cancellationToken);
                    return;
                }

                if ((existing.Value!.GetInt64(VersionColumn) ?? 0) >= version)
                {
                    return; // A newer (or the same) transition already wrote this row.
                }

                await Table.UpdateEntityAsync(entity, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Raced with another writer; read again and compare versions.
            }
        }

        throw new InvalidOperationException($"Index row {partition}/{key} kept changing.");
    }

    private static bool IsColumnName(string column) =>
        !Reserved.Contains(column) && column.Length is > 0 and <= 64 && char.IsAsciiLetter(column[0]) && column.All(char.IsAsciiLetterOrDigit);

    private static IndexRow ToRow(TableEntity entity)
    {
        var properties = entity.Keys
            .Where(k => !Reserved.Contains(k) && entity[k] is string)
            .ToDictionary(k => k, k => (string)entity[k], StringComparer.Ordinal);
        return new IndexRow(entity.PartitionKey, entity.RowKey, entity.GetString(InstanceIdColumn), properties);
    }
}
