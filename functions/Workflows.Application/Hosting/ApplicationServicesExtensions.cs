using Azure.Identity;
using Microsoft.Extensions.Options;
using Workflows.Orchestrations.Client;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Hosting;

using Workflows.Orchestrations.Storage;
using Workflows.Runtime;
using Workflows.Application.DevClock;
using Workflows.Application.Auth;
using Workflows.Application.Policy;
using Workflows.Application.Retention;
using Workflows.Application.Seeding;

namespace Workflows.Application.Hosting;

/// <summary>Every service registration of the application, in one place (feature areas add theirs here).</summary>
internal static class ApplicationServicesExtensions
{
    /// <summary>The local host: the application with the Durable Task worker in this process.</summary>
    public static IServiceCollection AddApplicationServices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddApplication(configuration, environment);
        services.AddLocalTaskHub();
        return services;
    }

    /// <summary>
    /// The application without a runtime: the host adds the <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/>
    /// endpoint code uses and whatever runs the <see cref="CaseTasks"/> (the local worker, or the Functions host).
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Options are bound lazily (not read here), so configuration added later, e.g. by tests, still counts.
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<DurableTaskOptions>()
            .Bind(configuration.GetSection(DurableTaskOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => !o.Problems().Any(), "DurableTask settings out of bounds (see DurableTaskOptions.Problems).")
            .ValidateOnStart();
        services.AddOptions<CaseRuntimeOptions>()
            .Bind(configuration.GetSection(CaseRuntimeOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.ActivityFirstRetryInterval > TimeSpan.Zero && o.ActivityMaxRetryInterval >= o.ActivityFirstRetryInterval,
                "Cases:ActivityFirstRetryInterval must be positive and at most Cases:ActivityMaxRetryInterval.")
            .ValidateOnStart();
        services.AddOptions<CaseClientOptions>()
            .Bind(configuration.GetSection(CaseClientOptions.Section))
            .Validate(o => o.EventWait >= TimeSpan.Zero && o.PollInterval > TimeSpan.Zero, "Cases:Client:EventWait must not be negative and PollInterval must be positive.")
            .ValidateOnStart();
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddCases(configuration, environment);
        services.AddCasePolicy(configuration);
        Signals.SignalsServiceCollectionExtensions.AddSignals(services, configuration);
        services.AddSingleton<Audit.AccessLog>();
        services.AddRetention();
        services.AddHttpApi(configuration, environment);
        RateLimiting.CorporationLimits.AddCorporationLimits(services, configuration);
        services.AddAuth(configuration, environment);
        Pages.PageServiceCollectionExtensions.AddPages(services);
        services.AddDevelopmentSeeding(configuration, environment);
        Notifications.NotificationsServiceCollectionExtensions.AddNotifications(services, configuration, environment);
        Telemetry.TelemetryServiceCollectionExtensions.AddTelemetry(services, configuration);
        return services;
    }

    /// <summary>The cases on Durable Task: the application's tables, the tasks both hosts run, the client endpoints use.</summary>
    private static void AddCases(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageRequestCounter>();
        services.AddSingleton(CreateTables);
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new StorageConnection(storage.ConnectionString, storage.AccountName,
                string.IsNullOrWhiteSpace(storage.AccountName) ? null : new DefaultAzureCredential());
        });
        // Feature areas register their ICaseDefinition and IActivityHandler services; the host runs them all.
        services.AddSingleton(sp => new CaseTasks(
            sp.GetServices<ICaseDefinition>(),
            sp.GetServices<IActivityHandler>(),
            sp.GetRequiredService<IOptions<CaseRuntimeOptions>>().Value,
            sp.GetRequiredService<CaseTables>(),
            sp.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>(),
            sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
        // Business time: the demo clock in Development with Clock:Mode=Virtual, the system clock everywhere else.
        services.AddSingleton(sp => ClockOptions.IsVirtual(configuration, environment)
            ? CaseClock.Virtual(sp.GetRequiredService<VirtualTimeProvider>())
            : CaseClock.System);
        services.AddSingleton(sp => new CaseClient(
            sp.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>(),
            sp.GetServices<ICaseDefinition>(),
            sp.GetRequiredService<CaseClock>(),
            sp.GetRequiredService<CaseTables>(),
            sp.GetRequiredService<IOptions<CaseClientOptions>>().Value,
            sp.GetRequiredService<ILogger<CaseClient>>()));
        services.AddSingleton(sp => new VirtualTimeDriver(sp.GetRequiredService<CaseClient>(), TimeProvider.System));
        services.AddHealthChecks().AddCheck<StorageHealthCheck>(StorageHealthCheck.Name);
    }

    /// <summary>The local runtime: DTFx's worker over the task hub in this process, and its client.</summary>
    private static void AddLocalTaskHub(this IServiceCollection services)
    {
        services.AddSingleton(sp => new LocalTaskHub(
            sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value,
            sp.GetRequiredService<StorageConnection>(),
            sp.GetRequiredService<CaseTables>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<Microsoft.DurableTask.Client.DurableTaskClient>(sp => sp.GetRequiredService<LocalTaskHub>().Client);
        // Registered by TaskHubHostedService, after the hub exists: activities use its client.
        services.AddHostedService<TaskHubHostedService>();
        // The digest schedule starts with the host (the Functions app starts it on a timer instead).
        services.AddHostedService<Notifications.DigestScheduleStarter>();
    }

    private static CaseTables CreateTables(IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        // The application's tables share the task hub's name as their prefix (table names ignore case).
        var prefix = services.GetRequiredService<IOptions<DurableTaskOptions>>().Value.TaskHubName.ToLowerInvariant();
        var counter = services.GetRequiredService<StorageRequestCounter>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<CaseTables>();
        if (!string.IsNullOrWhiteSpace(storage.AccountName))
        {
            logger.StorageByIdentity(storage.AccountName, prefix);
            return CaseTables.FromIdentity(storage.AccountName, new DefaultAzureCredential(), prefix, counter);
        }

        logger.StorageByConnectionString(prefix);
        return CaseTables.FromConnectionString(storage.ConnectionString!, prefix, counter);
    }

    private static void AddHttpApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var includeExceptionDetails = environment.IsDevelopment();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context => ProblemConventions.Customize(context, includeExceptionDetails));
        services.AddExceptionHandler(o =>
            // A body cut off at the size limit surfaces as BadHttpRequestException(413) from a handler's read.
            o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        // Storage that does not answer: 503 with Retry-After, not 500 (the selector's default is for our bugs).
        services.AddExceptionHandler<Faults.StorageUnavailableHandler>();
        OpenApi.OpenApiServiceCollectionExtensions.AddApiDocument(services, configuration);
    }
}
