using System.Text.Json.Serialization;

namespace Workflows.Functions.AzureFunctions;

/// <summary>
/// The answer to the Functions host (custom handlers, "response payload"). The queue functions have no
/// output bindings, so <see cref="Outputs"/> stays empty; <see cref="Logs"/> lands in the invocation log.
/// </summary>
internal sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    public static InvocationResponse Done { get; } = new(new Dictionary<string, object?>(), [], null);

    public static InvocationResponse Failed(string log) => new(new Dictionary<string, object?>(), [log], null);
}
