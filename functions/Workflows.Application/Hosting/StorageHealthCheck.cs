using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflows.Orchestrations.Storage;

namespace Workflows.Application.Hosting;

/// <summary>
/// Healthy when storage answers a one-row query on the index table within <see cref="Timeout"/>: the
/// account is reachable, our identity may read, and the application's tables exist.
/// </summary>
internal sealed class StorageHealthCheck(CaseTables storage) : IHealthCheck
{
    public const string Name = "storage";

    /// <summary>Shorter than the SDK's own retries, so an unreachable account reports within seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            var pages = storage.Index
                .QueryAsync<TableEntity>(filter: "PartitionKey eq '~healthz'", maxPerPage: 1, select: ["PartitionKey"], cancellationToken: deadline.Token)
                .AsPages(pageSizeHint: 1);
            await foreach (var _ in pages)
            {
                break;
            }

            return HealthCheckResult.Healthy("Storage answers.");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Storage answers, but the application's tables do not exist yet.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Storage did not answer within {Timeout.TotalSeconds:0} s.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Storage does not answer.", ex);
        }
    }
}
