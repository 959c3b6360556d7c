using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Workflows.Domain.Cases;
using Workflows.Orchestrations.Storage;

namespace Workflows.Application.Retention;

/// <summary>A count that outlives the purge: month, municipality, corporation, urgency, outcome (RULES §1 "Retention").</summary>
public sealed record CaseCount(string Kind, string Municipality, string Month, string? Corporation, bool Urgent, string Outcome, int Count);

/// <summary>
/// Anonymous counts kept after personal data is purged. One row per purged case, keyed by a hash of its
/// id so a repeated purge writes the same row (the activity runs at least once); counting reads a
/// partition per kind and municipality.
/// </summary>
public sealed class CaseStatistics(CaseTables storage)
{
    private readonly TableClient _table = storage.Service.GetTableClient($"{storage.Prefix}stats");

    public async Task RecordAsync(PurgeRequest request, CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        var caseKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request.CaseIds[0])))[..32];
        await _table.UpsertEntityAsync(
            new TableEntity(Partition(request.Kind, request.Municipality), $"{request.Month}|{caseKey}")
            {
                ["Month"] = request.Month,
                ["Corporation"] = request.Corporation,
                ["Urgent"] = request.Urgent,
                ["Outcome"] = request.Outcome,
                ["Signals"] = request.CaseIds.Count,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>Counts per month, corporation, urgency and outcome.</summary>
    public async Task<IReadOnlyList<CaseCount>> CountsAsync(CaseKind kind, string municipality, CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(kind, municipality)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return [.. rows
            .GroupBy(r => (Month: r.GetString("Month"), Corporation: r.GetString("Corporation"), Urgent: r.GetBoolean("Urgent") ?? false, Outcome: r.GetString("Outcome")))
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal)
            .Select(g => new CaseCount(kind.ToString().ToLowerInvariant(), municipality, g.Key.Month, g.Key.Corporation, g.Key.Urgent, g.Key.Outcome, g.Count()))];
    }

    private static string Partition(CaseKind kind, string municipality) => $"{kind.ToString().ToLowerInvariant()}|{municipality}";
}
