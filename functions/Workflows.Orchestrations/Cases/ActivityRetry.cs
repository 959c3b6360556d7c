using Microsoft.DurableTask;
using Workflows.Orchestrations.Activities;

namespace Workflows.Orchestrations.Cases;

/// <summary>
/// How an activity of a case is retried (ARCHITECTURE §5.4): exponential back-off up to a maximum, never sooner
/// than the other side asked (Retry-After), no retry after a refusal, and a bounded number of attempts. The waits
/// are durable timers, so a host that dies while waiting loses nothing.
/// </summary>
public static class ActivityRetry
{
    /// <summary>A Retry-After longer than this is taken as this (a provider asking for days is an outage, not a pause).</summary>
    public static readonly TimeSpan LongestRequestedWait = TimeSpan.FromHours(1);

    /// <summary>A queue-backed timer can wake up to a second early (visibility delays are whole seconds): added to an asked-for wait.</summary>
    public static readonly TimeSpan TimerGranularity = TimeSpan.FromSeconds(1);

    public static TaskOptions For(CaseRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TaskOptions.FromRetryHandler(async retry =>
        {
            if (retry.LastAttemptNumber >= options.ActivityMaxAttempts || Is<ActivityRefusedException>(retry.LastFailure))
            {
                return false;
            }

            await retry.OrchestrationContext.CreateTimer(
                Delay(options, retry.LastAttemptNumber, ActivityDeferredException.RetryAfterOf(retry.LastFailure)), retry.CancellationToken);
            return true;
        });
    }

    /// <summary>
    /// The wait after attempt <paramref name="attempt"/> (1-based): the back-off, or the asked-for wait (plus
    /// <see cref="TimerGranularity"/>, so the next attempt is never sooner than asked) if longer.
    /// </summary>
    public static TimeSpan Delay(CaseRuntimeOptions options, int attempt, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(options);
        var backoff = options.ActivityFirstRetryInterval * Math.Pow(2, Math.Min(attempt - 1, 30));
        if (backoff > options.ActivityMaxRetryInterval)
        {
            backoff = options.ActivityMaxRetryInterval;
        }

        var asked = retryAfter is { } r ? (r > LongestRequestedWait ? LongestRequestedWait : r) + TimerGranularity : TimeSpan.Zero;
        return asked > backoff ? asked : backoff;
    }

    /// <summary>
    /// Whether the failure is of that type, by name: the SDK's <c>IsCausedBy</c> resolves the names of inner failures
    /// by reflection, which throws for a name two loaded assemblies share (seen with HttpRequestException).
    /// </summary>
    public static bool Is<TException>(TaskFailureDetails? failure) where TException : Exception =>
        failure?.ErrorType == typeof(TException).FullName;
}
