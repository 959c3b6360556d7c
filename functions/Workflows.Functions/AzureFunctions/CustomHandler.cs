using System.Globalization;

namespace Workflows.Functions.AzureFunctions;

/// <summary>
/// Whether the app runs as an Azure Functions custom handler: the Functions host starts it with
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set, forwards public HTTP requests to it and posts queue-trigger
/// invocations to <c>/{functionName}</c> (ARCHITECTURE §7). Without it the app is the embedded local host.
/// </summary>
internal static class CustomHandler
{
    /// <summary>Set by the Functions host: the port it expects the handler on.</summary>
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The port to listen on in custom-handler mode; null outside it.</summary>
    public static int? Port(IConfiguration configuration)
    {
        var value = configuration[PortSetting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"{PortSetting} must be a TCP port number.");
    }
}
