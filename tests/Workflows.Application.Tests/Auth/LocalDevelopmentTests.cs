using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Workflows.Application.Auth;

namespace Workflows.Application.Tests.Auth;

/// <summary>Staff API keys and seeding: a developer's machine only, whatever the configuration says.</summary>
public sealed class LocalDevelopmentTests
{
    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Development", "WEBSITE_INSTANCE_ID", false)]
    [InlineData("Development", "WEBSITE_SITE_NAME", false)]
    [InlineData("Production", null, false)]
    [InlineData("Staging", null, false)]
    [InlineData("development", null, true)]
    public void Only_Development_off_the_Azure_platform_counts(string environment, string? azureVariable, bool expected)
    {
        var host = new HostingEnvironment { EnvironmentName = environment };

        var local = LocalDevelopment.Is(host, name => name == azureVariable ? "set-by-the-platform" : null);

        Assert.Equal(expected, local);
    }
}
