using System.Globalization;

namespace Workflows.Testing.Host;

/// <summary>
/// What a host process is told, as <c>--name value</c> arguments (or <c>WORKFLOWS_HOST_NAME</c>-style environment
/// variables): the Azurite connection string, the task hub (also the tables' prefix), the partition count and how
/// often a case continues as new.
/// </summary>
public sealed record HostSettings(string ConnectionString, string TaskHub, int Partitions, int ContinueAsNewAfter, string LogLevel)
{
    public static HostSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'.", nameof(args));
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Get(string name, string? fallback = null) =>
            values.GetValueOrDefault(name)
            ?? Environment.GetEnvironmentVariable("WORKFLOWS_HOST_" + name.Replace('-', '_').ToUpperInvariant())
            ?? fallback
            ?? throw new ArgumentException($"Missing --{name}.", nameof(args));

        return new HostSettings(
            Get("connection"),
            Get("hub"),
            int.Parse(Get("partitions", "1"), CultureInfo.InvariantCulture),
            int.Parse(Get("continue-as-new-after", "5"), CultureInfo.InvariantCulture),
            Get("log-level", "Warning"));
    }
}
