using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Runtime;

namespace Workflows.Engine.Storage;

/// <summary>Reads and writes one instance's partition. Every write of a transition is one ETag-guarded batch.</summary>
internal sealed class InstanceStore(EngineStorage storage)
{
    private TableClient Table => storage.Instances;

    /// <summary>The outbox recorded when <paramref name="eventId"/> was applied to this instance; null when it was not.</summary>
    public async Task<IReadOnlyList<OutboxIntent>?> AppliedOutboxAsync(string instanceId, string eventId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(instanceId, Keys.Event(eventId), cancellationToken: cancellationToken);
        return response.HasValue
            ? JsonSerializer.Deserialize<List<OutboxIntent>>(Chunks.Read(response.Value!, "Outbox") ?? "[]", EngineJson.Options)
            : null;
    }

    public async Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(instanceId, Keys.State, cancellationToken: cancellationToken);
        return response.HasValue ? InstanceRecord.FromEntity(response.Value!) : null;
    }

    /// <summary>Commits atomically; throws <see cref="RequestFailedException"/> 409/412 when another worker won.</summary>
    public async Task CommitAsync(TransitionCommit commit, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        var state = commit.Record.ToEntity();
        actions.Add(commit.IsNew
            ? new TableTransactionAction(TableTransactionActionType.Add, state)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, commit.Record.ETag));

        if (commit.EventId is not null)
        {
            // The dedupe marker doubles as the outbox: a redelivered message finds it and re-sends.
            var applied = new TableEntity(commit.Record.InstanceId, Keys.Event(commit.EventId))
            {
                ["Sequence"] = commit.Record.Sequence,
                ["AppliedAt"] = commit.Record.LastUpdatedAt,
            };
            Chunks.Write(applied, "Outbox", JsonSerializer.Serialize(commit.Outbox, EngineJson.Options));
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, applied));
        }

        var n = 0;
        foreach (var line in commit.History)
        {
            var row = new TableEntity(commit.Record.InstanceId, Keys.History(line.Sequence, n++))
            {
                ["At"] = line.At,
                ["What"] = line.What,
                ["Name"] = line.Name,
                ["Source"] = line.Source,
            };
            Chunks.Write(row, "Detail", line.Detail?.GetRawText());
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }

        foreach (var parked in commit.ParkAdd)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ParkedEntity(commit.Record.InstanceId, parked)));
        }

        foreach (var key in commit.ParkDelete)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(commit.Record.InstanceId, key), ETag.All));
        }

        await Table.SubmitTransactionAsync(actions, cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {Keys.HistoryPrefix} and RowKey lt {"h}"}");
        var lines = new List<HistoryEvent>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var detail = Chunks.Read(row, "Detail");
            lines.Add(new HistoryEvent(
                long.Parse(row.RowKey.AsSpan(2, 10), System.Globalization.CultureInfo.InvariantCulture),
                row.GetDateTimeOffset("At") ?? default,
                row.GetString("What"),
                row.GetString("Name"),
                row.GetString("Source"),
                detail is null ? null : JsonDocument.Parse(detail).RootElement.Clone()));
        }

        return lines;
    }

    public async Task<IReadOnlyList<(string Key, ParkedMessage Message)>> ParkedAsync(string instanceId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {Keys.ParkedPrefix} and RowKey lt {"p}"}");
        var parked = new List<(string, ParkedMessage)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var message = JsonSerializer.Deserialize<WorkMessage>(Chunks.Read(row, "Message")!, EngineJson.Options)!;
            parked.Add((row.RowKey, new ParkedMessage(message.EventId, message, row.GetString("PoisonMessageId"), row.GetString("PoisonPopReceipt"))));
        }

        return parked;
    }

    /// <summary>Remembers where a wake-up's queue message is, so cancel and purge can delete it.</summary>
    public Task TrackWakeupMessageAsync(string instanceId, string wakeupId, string messageId, string popReceipt, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(
            new TableEntity(instanceId, Keys.WakeupMessage(wakeupId)) { ["MessageId"] = messageId, ["PopReceipt"] = popReceipt },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<(string MessageId, string PopReceipt)?> FindWakeupMessageAsync(string instanceId, string wakeupId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(instanceId, Keys.WakeupMessage(wakeupId), cancellationToken: cancellationToken);
        return row.HasValue ? (row.Value!.GetString("MessageId"), row.Value.GetString("PopReceipt")) : null;
    }

    public async Task ForgetWakeupMessageAsync(string instanceId, string wakeupId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(instanceId, Keys.WakeupMessage(wakeupId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already forgotten.
        }
    }

    /// <summary>Every row of the partition (for purge).</summary>
    public async Task<IReadOnlyList<TableEntity>> AllRowsAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Deletes rows of one partition in batches of 100 (the entity-group limit).</summary>
    public async Task DeleteRowsAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(100))
        {
            var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey), ETag.All));
            await Table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    private static TableEntity ParkedEntity(string instanceId, ParkedMessage parked)
    {
        var entity = new TableEntity(instanceId, Keys.Parked(parked.EventId))
        {
            ["PoisonMessageId"] = parked.PoisonMessageId,
            ["PoisonPopReceipt"] = parked.PoisonPopReceipt,
        };
        Chunks.Write(entity, "Message", JsonSerializer.Serialize(parked.Message, EngineJson.Options));
        return entity;
    }
}
