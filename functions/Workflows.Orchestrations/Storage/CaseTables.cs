using Azure.Core;
using Azure.Data.Tables;

namespace Workflows.Orchestrations.Storage;

/// <summary>
/// The application's own tables beside the task hub's (one prefix): the query index (worklists), the business
/// history of cases, and records that outlive a case (purges, anonymous counts, access log, credentials).
/// </summary>
public sealed class CaseTables
{
    private CaseTables(TableServiceClient service, string prefix, StorageRequestCounter counter)
    {
        Service = service;
        Prefix = prefix;
        Counter = counter;
        Index = service.GetTableClient($"{prefix}index");
        // Not "{prefix}history": table names ignore case, and the task hub (named like the prefix in tests) has its own "History".
        History = service.GetTableClient($"{prefix}casehistory");
        Audit = service.GetTableClient($"{prefix}audit");
    }

    public string Prefix { get; }

    public StorageRequestCounter Counter { get; }

    public TableServiceClient Service { get; }

    /// <summary>Query index: worklist rows and households, partitioned by what the query asks for.</summary>
    public TableClient Index { get; }

    /// <summary>One partition per case: its business history lines.</summary>
    public TableClient History { get; }

    /// <summary>Records that must outlive a case, without personal data (purges).</summary>
    public TableClient Audit { get; }

    /// <summary>Another table under the same prefix (features keep their own: mail ledger, access log, ...).</summary>
    public TableClient Table(string name) => Service.GetTableClient($"{Prefix}{name}");

    public IEnumerable<TableClient> All => [Index, History, Audit];

    /// <summary>Client options that count every request (the figures in the README come from this).</summary>
    public static TableClientOptions Options(StorageRequestCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        var options = new TableClientOptions();
        options.AddPolicy(counter.PolicyFor("table"), HttpPipelinePosition.PerRetry);
        // Fail fast: the runtime's retries are the ones that matter; an outage should not pin a worker for minutes.
        options.Retry.MaxRetries = 3;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }

    /// <summary>Connects with a connection string (Azurite, local).</summary>
    public static CaseTables FromConnectionString(string connectionString, string prefix, StorageRequestCounter counter) =>
        new(new TableServiceClient(connectionString, Options(counter)), prefix, counter);

    /// <summary>Connects with an identity (managed identity in Azure; no keys).</summary>
    public static CaseTables FromIdentity(string accountName, TokenCredential credential, string prefix, StorageRequestCounter counter) =>
        new(new TableServiceClient(new Uri($"https://{accountName}.table.core.windows.net"), credential, Options(counter)), prefix, counter);

    /// <summary>Creates the tables if missing (idempotent).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(All.Select(t => t.CreateIfNotExistsAsync(cancellationToken)));
}
