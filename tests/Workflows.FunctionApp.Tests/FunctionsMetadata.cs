using System.Text.Json;
using Workflows.Testing;

namespace Workflows.FunctionApp.Tests;

/// <summary>
/// The <c>functions.metadata</c> the Worker SDK generates for the Functions app (the file a Functions host loads to
/// know the app's functions and their bindings), read from the app's build output of this configuration.
/// </summary>
internal sealed record FunctionsMetadata(IReadOnlyList<FunctionsMetadata.Function> Functions)
{
    public static string OutputDirectory { get; } = Path.Combine(
        AzuriteFixture.RepoRoot, "functions", "Workflows.FunctionApp", "bin", Configuration(), "net10.0");

    public static FunctionsMetadata Load()
    {
        var path = Path.Combine(OutputDirectory, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var functions = document.RootElement.EnumerateArray().Select(f => new Function(
            f.GetProperty("name").GetString()!,
            [.. f.GetProperty("bindings").EnumerateArray().Select(b => new Binding(
                b.GetProperty("name").GetString()!,
                b.GetProperty("type").GetString()!,
                b.GetProperty("direction").GetString()!,
                b.TryGetProperty("route", out var route) ? route.GetString() : null,
                b.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())] : []))]));
        return new FunctionsMetadata([.. functions]);
    }

    /// <summary>The functions whose trigger is of <paramref name="type"/>.</summary>
    public IEnumerable<Function> Triggered(string type) => Functions.Where(f => f.Trigger.Type == type);

    /// <summary>Debug or Release: the folder above this test assembly's target framework folder.</summary>
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public sealed record Function(string Name, IReadOnlyList<Binding> Bindings)
    {
        public Binding Trigger => Bindings.Single(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal));
    }

    public sealed record Binding(string Name, string Type, string Direction, string? Route, IReadOnlyList<string> Methods);
}
