namespace Workflows.Application.Auth;

/// <summary>
/// Whether this host is a developer's machine: the Development environment, not on Azure's platform and not
/// the Functions app. Staff API keys, seeding and the demo clock depend on it. There is no setting that turns it
/// on: even a host in Azure misconfigured as Development says no, because the platform sets
/// <see cref="AzureMarkers"/> on every instance, and a Functions worker says no everywhere (Core Tools included).
/// </summary>
public static class LocalDevelopment
{
    /// <summary>
    /// Set by App Service and Azure Functions on every instance; the last by every Functions host for its worker,
    /// in Azure and under Core Tools alike.
    /// </summary>
    public static readonly IReadOnlyList<string> AzureMarkers = ["WEBSITE_INSTANCE_ID", "WEBSITE_SITE_NAME", "FUNCTIONS_WORKER_RUNTIME"];

    public static bool Is(IHostEnvironment environment) => Is(environment, Environment.GetEnvironmentVariable);

    internal static bool Is(IHostEnvironment environment, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() && AzureMarkers.All(marker => string.IsNullOrEmpty(variable(marker)));
    }
}
