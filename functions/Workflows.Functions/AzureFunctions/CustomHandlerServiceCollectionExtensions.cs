using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Workflows.Engine;

namespace Workflows.Functions.AzureFunctions;

/// <summary>Registrations for custom-handler mode; they do nothing unless the Functions host set the port.</summary>
internal static class CustomHandlerServiceCollectionExtensions
{
    public static IServiceCollection AddAzureFunctionsCustomHandler(this IServiceCollection services)
    {
        // Read when options are first used, not now, so configuration added later (tests) still counts.
        services.AddOptions<EngineOptions>().PostConfigure<IConfiguration>((options, configuration) =>
        {
            if (CustomHandler.Port(configuration) is not null)
            {
                // The Functions host polls the queues and posts each message; loops would compete with it.
                options.RunLoops = false;
            }
        });
        services.AddSingleton<IValidateOptions<EngineOptions>, CustomHandlerOptionsValidator>();
        services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((kestrel, configuration) =>
        {
            if (CustomHandler.Port(configuration) is { } port)
            {
                // Localhost only: the Functions host is the one caller, so the invocation paths are not exposed.
                kestrel.ListenLocalhost(port);
            }
        });
        return services;
    }
}
