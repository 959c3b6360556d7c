using System.Text.Json;
using Microsoft.DurableTask;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Storage;

namespace Workflows.Orchestrations.Activities;

/// <summary>
/// Writes what one episode of a case changed in the application's tables: worklist/household index rows
/// (version-guarded, ARCHITECTURE §5.6) and business history lines (keyed by transition, §5.5). At least once
/// and idempotent.
/// </summary>
public sealed class PublishCaseActivity(IndexStore index, HistoryStore history, CancellationToken stopping) : TaskActivity<ActivityCall, JsonElement?>
{
    public const string Name = "publish-case";

    public override async Task<JsonElement?> RunAsync(TaskActivityContext context, ActivityCall input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var publish = input.Input.Deserialize<PublishCase>(DomainJson.Options) ?? throw new InvalidOperationException("Publish input is empty.");
        await history.AppendAsync(publish.InstanceId, publish.History, stopping);
        var fresh = publish.Fresh.Select(k => k.Row).ToHashSet();
        foreach (var row in publish.Put)
        {
            await index.PutAsync(row.Partition, row.Key, publish.InstanceId, publish.Sequence, row.Properties, fresh.Contains((row.Partition, row.Key)), stopping);
        }

        foreach (var key in publish.Remove)
        {
            await index.RemoveAsync(key.Partition, key.Key, publish.InstanceId, publish.Sequence, stopping);
        }

        return null;
    }
}
