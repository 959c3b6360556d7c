using Azure.Data.Tables;
using Workflows.Domain.Cases;
using Workflows.Orchestrations.Storage;
using Workflows.Testing;

namespace Workflows.Orchestrations.Tests.Cases;

/// <summary>
/// The worklist's count rows (<see cref="WorklistTally"/>) against the rows they count, on real Azurite: every add,
/// move, removal, replay, race and purge keeps them exact, and rows from before counting are counted once.
/// </summary>
public sealed class WorklistCountTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(180));

    [Fact]
    public async Task Adds_moves_tombstones_replays_and_deletes_leave_the_counts_equal_to_the_live_rows()
    {
        var (tables, partition) = await NewPartitionAsync();
        var index = new IndexStore(tables);
        await index.PutAsync(partition, "2026-11-02|sig-1|intake", "sig-1", 1, Columns("sig-1", "ann"), likelyNew: true, _ct);
        await index.PutAsync(partition, "2026-11-02|sig-2|intake", "sig-2", 1, Columns("sig-2", ""), likelyNew: true, _ct);
        await index.PutAsync(partition, "2026-11-03|sig-3|intake", "sig-3", 1, Columns("sig-3", "ann"), likelyNew: true, _ct);
        await AssertExactAsync(tables, partition, expectedRows: 3);

        await index.PutAsync(partition, "2026-11-02|sig-2|intake", "sig-2", 2, Columns("sig-2", "bob"), likelyNew: false, _ct); // assigned
        await index.PutAsync(partition, "2026-11-02|sig-2|intake", "sig-2", 2, Columns("sig-2", "bob"), likelyNew: false, _ct); // replayed
        await index.PutAsync(partition, "2026-11-02|sig-2|intake", "sig-2", 1, Columns("sig-2", ""), likelyNew: true, _ct);    // stale, late
        await index.RemoveAsync(partition, "2026-11-03|sig-3|intake", "sig-3", 2, _ct);                                        // done
        await index.RemoveAsync(partition, "2026-11-03|sig-3|intake", "sig-3", 2, _ct);                                        // replayed
        await index.PutAsync(partition, "2026-11-03|sig-3|intake", "sig-3", 1, Columns("sig-3", "ann"), likelyNew: true, _ct); // stale
        await index.RemoveAsync(partition, "2026-11-09|sig-9|intake", "sig-9", 1, _ct);                                        // never written
        var counts = await AssertExactAsync(tables, partition, expectedRows: 2);
        Assert.Equal(new Dictionary<(DateOnly, string), int> { [(new(2026, 11, 2), "signal|team-a|ann")] = 1, [(new(2026, 11, 2), "signal|team-a|bob")] = 1 }, counts);

        await index.DeleteAsync(partition, "2026-11-02|sig-1|intake", _ct); // purged
        await index.DeleteAsync(partition, "2026-11-02|sig-1|intake", _ct);
        await index.DeleteAsync(partition, "2026-11-03|sig-3|intake", _ct); // a tombstone: counted nothing, takes nothing
        Assert.Equal(new Dictionary<(DateOnly, string), int> { [(new(2026, 11, 2), "signal|team-a|bob")] = 1 }, await AssertExactAsync(tables, partition, expectedRows: 1));
    }

    [Fact]
    public async Task Many_writers_of_one_due_date_at_once_count_every_row_once()
    {
        var (tables, partition) = await NewPartitionAsync();
        // Two stores: two hosts, each with its own remembered count rows.
        IndexStore[] stores = [new(tables), new(tables)];
        var cases = Enumerable.Range(0, 240).Select(i => $"sig-race{i:D4}").ToList();
        await Parallel.ForEachAsync(cases.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 24, CancellationToken = _ct }, async (c, ct) =>
        {
            var store = stores[c.i % 2];
            await store.PutAsync(partition, $"2026-11-02|{c.id}|intake", c.id, 1, Columns(c.id, ""), likelyNew: true, ct);
            if (c.i % 3 == 0)
            {
                await stores[(c.i + 1) % 2].PutAsync(partition, $"2026-11-02|{c.id}|intake", c.id, 2, Columns(c.id, "ann"), likelyNew: false, ct);
            }

            if (c.i % 5 == 0)
            {
                await store.RemoveAsync(partition, $"2026-11-02|{c.id}|intake", c.id, 3, ct);
            }
        });

        var counts = await AssertExactAsync(tables, partition, expectedRows: 240 - 48);
        Assert.Equal(cases.Where((_, i) => i % 3 == 0 && i % 5 != 0).Count(), counts[(new(2026, 11, 2), "signal|team-a|ann")]);

        // The writers met, so the date has several count rows; a read folds them into one, and the sums stay.
        var tally = new WorklistTallyStore(tables);
        await tally.CompleteAsync(partition, _ct);
        var spread = await tally.ReadAsync(partition, _ct);
        Assert.True(spread!.Count > 1, $"{spread.Count} count row(s)");
        Assert.Single((await tally.ReadAsync(partition, _ct))!);
        Assert.Equal(counts, await AssertExactAsync(tables, partition, expectedRows: 240 - 48));
        await stores[0].PutAsync(partition, "2026-11-02|sig-race0001|intake", "sig-race0001", 9, Columns("sig-race0001", "ann"), likelyNew: false, _ct);
        await stores[1].RemoveAsync(partition, "2026-11-02|sig-race0002|intake", "sig-race0002", 9, _ct); // through a folded-away count row it remembered
        await AssertExactAsync(tables, partition, expectedRows: 240 - 48 - 1);
    }

    [Fact]
    public async Task Rows_from_before_counting_are_counted_once_by_racing_completions_beside_live_writers()
    {
        var (tables, partition) = await NewPartitionAsync();
        var tally = new WorklistTallyStore(tables);
        Assert.Null(await tally.ReadAsync(partition, _ct));

        // 150 rows as the index wrote them before count rows existed: no Counted column, no count rows.
        foreach (var chunk in Enumerable.Range(0, 150).Chunk(50))
        {
            await tables.Index.SubmitTransactionAsync(chunk.Select(i =>
            {
                var id = $"sig-old{i:D4}";
                var entity = new TableEntity(partition, $"2026-11-{2 + (i % 3):D2}|{id}|intake") { ["InstanceId"] = id, ["Version"] = 1L, ["Active"] = i % 10 != 0 };
                foreach (var (column, value) in Columns(id, i % 2 == 0 ? "ann" : ""))
                {
                    entity[column] = value;
                }

                return new TableTransactionAction(TableTransactionActionType.Add, entity);
            }), _ct);
        }

        var index = new IndexStore(tables);
        var writers = Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                var id = $"sig-old{i:D4}";
                var key = $"2026-11-{2 + (i % 3):D2}|{id}|intake";
                if (i % 2 == 0)
                {
                    await index.RemoveAsync(partition, key, id, 2, _ct);
                }
                else
                {
                    await index.PutAsync(partition, key, id, 2, Columns(id, "bob"), likelyNew: false, _ct);
                }

                await index.PutAsync(partition, $"2026-11-04|sig-new{i:D4}|intake", $"sig-new{i:D4}", 1, Columns($"sig-new{i:D4}", ""), likelyNew: true, _ct);
            }
        }, _ct);
        await Task.WhenAll(tally.CompleteAsync(partition, _ct), tally.CompleteAsync(partition, _ct), writers);

        Assert.NotNull(await tally.ReadAsync(partition, _ct));
        var live = 150 - 15 - 15 + 3 + 30; // old rows, tombstones among them, removed by writers (three were tombstones already), new rows
        await AssertExactAsync(tables, partition, expectedRows: live);
        await tally.CompleteAsync(partition, _ct); // again: nothing more to count
        await AssertExactAsync(tables, partition, expectedRows: live);
    }

    private async Task<(CaseTables Tables, string Partition)> NewPartitionAsync()
    {
        var tables = CaseTables.FromConnectionString(azurite.ConnectionString, $"t{Guid.NewGuid():N}"[..12], new StorageRequestCounter());
        await tables.EnsureCreatedAsync(_ct);
        return (tables, Worklist.Partition("GM0479"));
    }

    private static Dictionary<string, string> Columns(string caseId, string assignee) => new()
    {
        ["Kind"] = "signal",
        ["CaseId"] = caseId,
        ["Step"] = "intake",
        ["Label"] = "Intake",
        ["Due"] = "2026-11-02",
        ["Assignee"] = assignee,
        ["Team"] = "team-a",
    };

    /// <summary>The count rows summed per due date and bucket, asserted equal to the live rows grouped the same way.</summary>
    private async Task<Dictionary<(DateOnly, string), int>> AssertExactAsync(CaseTables tables, string partition, int expectedRows)
    {
        var rows = await new IndexStore(tables).QueryAsync(partition, null, null, null, null, _ct);
        Assert.Equal(expectedRows, rows.Count);
        var truth = rows
            .GroupBy(r => (DateOnly.Parse(r.Key[..10], System.Globalization.CultureInfo.InvariantCulture), WorklistTally.Bucket(r.Properties)))
            .ToDictionary(g => g.Key, g => g.Count());

        var counted = new Dictionary<(DateOnly, string), int>();
        await foreach (var entity in tables.Index.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {WorklistTally.CountKeyPrefix} and RowKey lt {WorklistTally.CompleteKey}"), cancellationToken: _ct))
        {
            var map = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(entity.GetString("Counts"))!;
            foreach (var (bucket, n) in map)
            {
                counted[(WorklistTally.DateOf(entity.RowKey), bucket)] = counted.GetValueOrDefault((WorklistTally.DateOf(entity.RowKey), bucket)) + n;
            }
        }

        var sums = counted.Where(p => p.Value != 0).ToDictionary(p => p.Key, p => p.Value); // one count row may hold -1, another +1
        Assert.Equal(truth, sums);
        return sums;
    }
}
