using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Testing;

namespace Workflows.Browser.Tests.Support;

/// <summary>
/// Creates the cases a page test looks at through the HTTP API (API.md), with the seeded keys: signals as a
/// corporation's system sends them, trajectories and events as a coordinator's (staff keys work in Development).
/// Every signal gets an address of its own, so no two are taken for one household and merged.
/// </summary>
public sealed class CaseApi(HttpClient http, SeededKeys keys)
{
    private static int _houseNumber = Random.Shared.Next(100, 50_000);

    /// <summary>A valid signal to Zaanstad from demo-corp-a; <paramref name="urgent"/>: an eviction is scheduled.</summary>
    public static JsonObject Signal(bool urgent = false, string municipality = "GM0479", string surname = "Dijk") => new()
    {
        ["externalReference"] = NewReference("HUUR"),
        ["municipalityCode"] = municipality,
        ["tenants"] = new JsonArray(new JsonObject
        {
            ["initials"] = "J.", ["prefix"] = "van", ["surname"] = surname, ["dateOfBirth"] = "1980-04-12",
            ["phone"] = "+31612345678", ["email"] = "j.vandijk@example.nl",
        }),
        ["address"] = new JsonObject
        {
            ["street"] = "Dorpsstraat", ["houseNumber"] = NextHouseNumber(), ["postalCode"] = "1501AB", ["city"] = "Zaandam",
        },
        ["arrears"] = new JsonObject { ["amount"] = 1450.00m, ["since"] = "2026-09-01", ["months"] = 2, ["monthlyRent"] = 725.00m },
        ["stage"] = urgent ? "eviction-scheduled" : "arrears",
        ["evictionDate"] = urgent ? "2026-11-20" : null,
        ["collectionSteps"] = new JsonObject
        {
            ["personalContactAttempted"] = true, ["pointedToDebtHelp"] = true, ["writtenReminderSent"] = true, ["tenantDidNotObject"] = true,
        },
    };

    /// <summary>A valid trajectory in Zaanstad, coordinated by coordinator-zaanstad, release expected 15 February 2027.</summary>
    public static JsonObject Trajectory(string municipality = "GM0479", string coordinator = "coordinator-zaanstad") => new()
    {
        ["externalReference"] = NewReference("BRB"),
        ["municipalityCode"] = municipality,
        ["person"] = new JsonObject { ["initials"] = "P.", ["surname"] = "Jansen", ["dateOfBirth"] = "1991-07-03", ["bsn"] = null },
        ["institution"] = "PI Zaanstad",
        ["detentionStart"] = "2026-10-26",
        ["notifiedOn"] = "2026-10-28",
        ["expectedReleaseDate"] = "2027-02-15",
        ["coordinator"] = coordinator,
        ["highRisk"] = false,
    };

    public static string NewReference(string prefix) => $"{prefix}-2026-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";

    public static int NextHouseNumber() => Interlocked.Increment(ref _houseNumber);

    /// <summary>Sends <paramref name="signal"/> (default: <see cref="Signal"/>) as demo-corp-a and answers its id.</summary>
    public Task<string> CreateSignalAsync(JsonObject? signal = null, string? corporationKey = null) =>
        CreateAsync("/api/v1/signals", signal ?? Signal(), corporationKey ?? keys.CorporationA);

    /// <summary>Starts <paramref name="trajectory"/> (default: <see cref="Trajectory"/>) as coordinator-zaanstad and answers its id.</summary>
    public Task<string> CreateTrajectoryAsync(JsonObject? trajectory = null, string? staffKey = null) =>
        CreateAsync("/api/v1/trajectories", trajectory ?? Trajectory(), staffKey ?? keys.CoordinatorZaanstad);

    /// <summary>Records a staff event (API.md "Staff") as coordinator-zaanstad; waits until the case shows it.</summary>
    public async Task RecordAsync(string kind, string id, JsonObject body, string? staffKey = null)
    {
        var ct = TestTimeout.Token();
        var before = (await GetAsync(kind, id, staffKey)).GetRawText();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/{Plural(kind)}/{id}/events", UriKind.Relative))
        {
            Content = JsonContent.Create(body),
            Headers = { { "X-Api-Key", staffKey ?? keys.CoordinatorZaanstad } },
        };
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{body.ToJsonString()} answered {(int)response.StatusCode}: {text}");
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            // Taken, not shown yet: the case shows it within moments.
            await Eventually.TrueAsync(async () => (await GetAsync(kind, id, staffKey)).GetRawText() != before, because: "the event shows", cancellationToken: ct);
        }
    }

    /// <summary>The case as staff of its municipality read it through the API.</summary>
    public async Task<JsonElement> GetAsync(string kind, string id, string? staffKey = null)
    {
        var ct = TestTimeout.Token();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/v1/{Plural(kind)}/{id}", UriKind.Relative))
        {
            Headers = { { "X-Api-Key", staffKey ?? keys.CoordinatorZaanstad } },
        };
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {kind} {id} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A date as the API and a date input take it.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<string> CreateAsync(string path, JsonObject body, string key)
    {
        var ct = TestTimeout.Token();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = JsonContent.Create(body),
            Headers = { { "X-Api-Key", key } },
        };
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private static string Plural(string kind) => kind == "signal" ? "signals" : "trajectories";
}
