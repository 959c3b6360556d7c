using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Workflows.Application.Hosting;
using Workflows.Testing;

namespace Workflows.Application.Tests.Hosting;

/// <summary>
/// The host refuses to start without exactly one way to reach storage. Checked through the start-up
/// validator the host runs (ValidateOnStart), not by booting a host that is meant to fail.
/// </summary>
public sealed class StorageOptionsValidatorTests
{
    private const string LocalConnectionString = "UseDevelopmentStorage=true";

    [Theory]
    [InlineData(LocalConnectionString, null)]
    [InlineData(null, "workflowsdemo")]
    public void One_way_to_reach_storage_is_valid(string? connectionString, string? accountName)
    {
        using var services = Services(connectionString, accountName);

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(accountName, services.GetRequiredService<IOptions<StorageOptions>>().Value.AccountName);
    }

    [Theory]
    [InlineData(LocalConnectionString, "workflowsdemo", "not both")]
    [InlineData(null, null, "Set Storage:ConnectionString")]
    [InlineData("  ", "", "Set Storage:ConnectionString")]
    [InlineData(null, "Not_An_Account", "lowercase letters and digits")]
    public void Start_fails_without_exactly_one_valid_way_to_reach_storage(string? connectionString, string? accountName, string expected)
    {
        using var services = Services(connectionString, accountName);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(string? connectionString, string? accountName)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = connectionString,
                ["Storage:AccountName"] = accountName,
            })
            .Build();
        var services = new ServiceCollection();
        var environment = new HostingEnvironment { EnvironmentName = Environments.Production };
        // What every real host registers itself.
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddLogging();
        services.AddApplicationServices(configuration, environment);
        return services.BuildServiceProvider();
    }
}
