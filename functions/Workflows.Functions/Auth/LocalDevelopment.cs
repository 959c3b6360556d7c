namespace Workflows.Functions.Auth;

/// <summary>
/// Whether this host is a developer's machine: the Development environment and not on Azure's platform.
/// Staff API keys and seeding depend on it. There is no setting that turns it on: even a host in Azure
/// misconfigured as Development says no, because the platform sets <see cref="AzureMarkers"/> on every instance.
/// </summary>
public static class LocalDevelopment
{
    /// <summary>Set by App Service and Azure Functions on every instance.</summary>
    public static readonly IReadOnlyList<string> AzureMarkers = ["WEBSITE_INSTANCE_ID", "WEBSITE_SITE_NAME"];

    public static bool Is(IHostEnvironment environment) => Is(environment, Environment.GetEnvironmentVariable);

    internal static bool Is(IHostEnvironment environment, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() && AzureMarkers.All(marker => string.IsNullOrEmpty(variable(marker)));
    }
}
