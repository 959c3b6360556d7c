using System.Globalization;
using Azure.Data.Tables;
using Workflows.Domain.Cases;
using Workflows.Orchestrations.Storage;
using Workflows.Application.Auth;

namespace Workflows.Application.Audit;

/// <summary>One read of a case's personal data: who, when, which case (no personal data itself).</summary>
public sealed record AccessEntry(DateTimeOffset At, string StaffId, CaseKind CaseKind, string CaseId, string Action);

/// <summary>
/// The access log (RULES §2: log every read of criminal-law data). Each read is written twice, under the
/// case and under the staff member, so admins can ask either question with a partition query.
/// Newest first: row keys count down.
/// </summary>
public sealed class AccessLog(CaseTables storage, TimeProvider clock)
{
    private readonly TableClient _table = storage.Service.GetTableClient($"{storage.Prefix}access");
    private int _created;

    public async Task RecordAsync(Caller who, CaseKind kind, string caseId, string action, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var key = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}|{Guid.NewGuid():N}");
        foreach (var partition in new[] { CasePartition(caseId), StaffPartition(who.Id) })
        {
            await _table.AddEntityAsync(
                new TableEntity(partition, key)
                {
                    ["At"] = now,
                    ["StaffId"] = who.Id,
                    ["CaseKind"] = kind.ToString(),
                    ["CaseId"] = caseId,
                    ["Action"] = action,
                },
                cancellationToken);
        }
    }

    public Task<IReadOnlyList<AccessEntry>> ForCaseAsync(string caseId, int take, CancellationToken cancellationToken) =>
        ReadAsync(CasePartition(caseId), take, cancellationToken);

    public Task<IReadOnlyList<AccessEntry>> ForStaffAsync(string staffId, int take, CancellationToken cancellationToken) =>
        ReadAsync(StaffPartition(staffId), take, cancellationToken);

    private async Task<IReadOnlyList<AccessEntry>> ReadAsync(string partition, int take, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var entries = new List<AccessEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(take, 1000), cancellationToken: cancellationToken))
        {
            entries.Add(new AccessEntry(
                row.GetDateTimeOffset("At") ?? default,
                row.GetString("StaffId"),
                Enum.Parse<CaseKind>(row.GetString("CaseKind")),
                row.GetString("CaseId"),
                row.GetString("Action")));
            if (entries.Count >= take)
            {
                break;
            }
        }

        return entries;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            Volatile.Write(ref _created, 1);
        }
    }

    private static string CasePartition(string caseId) => $"case|{caseId}";

    private static string StaffPartition(string staffId) => $"staff|{staffId}";
}
