using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Storage;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Wake-ups for a virtual clock (tests, the demo clock): queue visibility runs on real time and cannot
/// follow a clock that jumps, so wake-ups sit in a table keyed by due instant and a sweep on the engine
/// clock moves the due ones to the work queue. Same guarantees: durable, cancellable, stale-safe.
/// </summary>
internal sealed class IndexedTimerScheduler(EngineStorage storage, TimeProvider clock, Wakeup workWakeup, Wakeup sweepWakeup) : ITimerScheduler
{
    private const string Partition = "due";

    private TableClient Table => storage.Timers;

    public async Task ScheduleAsync(ScheduleWakeupIntent wakeup, CancellationToken cancellationToken)
    {
        await UpsertAsync(WorkMessage.Wakeup(wakeup.InstanceId, wakeup.WakeupId, wakeup.DueAt), cancellationToken);
        if (wakeup.DueAt <= clock.GetUtcNow())
        {
            sweepWakeup.Now(); // e.g. the next of several timers due at the same instant
        }
    }

    public async Task CancelAsync(CancelWakeupIntent wakeup, CancellationToken cancellationToken) =>
        await DeleteAsync(RowKey(wakeup.DueAt, wakeup.InstanceId, wakeup.WakeupId), cancellationToken);

    public Task HopAsync(WorkMessage wakeup, CancellationToken cancellationToken) => UpsertAsync(wakeup, cancellationToken);

    public Task FiredAsync(WorkMessage wakeup, CancellationToken cancellationToken) =>
        DeleteAsync(RowKey(wakeup.DueAt!.Value, wakeup.InstanceId, wakeup.WakeupId!), cancellationToken);

    /// <summary>Moves every wake-up due by the engine clock to the work queue; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var upTo = $"{clock.GetUtcNow().UtcTicks + 1:D19}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {upTo}");
        var moved = 0;
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            // Send before delete: a crash in between only repeats the firing, which is deduped.
            await storage.Work.SendMessageAsync(row.GetString("Message"), cancellationToken);
            await DeleteAsync(row.RowKey, cancellationToken);
            moved++;
        }

        if (moved > 0)
        {
            workWakeup.Now();
        }

        return moved;
    }

    /// <summary>The due instant of the earliest wake-up (an instance's earliest timer) due before <paramref name="before"/>; null when there is none.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {before.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            // Row keys start with the due instant's ticks, so the first row is the earliest wake-up.
            return new DateTimeOffset(long.Parse(row.RowKey.AsSpan(0, 19), CultureInfo.InvariantCulture), TimeSpan.Zero);
        }

        return null;
    }

    private async Task UpsertAsync(WorkMessage message, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(
            new TableEntity(Partition, RowKey(message.DueAt!.Value, message.InstanceId, message.WakeupId!))
            {
                ["InstanceId"] = message.InstanceId,
                ["Message"] = JsonSerializer.Serialize(message, EngineJson.Options),
            },
            TableUpdateMode.Replace,
            cancellationToken);

    private async Task DeleteAsync(string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already swept or cancelled.
        }
    }

    private static string RowKey(DateTimeOffset due, string instanceId, string wakeupId) =>
        string.Create(CultureInfo.InvariantCulture, $"{due.UtcTicks:D19}|{instanceId}|{Keys.Escape(wakeupId)}");
}
