using System.Text.Json;

namespace Workflows.Application.Api;

/// <summary>Enum values on the wire in kebab-case (<c>HomeVisit</c> ↔ <c>home-visit</c>), as case state stores them.</summary>
public static class KebabEnum
{
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static bool TryParse<T>(string? name, out T value)
        where T : struct, Enum => Cache<T>.ByName.TryGetValue(name ?? string.Empty, out value);

    /// <summary>"Must be one of: a, b, c." for an error message.</summary>
    public static string OneOf<T>()
        where T : struct, Enum => Cache<T>.OneOf;

    private static class Cache<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(v => Name(v), v => v, StringComparer.Ordinal);

        public static readonly string OneOf = $"Must be one of: {string.Join(", ", Enum.GetValues<T>().Select(v => Name(v)))}.";
    }
}
