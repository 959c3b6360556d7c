using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Engine.Abstractions;

/// <summary>The one JSON shape used for state, payloads and messages.</summary>
public static class EngineJson
{
    /// <summary>camelCase, enums as camelCase strings.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Serialises to a JSON element with the engine's options.</summary>
    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
