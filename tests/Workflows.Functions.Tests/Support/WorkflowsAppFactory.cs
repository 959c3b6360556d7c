using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflows.Testing;

namespace Workflows.Functions.Tests.Support;

/// <summary>
/// The real app on a test server: storage from <paramref name="connectionString"/> (usually the class's
/// <see cref="AzuriteFixture"/>), its own tables and queues (<see cref="Prefix"/>), a virtual clock, and
/// quick engine polling. Production environment unless <see cref="Environment"/> says otherwise, so
/// tests see what production answers. Add or override configuration through <see cref="Settings"/>
/// before the first request.
/// </summary>
public sealed class WorkflowsAppFactory(string connectionString) : WebApplicationFactory<Program>
{
    public string Prefix { get; } = AzuriteFixture.NewPrefix();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    public string Environment { get; init; } = "Production";

    /// <summary>Where Development seeding writes its keys: a temporary file of this app's own.</summary>
    public string CredentialsFile { get; } = Path.Combine(Path.GetTempPath(), "workflows-tests", $"dev-credentials-{Guid.NewGuid():N}.json");

    /// <summary>Configuration on top of appsettings.json; a null value removes a key's effect.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra service registrations, applied after the app's own.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Middleware appended after the app's endpoints, e.g. to provoke an unhandled exception.</summary>
    public Action<IApplicationBuilder>? AfterEndpoints { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                ["Storage:ConnectionString"] = connectionString,
                ["Engine:Prefix"] = Prefix,
                // A virtual clock cannot steer queue visibility: timers go through the swept index.
                ["Engine:TimerMode"] = "Indexed",
                ["Engine:MinPollInterval"] = "00:00:00.010",
                ["Engine:MaxPollInterval"] = "00:00:00.200",
                ["Engine:MaxTimerPollInterval"] = "00:00:00.050",
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
            services.AddSingleton<TimeProvider>(Clock);
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
