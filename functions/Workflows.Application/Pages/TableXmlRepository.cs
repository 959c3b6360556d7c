using System.Xml.Linq;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Workflows.Orchestrations.Storage;

namespace Workflows.Application.Pages;

/// <summary>
/// The Data Protection key ring (it protects the session and antiforgery cookies) in the application's own Table
/// Storage, one row per key, so every instance of the Functions app, and a restarted local host, reads the same keys:
/// with the default per-machine key ring a user would be signed out, and a form refused, whenever a request reached
/// another instance. Storage is encrypted at rest and reached only by the app's identity.
/// </summary>
internal sealed class TableXmlRepository(CaseTables storage) : IXmlRepository
{
    private const string Partition = "dataprotection";

    private readonly TableClient _table = storage.Service.GetTableClient($"{storage.Prefix}keys");
    private int _created;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureTable();
        return [.. _table.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"))
            .Select(row => XElement.Parse(row.GetString("Xml")))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        EnsureTable();
        // A key is written once and never changed (revocation is a new element), so two instances adding keys at once do not clash.
        var row = new TableEntity(Partition, $"{friendlyName}-{Guid.NewGuid():N}") { ["Xml"] = element.ToString(SaveOptions.DisableFormatting) };
        _table.AddEntity(row);
    }

    private void EnsureTable()
    {
        if (Volatile.Read(ref _created) == 0)
        {
            try
            {
                _table.CreateIfNotExists();
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Created by another instance meanwhile.
            }

            Volatile.Write(ref _created, 1);
        }
    }
}
