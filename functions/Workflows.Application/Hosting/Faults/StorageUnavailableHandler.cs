using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Workflows.Application.Api;

namespace Workflows.Application.Hosting.Faults;

/// <summary>
/// Storage that does not answer is "try again later", not "our bug": 503 problem+json with <c>Retry-After</c>
/// (<see cref="ApiOptions.StorageRetryAfter"/>) instead of 500. Runs in the exception handler both hosts' pipeline
/// has, so every endpoint and the authentication before it answer alike. Whatever a request stored before storage
/// went away is whole (a signal's case is started or not): the same request again, with the same
/// <c>externalReference</c> or <c>Idempotency-Key</c>, takes nothing twice.
/// </summary>
internal sealed class StorageUnavailableHandler(IOptions<ApiOptions> options, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!StorageFaults.IsUnavailable(exception))
        {
            return false;
        }

        // Handled exceptions are not logged by the middleware; this one is an outage to see, not a bug to fix.
        logger.StorageUnavailable(exception, httpContext.GetEndpoint()?.DisplayName);
        var retryAfter = options.Value.StorageRetryAfter;
        RetryAfter.Set(httpContext.Response, retryAfter);
        await Problems.ServiceUnavailable(
                $"Storage does not answer right now. Send the same request again in {RetryAfter.Seconds(retryAfter)} s: " +
                "with the same externalReference or Idempotency-Key nothing is taken twice.")
            .ExecuteAsync(httpContext);
        return true;
    }
}
