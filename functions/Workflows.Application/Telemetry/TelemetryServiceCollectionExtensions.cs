using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Workflows.Application.Hosting;
using Workflows.Orchestrations.Telemetry;

namespace Workflows.Application.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts (ARCHITECTURE §7): traces across HTTP (ASP.NET Core), the cases' orchestrations and
/// activities (Durable Task), the Azure SDK (tables, queues, blobs, Key Vault) and the mail provider (HttpClient);
/// metrics of the application (<see cref="ApplicationMetrics"/>), the cases (<see cref="CaseMetrics"/>), HTTP and
/// HttpClient. Exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, to Azure Monitor (by the app's
/// identity) when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is. No personal data in any span or attribute: the
/// instrumentations redact query strings, no request or response body is recorded, and our own tags are codes.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    public const string ServiceName = "workflows";

    /// <summary>The Durable Task sources: DTFx's dispatcher (local host) and the SDK's worker and client.</summary>
    public static readonly string[] DurableTaskSources = ["DurableTask.Core", "Microsoft.DurableTask", "Microsoft.DurableTask.*"];

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // The Azure SDK's client spans are opt-in.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(DurableTaskSources)
                .AddSource("Azure.*")
                // Probes would drown the traces.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(HealthEndpoints.Path, StringComparison.Ordinal))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(ApplicationMetrics.MeterName, CaseMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        if (configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is { Length: > 0 } connectionString)
        {
            // Application Insights accepts telemetry by Entra ID only (local authentication is off, infra/main.bicep).
            var credential = new DefaultAzureCredential();
            telemetry
                .WithTracing(tracing => tracing.AddAzureMonitorTraceExporter(o => (o.ConnectionString, o.Credential) = (connectionString, credential)))
                .WithMetrics(metrics => metrics.AddAzureMonitorMetricExporter(o => (o.ConnectionString, o.Credential) = (connectionString, credential)));
        }

        return services;
    }
}
