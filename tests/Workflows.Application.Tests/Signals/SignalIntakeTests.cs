using System.Net;
using System.Text;
using System.Text.Json;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Signals;

/// <summary>Single intake, household merge and a case driven by staff events (API.md "Corporations" and "Staff").</summary>
public sealed class SignalIntakeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task New_signal_is_201_with_location_and_a_resubmission_is_200_with_the_same_id()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);

        using var first = await corp.PostAsync(SignalsTestApp.Signals, SignalsTestApp.Json(SignalSamples.Signal()), _ct);
        using var again = await corp.PostAsync(SignalsTestApp.Signals, SignalsTestApp.Json(SignalSamples.Signal()), _ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = JsonDocument.Parse(await first.Content.ReadAsStringAsync(_ct)).RootElement;
        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("sig-", id, StringComparison.Ordinal);
        Assert.Equal(30, id.Length);
        Assert.Equal($"/api/v1/signals/{id}", first.Headers.Location?.OriginalString);
        Assert.Equal("received", created.GetProperty("status").GetString());
        Assert.Equal("HUUR-2026-000123", created.GetProperty("externalReference").GetString());
        // Business time starts at 08:00 and runs on with real time.
        Assert.InRange(created.GetProperty("receivedAt").GetDateTimeOffset(), new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 8, 1, 0, TimeSpan.Zero));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeated = JsonDocument.Parse(await again.Content.ReadAsStringAsync(_ct)).RootElement;
        Assert.Equal(id, repeated.GetProperty("id").GetString());
        Assert.Equal(created.GetProperty("receivedAt").GetDateTimeOffset(), repeated.GetProperty("receivedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_same_reference_from_another_corporation_is_another_signal()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corpA = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var corpB = await app.CorporationAsync(TestCallers.CorporationB, _ct);

        var a = await SignalsTestApp.CreateAsync(corpA, SignalSamples.Signal("REF-1", houseNumber: 1), _ct);
        var b = await SignalsTestApp.CreateAsync(corpB, SignalSamples.Signal("REF-1", houseNumber: 2), _ct);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task Staff_see_the_full_case_with_normalised_data_and_steps()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var signal = SignalSamples.Signal(postalCode: "1501 ab");
        signal["tenants"]![0]!["phone"] = "06-12345678";
        var id = await SignalsTestApp.CreateAsync(corp, signal, _ct);

        var view = await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(id), _ct);

        Assert.Equal(id, view.GetProperty("id").GetString());
        Assert.Equal("demo-corp-a", view.GetProperty("corporation").GetString());
        Assert.Equal("GM0479", view.GetProperty("municipalityCode").GetString());
        Assert.Equal("received", view.GetProperty("status").GetString());
        Assert.Equal("received", view.GetProperty("phase").GetString());
        Assert.False(view.GetProperty("urgent").GetBoolean());
        Assert.Equal("schuldhulp-zaanstad", view.GetProperty("team").GetString());
        Assert.Equal("1501AB", view.GetProperty("address").GetProperty("postalCode").GetString());
        Assert.Equal("+31612345678", view.GetProperty("tenants")[0].GetProperty("phone").GetString());
        Assert.Equal(1450.00m, view.GetProperty("arrears").GetProperty("amount").GetDecimal());
        Assert.Equal("arrears", view.GetProperty("stage").GetString());
        var steps = view.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        Assert.Equal("2026-11-02", steps["triage"].GetProperty("due").GetString());
        Assert.Equal("open", steps["triage"].GetProperty("status").GetString());
        Assert.Equal("2026-11-09", steps["first-contact"].GetProperty("due").GetString());
        Assert.Equal("waiting", steps["decision"].GetProperty("status").GetString());
        Assert.Contains("Wgs art. 4", steps["first-conversation"].GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_signal_for_the_same_household_from_another_corporation_is_absorbed_into_the_open_case()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corpA = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var corpB = await app.CorporationAsync(TestCallers.CorporationB, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var first = await SignalsTestApp.CreateAsync(corpA, SignalSamples.Signal("A-1", houseNumber: 7, addition: "bis", postalCode: "1501AB"), _ct);

        // Same household written differently: space in the postal code, lower case letters, addition in other case.
        var second = SignalSamples.Signal("B-9", houseNumber: 7, addition: "BIS", postalCode: "1501 ab");
        second["stage"] = "judgment";
        var secondId = await SignalsTestApp.CreateAsync(corpB, second, _ct);

        // The absorbing case hears of it from the merged case's orchestration (an event it sends).
        await Eventually.TrueAsync(
            async () => (await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(first), _ct)).GetProperty("absorbedSignals").GetArrayLength() == 1,
            cancellationToken: _ct);
        var absorbed = await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(first), _ct);
        var entry = absorbed.GetProperty("absorbedSignals")[0];
        Assert.Equal(secondId, entry.GetProperty("signalId").GetString());
        Assert.Equal("demo-corp-b", entry.GetProperty("corporation").GetString());
        Assert.Equal("B-9", entry.GetProperty("externalReference").GetString());
        Assert.Equal("judgment", entry.GetProperty("stage").GetString());
        Assert.True(absorbed.GetProperty("urgent").GetBoolean()); // Wgs art. 4(2): the absorbed judgment makes the case urgent

        var merged = await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(secondId), _ct);
        Assert.Equal("merged", merged.GetProperty("phase").GetString());
        Assert.Equal(first, merged.GetProperty("mergedInto").GetString());
        Assert.All(merged.GetProperty("steps").EnumerateArray(), s => Assert.Equal("void", s.GetProperty("status").GetString()));

        // Corporation B follows its signal through the household's case.
        var coarse = await SignalsTestApp.GetJsonAsync(corpB, SignalsTestApp.Signal(secondId), _ct);
        Assert.Equal("received", coarse.GetProperty("status").GetString());
        await SignalsTestApp.PostEventAsync(staff, first, new { type = "contact-attempted", channel = "phone", reached = true }, _ct);
        coarse = await SignalsTestApp.GetJsonAsync(corpB, SignalsTestApp.Signal(secondId), _ct);
        Assert.Equal("in-contact", coarse.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Staff_events_drive_the_case_and_the_corporation_sees_only_the_coarse_status()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var id = await SignalsTestApp.CreateAsync(corp, SignalSamples.Signal(), _ct);

        var triaged = await SignalsTestApp.PostEventAsync(staff, id, new { type = "triaged", assignee = "coordinator-zaanstad" }, _ct);
        Assert.Equal("coordinator-zaanstad", triaged.GetProperty("assignee").GetString());
        Assert.Equal("done", triaged.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "triage").GetProperty("status").GetString());

        var notReached = await SignalsTestApp.PostEventAsync(staff, id, new { type = "contact-attempted", channel = "letter", reached = false }, _ct);
        Assert.Equal("received", notReached.GetProperty("status").GetString());
        var coarse = await SignalsTestApp.GetJsonAsync(corp, SignalsTestApp.Signal(id), _ct);
        Assert.Equal("received", coarse.GetProperty("status").GetString());

        var reached = await SignalsTestApp.PostEventAsync(staff, id, new { type = "contact-attempted", channel = "home-visit", reached = true, date = "2026-11-02" }, _ct);
        Assert.Equal("in-contact", reached.GetProperty("status").GetString());
        Assert.Equal(2, reached.GetProperty("contactAttempts").GetArrayLength());
        Assert.Equal("home-visit", reached.GetProperty("contactAttempts")[1].GetProperty("channel").GetString());

        coarse = await SignalsTestApp.GetJsonAsync(corp, SignalsTestApp.Signal(id), _ct);
        Assert.Equal("in-contact", coarse.GetProperty("status").GetString());
        Assert.Equal(["id", "externalReference", "status", "receivedAt"], coarse.EnumerateObject().Select(p => p.Name));

        var accepted = await SignalsTestApp.PostEventAsync(staff, id, new { type = "help-accepted" }, _ct);
        Assert.Equal("help-accepted", accepted.GetProperty("status").GetString());
        var closed = await SignalsTestApp.PostEventAsync(staff, id, new { type = "closed", outcome = "help-accepted", note = "Doorverwezen naar schuldhulp." }, _ct);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("help-accepted", closed.GetProperty("outcome").GetString());

        coarse = await SignalsTestApp.GetJsonAsync(corp, SignalsTestApp.Signal(id), _ct);
        Assert.Equal("closed", coarse.GetProperty("status").GetString());
        Assert.True(coarse.TryGetProperty("closedAt", out _));

        using var late = await staff.PostAsync(SignalsTestApp.Signal(id, "events"), SignalsTestApp.Json("""{"type":"help-offered"}"""), _ct);
        await late.AssertProblemAsync(HttpStatusCode.Conflict, _ct);
    }

    [Fact]
    public async Task Step_extension_suspension_and_resumption_follow_RULES_3()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var id = await SignalsTestApp.CreateAsync(corp, SignalSamples.Signal(), _ct);

        var extended = await SignalsTestApp.PostEventAsync(staff, id, new { type = "step-extended", step = "first-contact", date = "2026-11-20", reason = "Huurder is op vakantie." }, _ct);
        var step = extended.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "first-contact");
        Assert.Equal("2026-11-20", step.GetProperty("due").GetString());
        Assert.Equal("Huurder is op vakantie.", step.GetProperty("extensionReason").GetString());
        Assert.Equal("coordinator-zaanstad", step.GetProperty("extendedBy").GetString());

        using var notOpen = await staff.PostAsync(
            SignalsTestApp.Signal(id, "events"), SignalsTestApp.Json("""{"type":"step-extended","step":"decision","date":"2026-12-01","reason":"x"}"""), _ct);
        var problem = await notOpen.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("step", out _));

        var suspended = await SignalsTestApp.PostEventAsync(staff, id, new { type = "suspended", reason = "Opgenomen in een kliniek." }, _ct);
        Assert.True(suspended.GetProperty("suspended").GetBoolean());
        using var twice = await staff.PostAsync(SignalsTestApp.Signal(id, "events"), SignalsTestApp.Json("""{"type":"suspended","reason":"again"}"""), _ct);
        await twice.AssertProblemAsync(HttpStatusCode.Conflict, _ct);

        await app.Factory.AdvanceAsync(TimeSpan.FromDays(7), _ct);
        var resumed = await SignalsTestApp.PostEventAsync(staff, id, new { type = "resumed" }, _ct);
        Assert.False(resumed.GetProperty("suspended").GetBoolean());
        step = resumed.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "first-contact");
        Assert.Equal("2026-11-27", step.GetProperty("due").GetString());
    }

    [Fact]
    public async Task An_idempotency_key_makes_a_retried_event_harmless()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var id = await SignalsTestApp.CreateAsync(corp, SignalSamples.Signal(), _ct);

        JsonElement last = default;
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, SignalsTestApp.Signal(id, "events"))
            {
                Content = SignalsTestApp.Json("""{"type":"contact-attempted","channel":"phone","reached":false}"""),
            };
            request.Headers.Add("Idempotency-Key", "attempt-0001");
            using var response = await staff.SendAsync(request, _ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            last = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct)).RootElement.Clone();
        }

        Assert.Equal(1, last.GetProperty("contactAttempts").GetArrayLength());
    }

    [Fact]
    public async Task Corporation_updates_reach_the_case_and_answer_202()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var id = await SignalsTestApp.CreateAsync(corp, SignalSamples.Signal(), _ct);

        using var scheduled = await corp.PostAsync(
            SignalsTestApp.Signal(id, "updates"), SignalsTestApp.Json("""{"type":"eviction-scheduled","evictionDate":"2026-12-15","note":"Vonnis 1 december."}"""), _ct);
        Assert.Equal(HttpStatusCode.Accepted, scheduled.StatusCode);
        Assert.Equal($"/api/v1/signals/{id}", scheduled.Headers.Location?.OriginalString);

        var view = await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(id), _ct);
        Assert.True(view.GetProperty("urgent").GetBoolean());
        Assert.Equal("2026-12-15", view.GetProperty("evictionDate").GetString());
        Assert.Equal("eviction-scheduled", view.GetProperty("stage").GetString());
        Assert.Equal("eviction-scheduled", view.GetProperty("updates")[0].GetProperty("type").GetString());

        using var changed = await corp.PostAsync(
            SignalsTestApp.Signal(id, "updates"),
            SignalsTestApp.Json("""{"type":"arrears-changed","arrears":{"amount":2175.00,"since":"2026-09-01","months":3,"monthlyRent":725.00}}"""),
            _ct);
        Assert.Equal(HttpStatusCode.Accepted, changed.StatusCode);
        view = await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(id), _ct);
        Assert.Equal(2175.00m, view.GetProperty("arrears").GetProperty("amount").GetDecimal());

        using var withdrawn = await corp.PostAsync(SignalsTestApp.Signal(id, "updates"), SignalsTestApp.Json("""{"type":"withdrawn"}"""), _ct);
        Assert.Equal(HttpStatusCode.Accepted, withdrawn.StatusCode);
        var coarse = JsonDocument.Parse(await withdrawn.Content.ReadAsStringAsync(_ct)).RootElement;
        Assert.Equal("closed", coarse.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Wrong_content_type_is_415_problem()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);

        using var text = await corp.PostAsync(SignalsTestApp.Signals, new StringContent(SignalSamples.Signal().ToJsonString(), Encoding.UTF8, "text/plain"), _ct);
        using var latin1 = await corp.PostAsync(SignalsTestApp.Signals, new StringContent(SignalSamples.Signal().ToJsonString(), Encoding.Latin1, "application/json"), _ct);
        using var batchXml = await corp.PostAsync(SignalsTestApp.Batch, new StringContent("<signals/>", Encoding.UTF8, "application/xml"), _ct);

        await text.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, _ct);
        await latin1.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, _ct);
        await batchXml.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, _ct);
        Assert.Equal(0, await app.StoredAsync(_ct));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_signal_routes()
    {
        await using var app = new SignalsTestApp(azurite);
        using var client = app.Anonymous();

        var document = await SignalsTestApp.GetJsonAsync(client, new Uri("/openapi/v1.json", UriKind.Relative), _ct);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/signals", out var create));
        Assert.False(string.IsNullOrEmpty(create.GetProperty("post").GetProperty("summary").GetString()));
        var batch = paths.GetProperty("/api/v1/signals/batch").GetProperty("post");
        Assert.Contains("arrearsAmount", batch.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(batch.GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _));
        Assert.True(paths.TryGetProperty("/api/v1/signals/{id}/events", out _));
        Assert.True(paths.TryGetProperty("/api/v1/signals/{id}/updates", out _));
    }
}
