using Azure.Identity;
using Microsoft.Extensions.Options;
using Workflows.Engine;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Client;
using Workflows.Engine.Runtime;
using Workflows.Engine.Storage;
using Workflows.Functions.Auth;
using Workflows.Functions.Policy;
using Workflows.Functions.Retention;
using Workflows.Functions.Seeding;

namespace Workflows.Functions.Hosting;

/// <summary>Every service registration of the host, in one place (feature areas add theirs here).</summary>
internal static class ApplicationServicesExtensions
{
    public static IServiceCollection AddApplicationServices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Options are bound lazily (not read here), so configuration added later, e.g. by tests, still counts.
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<EngineOptions>()
            .Bind(configuration.GetSection("Engine"))
            .ValidateDataAnnotations()
            .Validate(o => o.MessageVisibility > TimeSpan.Zero, "Engine:MessageVisibility must be positive.")
            .Validate(o => o.MinPollInterval > TimeSpan.Zero && o.MaxPollInterval >= o.MinPollInterval,
                "Engine:MinPollInterval must be positive and at most Engine:MaxPollInterval.")
            .Validate(o => o.MaxTimerPollInterval > TimeSpan.Zero, "Engine:MaxTimerPollInterval must be positive.")
            .Validate(o => o.RetryBackoff >= TimeSpan.Zero && o.MaxRetryBackoff >= o.RetryBackoff,
                "Engine:RetryBackoff must not be negative nor exceed Engine:MaxRetryBackoff.")
            .Validate(o => o.TimerMaxHop > TimeSpan.Zero && o.TimerMaxHop <= TimeSpan.FromDays(7),
                "Engine:TimerMaxHop must be positive and at most 7 days (the queue's visibility limit).")
            .ValidateOnStart();
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddEngine();
        services.AddCasePolicy(configuration);
        Signals.SignalsServiceCollectionExtensions.AddSignals(services, configuration);
        services.AddSingleton<Audit.AccessLog>();
        services.AddRetention();
        services.AddHttpApi(environment);
        services.AddAuth(configuration);
        services.AddDevelopmentSeeding(configuration, environment);
        Notifications.NotificationsServiceCollectionExtensions.AddNotifications(services, configuration, environment);
        AzureFunctions.CustomHandlerServiceCollectionExtensions.AddAzureFunctionsCustomHandler(services);
        return services;
    }

    private static void AddEngine(this IServiceCollection services)
    {
        // The domain clock; tests replace it with a FakeTimeProvider.
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageRequestCounter>();
        services.AddSingleton(CreateStorage);
        // Feature areas register their IOrchestrationDefinition and IActivityHandler services; the registry takes them all.
        services.AddSingleton(sp => new OrchestrationRegistry(
            sp.GetServices<IOrchestrationDefinition>(), () => sp.GetServices<IActivityHandler>()));
        services.AddSingleton(sp => new WorkflowEngine(
            sp.GetRequiredService<EngineStorage>(),
            sp.GetRequiredService<IOptions<EngineOptions>>().Value,
            sp.GetRequiredService<OrchestrationRegistry>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<OrchestrationClient>(sp => sp.GetRequiredService<WorkflowEngine>().Client);
        services.AddHostedService<EngineHostedService>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>(StorageHealthCheck.Name);
    }

    private static EngineStorage CreateStorage(IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var engine = services.GetRequiredService<IOptions<EngineOptions>>().Value;
        var counter = services.GetRequiredService<StorageRequestCounter>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<EngineStorage>();
        if (!string.IsNullOrWhiteSpace(storage.AccountName))
        {
            logger.StorageByIdentity(storage.AccountName, engine.Prefix);
            return EngineStorage.FromIdentity(storage.AccountName, new DefaultAzureCredential(), engine.Prefix, counter);
        }

        logger.StorageByConnectionString(engine.Prefix);
        return EngineStorage.FromConnectionString(storage.ConnectionString!, engine.Prefix, counter);
    }

    private static void AddHttpApi(this IServiceCollection services, IHostEnvironment environment)
    {
        var includeExceptionDetails = environment.IsDevelopment();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context => ProblemConventions.Customize(context, includeExceptionDetails));
        services.AddExceptionHandler(o =>
            // A body cut off at the size limit surfaces as BadHttpRequestException(413) from a handler's read.
            o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Workflows API";
            document.Info.Version = ApiVersion.Current;
            return Task.CompletedTask;
        }));
    }
}
