using Azure;
using Azure.Data.Tables;
using Workflows.Orchestrations.Storage;

namespace Workflows.Application.Notifications;

/// <summary>
/// Notification preferences in the table <c>{prefix}preferences</c>: partition the staff id, row key
/// <c>notification</c>, column Preference (wire name). No row means the default, digest-and-reminders.
/// </summary>
public sealed class PreferenceStore
{
    private const string Row = "notification";
    private int _created;

    public PreferenceStore(CaseTables storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Table = storage.Service.GetTableClient(TableName(storage.Prefix));
    }

    internal TableClient Table { get; }

    public static string TableName(string prefix) => $"{prefix}preferences";

    public async Task<NotificationPreference> GetAsync(string staffId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(staffId);
        try
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(staffId, Row, cancellationToken: cancellationToken);
            return row.HasValue ? NotificationPreferences.Parse(row.Value!.GetString("Preference")) ?? default : default;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return default; // no table yet: nobody chose anything yet
        }
    }

    public async Task SetAsync(string staffId, NotificationPreference preference, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(staffId);
        if (Volatile.Read(ref _created) == 0)
        {
            await Table.CreateIfNotExistsAsync(cancellationToken);
            Volatile.Write(ref _created, 1);
        }

        await Table.UpsertEntityAsync(
            new TableEntity(staffId, Row) { ["Preference"] = NotificationPreferences.ToWire(preference), ["ChangedAt"] = at },
            TableUpdateMode.Replace,
            cancellationToken);
    }
}
