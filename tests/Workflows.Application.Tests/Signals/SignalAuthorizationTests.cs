using System.Net;
using System.Text.Json;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Signals;

/// <summary>
/// Who may do what with a signal (API.md "Authentication"): 401 without credentials, 403 for the wrong kind of
/// caller, 404 for another tenant's signal, answered exactly as for an id that does not exist.
/// </summary>
public sealed class SignalAuthorizationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string UnknownId = "sig-aaaaaaaaaaaaaaaaaaaaaaaaaa";
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task Without_credentials_every_signal_route_is_401_problem()
    {
        await using var app = new SignalsTestApp(azurite);
        using var anonymous = app.Anonymous();

        foreach (var (method, uri) in Routes(UnknownId))
        {
            using var request = new HttpRequestMessage(method, uri);
            if (method == HttpMethod.Post)
            {
                request.Content = SignalsTestApp.Json(SignalSamples.Signal());
            }

            using var response = await anonymous.SendAsync(request, _ct);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, _ct);
        }
    }

    [Fact]
    public async Task Another_corporations_signal_is_404_exactly_like_an_unknown_id()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corpA = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var corpB = await app.CorporationAsync(TestCallers.CorporationB, _ct);
        var idOfB = await SignalsTestApp.CreateAsync(corpB, SignalSamples.Signal("B-SECRET"), _ct);

        using var read = await corpA.GetAsync(SignalsTestApp.Signal(idOfB), _ct);
        using var readUnknown = await corpA.GetAsync(SignalsTestApp.Signal(UnknownId), _ct);
        using var update = await corpA.PostAsync(SignalsTestApp.Signal(idOfB, "updates"), SignalsTestApp.Json("""{"type":"withdrawn"}"""), _ct);
        using var updateUnknown = await corpA.PostAsync(SignalsTestApp.Signal(UnknownId, "updates"), SignalsTestApp.Json("""{"type":"withdrawn"}"""), _ct);
        using var malformedId = await corpA.GetAsync(SignalsTestApp.Signal("not-a-signal-id"), _ct);

        var shown = await read.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        var unknown = await readUnknown.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        Assert.Equal(Strip(unknown), Strip(shown));
        Assert.Equal(Strip(await updateUnknown.AssertProblemAsync(HttpStatusCode.NotFound, _ct)), Strip(await update.AssertProblemAsync(HttpStatusCode.NotFound, _ct)));
        await malformedId.AssertProblemAsync(HttpStatusCode.NotFound, _ct);

        // Sending B's reference does not reveal B's signal either: A gets a signal of its own.
        using var probe = await corpA.PostAsync(SignalsTestApp.Signals, SignalsTestApp.Json(SignalSamples.Signal("B-SECRET", houseNumber: 99)), _ct);
        Assert.Equal(HttpStatusCode.Created, probe.StatusCode);
        Assert.NotEqual(idOfB, JsonDocument.Parse(await probe.Content.ReadAsStringAsync(_ct)).RootElement.GetProperty("id").GetString());

        // B's signal is untouched by A's attempt to withdraw it.
        var coarse = await SignalsTestApp.GetJsonAsync(corpB, SignalsTestApp.Signal(idOfB), _ct);
        Assert.Equal("received", coarse.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_corporation_on_the_staff_route_is_403_and_staff_on_corporation_routes_are_403()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var id = await SignalsTestApp.CreateAsync(corp, SignalSamples.Signal(), _ct);

        using var corpEvent = await corp.PostAsync(SignalsTestApp.Signal(id, "events"), SignalsTestApp.Json("""{"type":"help-offered"}"""), _ct);
        using var staffIntake = await staff.PostAsync(SignalsTestApp.Signals, SignalsTestApp.Json(SignalSamples.Signal("S-1")), _ct);
        using var staffBatch = await staff.PostAsync(SignalsTestApp.Batch, SignalsTestApp.Json("""{"signals":[]}"""), _ct);
        using var staffUpdate = await staff.PostAsync(SignalsTestApp.Signal(id, "updates"), SignalsTestApp.Json("""{"type":"withdrawn"}"""), _ct);

        await corpEvent.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
        await staffIntake.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
        await staffBatch.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
        await staffUpdate.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
        var view = await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(id), _ct);
        Assert.DoesNotContain(view.GetProperty("steps").EnumerateArray(), s => s.GetProperty("key").GetString() == "help-offered" && s.GetProperty("status").GetString() == "done");
        Assert.Equal(1, await app.StoredInstancesAsync(_ct));
    }

    [Fact]
    public async Task Staff_of_another_municipality_and_admins_get_404_for_a_case()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationB, _ct);
        using var purmerend = app.Staff(TestCallers.CoordinatorPurmerend);
        using var zaanstad = app.Staff(TestCallers.CoordinatorZaanstad);
        using var admin = app.Staff(TestCallers.Admin);
        var inZaanstad = await SignalsTestApp.CreateAsync(corp, SignalSamples.Signal("Z-1", municipality: "GM0479"), _ct);
        var inPurmerend = await SignalsTestApp.CreateAsync(corp, SignalSamples.Signal("P-1", municipality: "GM0439"), _ct);

        using var read = await purmerend.GetAsync(SignalsTestApp.Signal(inZaanstad), _ct);
        using var act = await purmerend.PostAsync(SignalsTestApp.Signal(inZaanstad, "events"), SignalsTestApp.Json("""{"type":"help-offered"}"""), _ct);
        using var adminRead = await admin.GetAsync(SignalsTestApp.Signal(inZaanstad), _ct);

        await read.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        await act.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        await adminRead.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        Assert.Equal("GM0439", (await SignalsTestApp.GetJsonAsync(purmerend, SignalsTestApp.Signal(inPurmerend), _ct)).GetProperty("municipalityCode").GetString());
        Assert.Equal("GM0479", (await SignalsTestApp.GetJsonAsync(zaanstad, SignalsTestApp.Signal(inZaanstad), _ct)).GetProperty("municipalityCode").GetString());
    }

    [Fact]
    public async Task A_corporation_may_signal_only_to_its_own_municipalities()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corpA = await app.CorporationAsync(TestCallers.CorporationA, _ct); // GM0479 only

        using var response = await corpA.PostAsync(SignalsTestApp.Signals, SignalsTestApp.Json(SignalSamples.Signal(municipality: "GM0439")), _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("municipalityCode", out _));
        Assert.Contains("GM0439", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.StoredAsync(_ct));
    }

    private static IEnumerable<(HttpMethod, Uri)> Routes(string id) =>
    [
        (HttpMethod.Post, SignalsTestApp.Signals),
        (HttpMethod.Post, SignalsTestApp.Batch),
        (HttpMethod.Get, SignalsTestApp.Signal(id)),
        (HttpMethod.Post, SignalsTestApp.Signal(id, "updates")),
        (HttpMethod.Post, SignalsTestApp.Signal(id, "events")),
    ];

    /// <summary>The problem without its per-request trace id.</summary>
    private static string Strip(JsonElement problem) =>
        string.Join(",", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
}
