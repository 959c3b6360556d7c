using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Domain.Decisions;

/// <summary>The one JSON shape used for state, payloads and messages.</summary>
public static class DomainJson
{
    /// <summary>camelCase, enums as kebab-case strings, nulls left out.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Serialises to a JSON element with these options.</summary>
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
