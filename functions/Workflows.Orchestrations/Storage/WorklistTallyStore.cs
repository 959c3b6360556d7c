using Azure;
using Azure.Data.Tables;
using Workflows.Domain.Cases;

namespace Workflows.Orchestrations.Storage;

/// <summary>
/// Reads a worklist partition's counts (one range read: the count rows and the marker that they are complete), and
/// completes them once for rows written before counting existed: each such row is marked counted and added to its
/// count row in one transaction, guarded by both ETags, so two completions and live writers never count a row twice.
/// </summary>
public sealed class WorklistTallyStore(CaseTables tables)
{
    private const int RowsPerTransaction = 99; // a transaction holds 100 actions: the rows and their count row
    private const int FoldsPerRead = 32;

    private TableClient Table => tables.Index;

    /// <summary>
    /// The partition's count rows, or null while they are not complete (see <see cref="CompleteAsync"/>). Dates whose
    /// writers spread over several count rows are folded back into one here (a few per read), so the read stays one
    /// page: each fold is one transaction guarded by every row's ETag, and a writer that came first just wins.
    /// </summary>
    public async Task<IReadOnlyList<(string CountKey, IReadOnlyDictionary<string, int> Counts)>?> ReadAsync(string partition, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {WorklistTally.TallyFromKey}");
        var rows = new List<CountRow>();
        var complete = false;
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == WorklistTally.CompleteKey)
            {
                complete = true;
            }
            else if (entity.RowKey.StartsWith(WorklistTally.CountKeyPrefix, StringComparison.Ordinal))
            {
                rows.Add(CountRow.From(entity));
            }
        }

        if (!complete)
        {
            return null;
        }

        foreach (var spread in rows.GroupBy(r => WorklistTally.DateOf(r.Key)).Where(g => g.Count() > 1).Take(FoldsPerRead))
        {
            await TryFoldAsync(partition, [.. spread], cancellationToken);
        }

        return [.. rows.Select(r => (r.Key, r.Counts))];
    }

    private async Task TryFoldAsync(string partition, IReadOnlyList<CountRow> rows, CancellationToken cancellationToken)
    {
        var sum = WorklistTally.Sum(rows.Select(r => r.Counts));
        var actions = new List<TableTransactionAction> { CountRow.Write(partition, rows[0].Key, rows[0], sum) };
        actions.AddRange(rows.Skip(1).Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, r.Key), r.ETag)));
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            // A writer changed one of them meanwhile: a later read folds them.
        }
    }

    /// <summary>Counts every live row not yet counted, then marks the partition's counts complete. Idempotent.</summary>
    public async Task CompleteAsync(string partition, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 20; round++)
        {
            var uncounted = await UncountedAsync(partition, cancellationToken);
            if (uncounted.Count == 0)
            {
                await Table.UpsertEntityAsync(new TableEntity(partition, WorklistTally.CompleteKey), TableUpdateMode.Replace, cancellationToken);
                return;
            }

            // Any count row of a date will do (their sum is what counts): a random one, so two completions rarely meet.
            var shard = Random.Shared.Next(WorklistTally.Shards);
            foreach (var group in uncounted.GroupBy(r => WorklistTally.CountKey(r.RowKey, shard)))
            {
                foreach (var chunk in group.Chunk(RowsPerTransaction))
                {
                    await TryCountAsync(partition, group.Key, chunk, cancellationToken);
                }
            }
        }

        throw new InvalidOperationException($"The counts of {partition} kept changing.");
    }

    private async Task<List<TableEntity>> UncountedAsync(string partition, CancellationToken cancellationToken)
    {
        // Filtered here, not by the service: "Counted ne true" does not match rows without the column.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Active eq {true} and RowKey lt {WorklistTally.TallyFromKey}");
        var rows = new List<TableEntity>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", IndexColumns.Counted, "Kind", "Team", "Assignee"], cancellationToken: cancellationToken))
        {
            if (entity.GetBoolean(IndexColumns.Counted) != true)
            {
                rows.Add(entity);
            }
        }

        return rows;
    }

    private async Task TryCountAsync(string partition, string countKey, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        var read = await Table.GetEntityIfExistsAsync<TableEntity>(partition, countKey, cancellationToken: cancellationToken);
        var count = read.HasValue ? CountRow.From(read.Value!) : null;
        IReadOnlyDictionary<string, int> counts = count?.Counts ?? new Dictionary<string, int>();
        var actions = new List<TableTransactionAction>();
        foreach (var row in rows)
        {
            counts = WorklistTally.Apply(counts, null, WorklistTally.Bucket(IndexStore.ToRow(row).Properties));
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.UpdateMerge, new TableEntity(partition, row.RowKey) { [IndexColumns.Counted] = true }, row.ETag));
        }

        actions.Add(CountRow.Write(partition, countKey, count, counts));
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            // A writer changed a row or the count row meanwhile: the next round reads again.
        }
    }
}
