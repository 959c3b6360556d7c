using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Workflows.Application.Auth;

namespace Workflows.Application.Hosting.RateLimiting;

/// <summary>
/// Limits per corporation with ASP.NET Core's rate limiter (<see cref="CorporationLimitsOptions"/>): every API request
/// of a corporation takes a token from that corporation's bucket, and a batch also holds one of its
/// <see cref="CorporationLimitsOptions.ConcurrentBatches"/> until it is answered. Staff, the pages and anonymous callers
/// (health, OpenAPI) have no limiter, so a corporation's load never refuses them. The middleware runs after
/// authorization (it partitions by the caller), in both hosts' pipeline; a refused request never reaches its endpoint,
/// so it stores nothing.
/// </summary>
internal static class CorporationLimits
{
    /// <summary>The policy of the batch endpoints: one batch at a time per corporation.</summary>
    public const string BatchPolicy = "corporation-batch";

    public static IServiceCollection AddCorporationLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CorporationLimitsOptions>()
            .Bind(configuration.GetSection(CorporationLimitsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        // Bound when first read (by the middleware), so configuration added later (tests) counts.
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<CorporationLimitsOptions>>((options, limits) => Configure(options, limits.Value));
        return services;
    }

    private static void Configure(RateLimiterOptions options, CorporationLimitsOptions limits)
    {
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => CorporationOf(context) is { } id
            ? RateLimitPartition.GetTokenBucketLimiter(id, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.Burst,
                TokensPerPeriod = limits.RequestsPerPeriod,
                ReplenishmentPeriod = limits.Period,
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(string.Empty));
        options.AddPolicy(BatchPolicy, context => CorporationOf(context) is { } id
            ? RateLimitPartition.GetConcurrencyLimiter(id, _ => new ConcurrencyLimiterOptions { PermitLimit = limits.ConcurrentBatches, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(string.Empty));
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, _) => CorporationLimitRejection.WriteAsync(context, limits);
    }

    /// <summary>The corporation whose limits a request counts against; null for staff, pages and anonymous callers.</summary>
    internal static string? CorporationOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Pages.PageEndpointMetadata>() is null
        && Caller.From(context.User) is { Kind: CallerKind.Corporation } caller
            ? caller.Id
            : null;
}
