namespace Workflows.Application.Signals;

/// <summary>Registers signal intake (options, the receiver that starts cases, the batch processor).</summary>
internal static class SignalsServiceCollectionExtensions
{
    public static IServiceCollection AddSignals(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignalsOptions>()
            .Bind(configuration.GetSection(SignalsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SignalReceiver>();
        services.AddSingleton<SignalBatchProcessor>();
        return services;
    }
}
