using Workflows.Domain.Cases;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;

namespace Workflows.Application.Retention;

/// <summary>
/// Retention expiry (RULES §1 "Retention"): keep the anonymous count, then delete every row and queued
/// message of the case and of the signals it absorbed. Idempotent, so running it again is harmless.
/// </summary>
public sealed class PurgeCaseActivity(CaseStatistics statistics, CaseClient client) : IActivityHandler
{
    public string Name => PurgeRequest.ActivityName;

    public async Task<object?> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var request = context.InputAs<PurgeRequest>();
        await statistics.RecordAsync(request, cancellationToken);
        var purged = 0;
        foreach (var caseId in request.CaseIds)
        {
            if (await client.PurgeAsync(caseId, "retention-expired", cancellationToken, fromItsOwnActivity: caseId == context.InstanceId))
            {
                purged++;
            }
        }

        // The instance that asked is gone now; nothing reads this result, it is for the task hub's history.
        return new { purged };
    }
}
