using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Workflows.Application.Api;
using Workflows.Application.Hosting.Faults;

namespace Workflows.Application.Hosting.RateLimiting;

/// <summary>
/// The answer to a request over its corporation's limit: 429 problem+json with <c>Retry-After</c>, the token bucket's
/// own estimate of when a token is back, or <see cref="CorporationLimitsOptions.BatchRetryAfter"/> for a batch refused
/// because another is in progress.
/// </summary>
internal static class CorporationLimitRejection
{
    public static ValueTask WriteAsync(OnRejectedContext context, CorporationLimitsOptions limits)
    {
        var http = context.HttpContext;
        var (limit, retryAfter, detail) = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var estimate)
            ? ("request rate", estimate,
                $"This corporation sends more than {limits.RequestsPerPeriod} requests per {limits.Period.TotalSeconds:0.###} s " +
                $"(bursts of {limits.Burst}). Nothing was stored; send it again after Retry-After.")
            : ("batch", limits.BatchRetryAfter,
                $"This corporation already has as many batches in progress as it may ({limits.ConcurrentBatches}); send the next one " +
                "when one is answered. Nothing of this one was stored.");
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CorporationLimits))
            .CorporationLimited(CorporationLimits.CorporationOf(http) ?? "?", limit, http.GetEndpoint()?.DisplayName);
        RetryAfter.Set(http.Response, retryAfter);
        return new ValueTask(Problems.TooManyRequests(detail).ExecuteAsync(http));
    }
}
