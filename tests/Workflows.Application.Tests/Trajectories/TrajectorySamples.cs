using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Application.Tests.Signals;

namespace Workflows.Application.Tests.Trajectories;

/// <summary>Trajectory bodies and calls for tests (the app's clock starts at 2026-11-02).</summary>
internal static class TrajectorySamples
{
    public const string Surname = "Jansenius";
    public const string ValidBsn = "111222333";

    public static readonly Uri Trajectories = new("/api/v1/trajectories", UriKind.Relative);

    public static JsonObject Trajectory(
        string reference = "BRB-2026-0042", string municipality = "GM0479", string coordinator = "coordinator-zaanstad", string notifiedOn = "2026-10-27") => new()
    {
        ["externalReference"] = reference,
        ["municipalityCode"] = municipality,
        ["person"] = new JsonObject { ["initials"] = "P.", ["surname"] = Surname, ["dateOfBirth"] = "1991-07-03", ["bsn"] = ValidBsn },
        ["institution"] = "PI Zaanstad",
        ["detentionStart"] = "2026-10-20",
        ["notifiedOn"] = notifiedOn,
        ["expectedReleaseDate"] = "2027-02-15",
        ["coordinator"] = coordinator,
        ["highRisk"] = false,
    };

    public static Uri Url(string id, string? sub = null) => new($"/api/v1/trajectories/{id}{(sub is null ? string.Empty : "/" + sub)}", UriKind.Relative);

    /// <summary>Posts <paramref name="body"/> and expects 201; answers the id.</summary>
    public static async Task<string> CreateAsync(HttpClient staff, JsonNode body, CancellationToken cancellationToken)
    {
        using var response = await staff.PostAsync(Trajectories, SignalsTestApp.Json(body), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> PostEventAsync(HttpClient staff, string id, object body, CancellationToken cancellationToken)
    {
        using var response = await staff.PostAsJsonAsync(Url(id, "events"), body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static JsonElement Step(JsonElement view, string key) =>
        view.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);

    public static string Condition(JsonElement view, string condition) =>
        view.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("condition").GetString() == condition).GetProperty("status").GetString()!;
}
