using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Orchestrations.Client;
using Workflows.Testing;

namespace Workflows.Application.Tests.Support;

/// <summary>
/// The real app on a test server: storage from <paramref name="connectionString"/> (usually the class's
/// <see cref="AzuriteFixture"/>), its own task hub and tables (<see cref="Prefix"/>), the real Durable Task
/// runtime with quick polling, and a virtual business clock (real time plus an offset; <see cref="AdvanceAsync"/>
/// moves it through the runtime, from timer to timer). Production environment unless <see cref="Environment"/> says otherwise, so
/// tests see what production answers. Add or override configuration through <see cref="Settings"/>
/// before the first request.
/// </summary>
public sealed class WorkflowsAppFactory(string connectionString) : WebApplicationFactory<Program>
{
    public string Prefix { get; } = AzuriteFixture.NewPrefix();

    /// <summary>Business time: starts at Monday 2 November 2026, 08:00 UTC, and runs on with real time.</summary>
    public VirtualTimeProvider Clock { get; } = new(TimeProvider.System, new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Moves business time forward by <paramref name="by"/>: each timer on the way fires at its instant and settles.</summary>
    public Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        Services.GetRequiredService<VirtualTimeDriver>().AdvanceToAsync(Services.GetRequiredService<CaseClock>().Now + by, cancellationToken);

    /// <summary>Moves business time to <paramref name="instant"/> (if later).</summary>
    public Task AdvanceToAsync(DateTimeOffset instant, CancellationToken cancellationToken = default) =>
        Services.GetRequiredService<VirtualTimeDriver>().AdvanceToAsync(instant, cancellationToken);

    /// <summary>Waits until every case has settled on the current business time (no timer due, no activity in flight).</summary>
    public Task SettleAsync(CancellationToken cancellationToken = default) =>
        Services.GetRequiredService<VirtualTimeDriver>().SettleAsync(cancellationToken);

    public string Environment { get; init; } = "Production";

    /// <summary>False: the app's own clock decides (the demo clock's tests); true: <see cref="Clock"/> is business time.</summary>
    public bool OwnClock { get; init; } = true;

    /// <summary>Where Development seeding writes its keys: a temporary file of this app's own.</summary>
    public string CredentialsFile { get; } = Path.Combine(Path.GetTempPath(), "workflows-tests", $"dev-credentials-{Guid.NewGuid():N}.json");

    /// <summary>Configuration on top of appsettings.json; a null value removes a key's effect.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra service registrations, applied after the app's own.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>
    /// Every answer under <c>/api/</c> is checked against the app's own OpenAPI document; one it does not declare fails the
    /// request with <see cref="Conformance.OpenApiConformanceException"/>. On by default; off only for a test that
    /// answers outside the contract on purpose.
    /// </summary>
    public bool CheckOpenApiConformance { get; init; } = true;

    /// <summary>The answers that did not match the document (each also failed its request).</summary>
    public IReadOnlyCollection<string> OpenApiViolations => _conformance.Violations;

    private readonly Conformance.OpenApiConformanceFilter _conformance = new();

    /// <summary>What the app logged as an error, with the exceptions (for a test's failure message).</summary>
    public ErrorLog Errors { get; } = new();

    /// <summary>Middleware appended after the app's endpoints, e.g. to provoke an unhandled exception.</summary>
    public Action<IApplicationBuilder>? AfterEndpoints { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                ["Storage:ConnectionString"] = connectionString,
                ["DurableTask:TaskHubName"] = Prefix,
                ["DurableTask:MaxQueuePollingInterval"] = "00:00:00.200",
                ["DurableTask:ControlQueueVisibilityTimeout"] = "00:00:10",
                ["DurableTask:WorkItemQueueVisibilityTimeout"] = "00:00:10",
                ["Cases:ActivityMaxAttempts"] = "3",
                ["Cases:ActivityFirstRetryInterval"] = "00:00:00.200",
                ["Cases:ActivityMaxRetryInterval"] = "00:00:01",
                // Development seeding writes its key file here, never over the developer's .data/dev-credentials.json.
                ["Seeding:CredentialsFile"] = CredentialsFile,
            };
            foreach (var (key, value) in Settings)
            {
                settings[key] = value;
            }

            config.AddInMemoryCollection(settings);
        });
        builder.UseDefaultServiceProvider(o =>
        {
            o.ValidateScopes = true;
            o.ValidateOnBuild = true;
        });
        builder.ConfigureTestServices(services =>
        {
            if (CheckOpenApiConformance)
            {
                // First of the startup filters, so its middleware wraps all the others and the app's whole pipeline.
                services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter>(_conformance));
            }

            // Business time is the test's virtual clock, in any environment (tests only: the app itself allows it in Development alone).
            if (OwnClock)
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton(Clock);
                services.AddSingleton(CaseClock.Virtual(Clock));
            }
            ConfigureServices?.Invoke(services);
            if (AfterEndpoints is { } after)
            {
                services.AddTransient<IStartupFilter>(_ => new AppendStartupFilter(after));
            }
        });
    }

    private sealed class AppendStartupFilter(Action<IApplicationBuilder> after) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
            app =>
            {
                next(app);
                after(app);
            };
    }
}
