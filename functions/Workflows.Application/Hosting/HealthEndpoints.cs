using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Workflows.Application.Hosting;

/// <summary><c>GET /healthz</c>: 200 <c>{ "status": "healthy" }</c> when storage answers, else 503 problem+json with <c>Retry-After</c>.</summary>
internal static class HealthEndpoints
{
    public const string Path = "/healthz";

    /// <summary>The endpoint's name, by which the Functions app's HTTP function invokes it.</summary>
    public const string Name = "Health";

    public static IEndpointConventionBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .WithName(Name)
            // Probes (App Service, load balancers) carry no credentials, and the answer reveals no data.
            .AllowAnonymous()
            .DisableHttpMetrics();

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (report.Status == HealthStatus.Unhealthy)
        {
            // Descriptions are ours and free of secrets; exceptions stay in the log.
            // The one check is storage's: as any request whose storage does not answer, say when to look again.
            Faults.RetryAfter.Set(context.Response, context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.StorageRetryAfter);
            var reasons = report.Entries.Values
                .Where(e => e.Status == HealthStatus.Unhealthy)
                .Select(e => e.Description ?? "Unhealthy.");
            return TypedResults.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Service unavailable",
                    detail: string.Join(" ", reasons))
                .ExecuteAsync(context);
        }

        return context.Response.WriteAsJsonAsync(new HealthResponse(report.Status == HealthStatus.Healthy ? "healthy" : "degraded"), context.RequestAborted);
    }

    private sealed record HealthResponse(string Status);
}
