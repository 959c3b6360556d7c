using System.Diagnostics;
using Azure.Core.Serialization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using OpenTelemetry;
using Workflows.Application.Hosting;
using Workflows.Domain.Decisions;
using Workflows.FunctionApp.Http;
using Workflows.FunctionApp.Runtime;

namespace Workflows.FunctionApp.Hosting;

/// <summary>The Functions app's services: the application as the local host has it, on the Functions host's runtime.</summary>
internal static class FunctionAppServices
{
    public static IServiceCollection AddFunctionApp(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddApplication(configuration, environment);
        // The Durable extension creates the task hub; the application's own tables are ours to create.
        services.AddHostedService<ApplicationTablesInitializer>();
        // Function invocations as spans, with the Functions host's trace context (on top of the application's telemetry).
        services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
        // Endpoint code and activities use the client of the invocation in hand (the [DurableClient] binding).
        services.AddSingleton<AmbientDurableTaskClient>();
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<AmbientDurableTaskClient>());
        // The application's endpoints, invoked by the HTTP functions; also the routes the authorization policy cache
        // and the OpenAPI document see (registered last, so this data source is the one resolved).
        services.AddRouting();
        // What ASP.NET Core's web host registers and its middleware (exception handler) asks for; kept if the
        // worker's ASP.NET Core integration registered it already.
        services.TryAddSingleton(_ => new DiagnosticListener("Microsoft.AspNetCore"));
        services.TryAddSingleton<DiagnosticSource>(sp => sp.GetRequiredService<DiagnosticListener>());
        services.TryAddSingleton<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>(sp => new FunctionsWebHostEnvironment(sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton(sp => new EndpointCatalog(sp));
        services.AddSingleton<EndpointDataSource>(sp => new CompositeEndpointDataSource(sp.GetRequiredService<EndpointCatalog>().DataSources));
        services.AddSingleton(sp => new FunctionEndpoints(sp, sp.GetRequiredService<EndpointCatalog>(), configuration, environment));
        // Orchestration inputs, activity inputs and outputs in the application's JSON shape, as the local host
        // writes them (camelCase, kebab-case enums): a case started by one host can be carried on by the other.
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(DomainJson.Options));
        return services;
    }
}
