using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Orchestrations.Client;

namespace Workflows.Browser.Tests.Support;

/// <summary>
/// The local host (its <c>Program</c>) for the browser tests, modelled on the application tests'
/// <c>WorkflowsAppFactory</c> (kept apart so these tests build without that project): storage from
/// <paramref name="connectionString"/>, its own task hub and tables, the real Durable Task runtime with quick polling,
/// and a virtual business clock. Always the Development environment: the pages' seeded users and the seeded keys.
/// </summary>
public sealed class PagesAppFactory(string connectionString, string prefix) : WebApplicationFactory<Program>
{
    /// <summary>Business time: starts at Monday 2 November 2026, 08:00 UTC, and runs on with real time.</summary>
    public VirtualTimeProvider Clock { get; } = new(TimeProvider.System, new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Where Development seeding writes its keys: a temporary file of this app's own, never the developer's .data/.</summary>
    public string CredentialsFile { get; } = Path.Combine(Path.GetTempPath(), "workflows-tests", $"browser-credentials-{Guid.NewGuid():N}.json");

    /// <summary>The folder of the mail the app writes (reminders, escalations): temporary too.</summary>
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "workflows-tests", $"browser-mail-{Guid.NewGuid():N}");

    /// <summary>Moves business time forward by <paramref name="by"/>: each timer on the way fires at its instant and settles.</summary>
    public Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken) =>
        Services.GetRequiredService<VirtualTimeDriver>().AdvanceToAsync(Services.GetRequiredService<CaseClock>().Now + by, cancellationToken);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["DurableTask:TaskHubName"] = prefix,
            ["DurableTask:MaxQueuePollingInterval"] = "00:00:00.200",
            ["DurableTask:ControlQueueVisibilityTimeout"] = "00:00:10",
            ["DurableTask:WorkItemQueueVisibilityTimeout"] = "00:00:10",
            ["Cases:ActivityMaxAttempts"] = "3",
            ["Cases:ActivityFirstRetryInterval"] = "00:00:00.200",
            ["Cases:ActivityMaxRetryInterval"] = "00:00:01",
            ["Seeding:CredentialsFile"] = CredentialsFile,
            ["Mail:Directory"] = MailDirectory,
            ["Mail:DigestEnabled"] = "false",
            // A failing test shows the app's warnings and errors, not every request.
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        builder.ConfigureTestServices(services =>
        {
            // Business time is the test's virtual clock (as in the application tests), so dates on the pages are known.
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(Clock);
            services.AddSingleton(CaseClock.Virtual(Clock));
        });
    }
}
