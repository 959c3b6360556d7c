using System.Text.Json;
using Microsoft.DurableTask;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Cases;

namespace Workflows.Orchestrations.Activities;

/// <summary>
/// A Durable Task activity over an application's <see cref="IActivityHandler"/> (mail, purge, digests): the
/// handler sees its stable activity id and input; a refusal stops the retries, a Retry-After holds the next attempt back, anything else is retried by the
/// orchestrator's policy.
/// </summary>
public sealed class HandlerActivity(IActivityHandler handler, CancellationToken stopping) : TaskActivity<ActivityCall, JsonElement?>
{
    public override async Task<JsonElement?> RunAsync(TaskActivityContext context, ActivityCall input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var result = await handler.ExecuteAsync(new ActivityContext(input.InstanceId, input.ActivityId, input.Input, 1) { DecidedAt = input.DecidedAt }, stopping);
            return result is null ? null : DomainJson.ToElement(result);
        }
        catch (ActivityException ex) when (!ex.Retryable)
        {
            throw new ActivityRefusedException($"{handler.Name} refused: {ex.Message}");
        }
        catch (ActivityException ex) when (ex.RetryAfter is { } wait && wait > TimeSpan.Zero)
        {
            throw new ActivityDeferredException($"{handler.Name} deferred: {ex.Message}", wait);
        }
    }
}
