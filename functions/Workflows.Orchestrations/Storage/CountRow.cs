using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Workflows.Orchestrations.Storage;

/// <summary>A worklist count row as read (see <see cref="Workflows.Domain.Cases.WorklistTally"/>), with the ETag that guards its next change.</summary>
internal sealed record CountRow(string Key, ETag ETag, IReadOnlyDictionary<string, int> Counts)
{
    public static CountRow From(TableEntity entity) =>
        new(entity.RowKey, entity.ETag, Parse(entity.GetString(IndexColumns.Counts)));

    /// <summary>The entity that replaces this row (or adds it) with new counts.</summary>
    public static TableEntity Entity(string partition, string key, IReadOnlyDictionary<string, int> counts) =>
        new(partition, key) { [IndexColumns.Counts] = JsonSerializer.Serialize(counts) };

    /// <summary>The action that writes new counts: an add where no row was read, else a replace guarded by its ETag.</summary>
    public static TableTransactionAction Write(string partition, string key, CountRow? read, IReadOnlyDictionary<string, int> counts) =>
        read is null
            ? new TableTransactionAction(TableTransactionActionType.Add, Entity(partition, key, counts))
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity(partition, key, counts), read.ETag);

    private static Dictionary<string, int> Parse(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [];
}
