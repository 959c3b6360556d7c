using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workflows.Engine;
using Workflows.Engine.Storage;
using Workflows.Functions.AzureFunctions;
using Workflows.Functions.Hosting;

namespace Workflows.Functions.Tests.AzureFunctions;

/// <summary>
/// As a custom handler the app refuses to start with settings under which the Functions host's triggers would
/// read other queues than the engine's, or timers would never fire. Checked through the start-up validator the
/// host runs (ValidateOnStart), not by booting a host that is meant to fail.
/// </summary>
public sealed class CustomHandlerStartTests
{
    [Fact]
    public void Start_WithTheEnginesQueuesAndQueueTimers_IsValid()
    {
        using var services = Services(Settings());

        services.Services.GetRequiredService<IStartupValidator>().Validate();

        Assert.False(services.Services.GetRequiredService<IOptions<EngineOptions>>().Value.RunLoops);
    }

    [Theory]
    [InlineData("EngineWorkQueue", "someone-elses-queue", "EngineWorkQueue must be 'wf-work'")]
    [InlineData("EngineTimerQueue", "wf-work", "EngineTimerQueue must be 'wf-timers'")]
    [InlineData("EngineActivityQueue", null, "EngineActivityQueue must be 'wf-activities'")]
    [InlineData("Engine:Prefix", "other", "EngineWorkQueue must be 'other-work'")]
    [InlineData("Engine:TimerMode", "Indexed", "Engine:TimerMode must be Queue")]
    public void Start_WithSettingsThatWouldLoseWork_Fails(string key, string? value, string expected)
    {
        var settings = Settings();
        settings[key] = value;
        using var services = Services(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_OutsideCustomHandlerMode_IgnoresTheTriggerSettings_AndKeepsTheLoops()
    {
        var settings = Settings();
        settings[CustomHandler.PortSetting] = null;
        settings["EngineWorkQueue"] = "someone-elses-queue";
        using var services = Services(settings);

        services.Services.GetRequiredService<IStartupValidator>().Validate();

        Assert.True(services.Services.GetRequiredService<IOptions<EngineOptions>>().Value.RunLoops);
    }

    /// <summary>What the Functions host and main.bicep give the app: the port, and the engine's queues for prefix "wf".</summary>
    private static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            [CustomHandler.PortSetting] = "7071",
            ["Engine:Prefix"] = "wf",
            ["Engine:TimerMode"] = "Queue",
        };
        foreach (var function in QueueFunction.All)
        {
            settings[function.QueueNameSetting] = EngineStorage.QueueName("wf", function.Queue);
        }

        return settings;
    }

    /// <summary>The app's services as Program.cs registers them, built but not started.</summary>
    private static IHost Services(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddApplicationServices(builder.Configuration, builder.Environment);
        return builder.Build();
    }
}
