using System.Text.Json;

namespace Workflows.Browser.Tests.Support;

/// <summary>
/// The API keys Development seeding writes to <c>Seeding:CredentialsFile</c> (API.md "Local defaults"): the tests
/// create cases through the API with them, as a corporation's system and a coordinator's script would.
/// </summary>
public sealed record SeededKeys(IReadOnlyDictionary<string, string> Corporations, IReadOnlyDictionary<string, string> Staff)
{
    /// <summary>demo-corp-a: signals to Zaanstad (GM0479) only.</summary>
    public string CorporationA => Corporations["demo-corp-a"];

    /// <summary>demo-corp-b: signals to Zaanstad and Purmerend.</summary>
    public string CorporationB => Corporations["demo-corp-b"];

    public string CoordinatorZaanstad => Staff["coordinator-zaanstad"];

    public string CoordinatorPurmerend => Staff["coordinator-purmerend"];

    /// <summary>Reads the file; throws while it is not (completely) written, which <c>Eventually</c> takes as "not yet".</summary>
    public static async Task<SeededKeys> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        using var json = await JsonDocument.ParseAsync(file, cancellationToken: cancellationToken);
        return new SeededKeys(Keys(json.RootElement, "corporations"), Keys(json.RootElement, "staff"));
    }

    private static Dictionary<string, string> Keys(JsonElement root, string section) =>
        root.GetProperty(section).EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("apiKey").GetString()!, StringComparer.Ordinal);
}
