using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Workflows.Domain.Cases;

namespace Workflows.Orchestrations.Storage;

/// <summary>
/// The query index. Writes are idempotent and version-guarded: a row is replaced only by a higher
/// transition number, and a removal leaves a tombstone carrying its version so a late, stale write
/// cannot bring the row back. Reads are partition (and key-range) queries, never scans. In a worklist
/// partition every write that adds, moves or removes a live row changes its count row in the same
/// entity-group transaction (<see cref="WorklistTally"/>), so the counts are exact whatever replays or races.
/// </summary>
public sealed class IndexStore(CaseTables tables)
{
    private const int CacheLimit = 10_000;
    private const int MaxAttempts = 50;

    // Count rows this instance wrote last, with their ETags: a new row then costs one request (the transaction),
    // not three. A stale entry only costs a refused transaction and a fresh read.
    private readonly ConcurrentDictionary<(string Partition, string Key), CountRow> _counts = new();

    // The count row this instance's writers change first: writers at the same time each take their own slot, so they
    // start on different count rows, and another host starts elsewhere (see WorklistTally.Shards).
    private readonly int _shard = Random.Shared.Next(WorklistTally.Shards);
    private readonly WriterSlots _slots = new();

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

        // Rows only: a worklist partition's tally sorts after them.
        if ((toKey ?? (WorklistTally.IsCounted(partition) ? WorklistTally.TallyFromKey : null)) is { } below)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {below}");
        }
        filter += IndexColumns.EqualsFilter(equals);

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

    /// <summary>Deletes a row for good (terminate, purge); a live worklist row leaves its count row with it.</summary>
    public async Task DeleteAsync(string partition, string key, CancellationToken cancellationToken)
    {
        if (!WorklistTally.IsCounted(partition))
        {
            try
            {
                await Table.DeleteEntityAsync(partition, key, ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Already gone.
            }

            return;
        }

        using var slot = _slots.Take();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = (await Table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken)) is { HasValue: true } found ? found.Value : null;
            if (existing is null)
            {
                return;
            }

            var countKey = CountKey(key, slot, attempt);
            var counted = CountedBucket(existing);
            var count = counted is null ? null : await ReadCountAsync(partition, countKey, attempt == 0, cancellationToken);
            if (await TrySubmitAsync(partition, new TableTransactionAction(TableTransactionActionType.Delete, existing, existing.ETag), countKey, count, counted, null, cancellationToken))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Index row {partition}/{key} kept changing.");
    }

    private async Task WriteIfNewerAsync(
        string partition, string key, string instanceId, long version, IReadOnlyDictionary<string, string> properties, bool active, bool likelyNew, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(partition, key)
        {
            [IndexColumns.InstanceId] = instanceId,
            [IndexColumns.Version] = version,
            [IndexColumns.Active] = active,
        };
        foreach (var (column, value) in properties)
        {
            if (!IndexColumns.IsColumnName(column))
            {
                throw new ArgumentException($"'{column}' cannot be an index column.", nameof(properties));
            }

            entity[column] = value;
        }

        if (WorklistTally.IsCounted(partition))
        {
            entity[IndexColumns.Counted] = active;
            await WriteCountedAsync(entity, version, active ? WorklistTally.Bucket(properties) : null, likelyNew, cancellationToken);
            return;
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

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partition, key, [IndexColumns.Version], cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    await Table.AddEntityAsync(entity, cancellationToken);
                    return;
                }

                if ((existing.Value!.GetInt64(IndexColumns.Version) ?? 0) >= version)
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

    /// <summary>
    /// A worklist row and its count row, in one transaction: the row added or replaced (version-guarded as above), and
    /// the count moved from the bucket the old row was counted under to the new row's (none for a tombstone).
    /// </summary>
    private async Task WriteCountedAsync(TableEntity entity, long version, string? bucket, bool likelyNew, CancellationToken cancellationToken)
    {
        var (partition, key) = (entity.PartitionKey, entity.RowKey);
        using var slot = _slots.Take();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var countKey = CountKey(key, slot, attempt);
            // A likely-new row is not read: its insert fails if it exists after all, and the next attempt reads it.
            var existingTask = likelyNew && attempt == 0
                ? Task.FromResult<TableEntity?>(null)
                : ReadRowAsync(partition, key, cancellationToken);
            var countTask = ReadCountAsync(partition, countKey, cached: attempt == 0, cancellationToken);
            var existing = await existingTask;
            if (existing is not null && (existing.GetInt64(IndexColumns.Version) ?? 0) >= version)
            {
                await countTask; // not needed, but never left running unobserved
                return; // A newer (or the same) transition already wrote this row, and counted it.
            }

            var write = existing is null
                ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, existing.ETag);
            if (await TrySubmitAsync(partition, write, countKey, await countTask, existing is null ? null : CountedBucket(existing), bucket, cancellationToken))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Index row {partition}/{key} kept changing.");
    }

    /// <summary>The row's change and, when its bucket changes, its count row's; false when another writer came first.</summary>
    private async Task<bool> TrySubmitAsync(
        string partition, TableTransactionAction write, string countKey, CountRow? count, string? removed, string? added, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { write };
        Dictionary<string, int>? counts = null;
        if (removed != added)
        {
            counts = WorklistTally.Apply(count?.Counts ?? new Dictionary<string, int>(), removed, added);
            actions.Add(CountRow.Write(partition, countKey, count, counts));
        }

        try
        {
            var response = await Table.SubmitTransactionAsync(actions, cancellationToken);
            if (counts is not null)
            {
                Remember(partition, countKey, response.Value[1].Headers.ETag, counts);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            // Raced with another writer of the row or of its count row: read again (and use another count row).
            _counts.TryRemove((partition, countKey), out _);
            return false;
        }
    }

    /// <summary>The writer's own count row of the date first; after a lost race, any other.</summary>
    private string CountKey(string key, WriterSlots.Slot slot, int attempt) =>
        WorklistTally.CountKey(key, attempt == 0 ? (_shard + slot.Number) % WorklistTally.Shards : Random.Shared.Next(WorklistTally.Shards));

    private async Task<TableEntity?> ReadRowAsync(string partition, string key, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken)) is { HasValue: true } found ? found.Value : null;

    private async Task<CountRow?> ReadCountAsync(string partition, string countKey, bool cached, CancellationToken cancellationToken)
    {
        if (cached && _counts.TryGetValue((partition, countKey), out var known))
        {
            return known;
        }

        var read = await Table.GetEntityIfExistsAsync<TableEntity>(partition, countKey, cancellationToken: cancellationToken);
        return read.HasValue ? CountRow.From(read.Value!) : null;
    }

    private void Remember(string partition, string countKey, ETag? etag, Dictionary<string, int> counts)
    {
        if (etag is not { } known)
        {
            _counts.TryRemove((partition, countKey), out _);
            return;
        }

        if (_counts.Count >= CacheLimit)
        {
            _counts.Clear();
        }

        _counts[(partition, countKey)] = new CountRow(countKey, known, counts);
    }

    /// <summary>The bucket a stored row is counted under, or null when it is not counted (a tombstone, or written before counting).</summary>
    private static string? CountedBucket(TableEntity row) =>
        row.GetBoolean(IndexColumns.Active) == true && row.GetBoolean(IndexColumns.Counted) == true
            ? WorklistTally.Bucket(ToRow(row).Properties)
            : null;

    internal static IndexRow ToRow(TableEntity entity)
    {
        var properties = entity.Keys
            .Where(k => !IndexColumns.Reserved.Contains(k) && entity[k] is string)
            .ToDictionary(k => k, k => (string)entity[k], StringComparer.Ordinal);
        return new IndexRow(entity.PartitionKey, entity.RowKey, entity.GetString(IndexColumns.InstanceId), properties);
    }
}
