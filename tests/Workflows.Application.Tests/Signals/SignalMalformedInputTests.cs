using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Signals;

/// <summary>
/// Malformed signals, updates and events: each is a 4xx problem+json that names the field, and stores nothing
/// (API.md "Errors": a rejected request stores nothing). The cases share their apps (<see cref="SharedApps"/>).
/// </summary>
public sealed class SignalMalformedInputTests(SharedApps apps) : IClassFixture<SharedApps>
{

    private readonly CancellationToken _ct = TestTimeout.Token();

    /// <summary>Case name → (body, field the problem must name). Dates are relative to the app clock's Monday 2 November 2026.</summary>
    private static readonly Dictionary<string, (Func<byte[]> Body, string Field)> Signals = new()
    {
        ["house number as a string"] = (With(s => s["address"]!["houseNumber"] = "12"), "address.houseNumber"),
        ["house number with a fraction"] = (With(s => s["address"]!["houseNumber"] = 12.5), "address.houseNumber"),
        ["tenants as an object"] = (With(s => s["tenants"] = new JsonObject { ["surname"] = "Dijk" }), "tenants"),
        ["amount as a string"] = (With(s => s["arrears"]!["amount"] = "1450.00"), "arrears.amount"),
        ["reference as a number"] = (With(s => s["externalReference"] = 123), "externalReference"),
        ["attestation as a string"] = (With(s => s["collectionSteps"]!["pointedToDebtHelp"] = "true"), "collectionSteps.pointedToDebtHelp"),
        ["missing reference"] = (With(s => s.Remove("externalReference")), "externalReference"),
        ["missing municipality"] = (With(s => s.Remove("municipalityCode")), "municipalityCode"),
        ["missing tenants"] = (With(s => s.Remove("tenants")), "tenants"),
        ["missing address"] = (With(s => s.Remove("address")), "address"),
        ["missing arrears"] = (With(s => s.Remove("arrears")), "arrears"),
        ["missing stage"] = (With(s => s.Remove("stage")), "stage"),
        ["missing surname"] = (With(s => s["tenants"]![0]!.AsObject().Remove("surname")), "tenants[0].surname"),
        ["blank surname"] = (With(s => s["tenants"]![0]!["surname"] = "   "), "tenants[0].surname"),
        ["missing postal code"] = (With(s => s["address"]!.AsObject().Remove("postalCode")), "address.postalCode"),
        ["missing arrears since"] = (With(s => s["arrears"]!.AsObject().Remove("since")), "arrears.since"),
        ["postal code starting with 0"] = (With(s => s["address"]!["postalCode"] = "0123AB"), "address.postalCode"),
        ["postal code with one letter"] = (With(s => s["address"]!["postalCode"] = "1234 A"), "address.postalCode"),
        ["postal code with three letters"] = (With(s => s["address"]!["postalCode"] = "1234ABC"), "address.postalCode"),
        ["postal code SS"] = (With(s => s["address"]!["postalCode"] = "1234SS"), "address.postalCode"),
        ["negative amount"] = (With(s => s["arrears"]!["amount"] = -10), "arrears.amount"),
        ["zero amount"] = (With(s => s["arrears"]!["amount"] = 0), "arrears.amount"),
        ["a million euros"] = (With(s => s["arrears"]!["amount"] = 1_000_000), "arrears.amount"),
        ["amount with tenths of cents"] = (With(s => s["arrears"]!["amount"] = 10.001m), "arrears.amount"),
        ["zero monthly rent"] = (With(s => s["arrears"]!["monthlyRent"] = 0), "arrears.monthlyRent"),
        ["121 months"] = (With(s => s["arrears"]!["months"] = 121), "arrears.months"),
        ["negative months"] = (With(s => s["arrears"]!["months"] = -1), "arrears.months"),
        ["arrears since tomorrow"] = (With(s => s["arrears"]!["since"] = "2026-11-03"), "arrears.since"),
        ["house number 0"] = (With(s => s["address"]!["houseNumber"] = 0), "address.houseNumber"),
        ["house number 100000"] = (With(s => s["address"]!["houseNumber"] = 100_000), "address.houseNumber"),
        ["addition of 11 characters"] = (With(s => s["address"]!["houseNumberAddition"] = "ABCDEFGHIJK"), "address.houseNumberAddition"),
        ["5 MB surname"] = (With(s => s["tenants"]![0]!["surname"] = new string('x', 5 * 1024 * 1024)), "tenants[0].surname"),
        ["100k tenants"] = (With(s => s["tenants"] = new JsonArray([.. Enumerable.Range(0, 100_000).Select(_ => (JsonNode)new JsonObject { ["surname"] = "x" })])), "tenants"),
        ["11 tenants"] = (With(s => s["tenants"] = new JsonArray([.. Enumerable.Range(0, 11).Select(_ => (JsonNode)new JsonObject { ["surname"] = "x" })])), "tenants"),
        ["no tenants"] = (With(s => s["tenants"] = new JsonArray()), "tenants"),
        ["tenant not an object"] = (With(s => s["tenants"] = new JsonArray("Dijk")), "tenants[0]"),
        ["65-character reference"] = (With(s => s["externalReference"] = new string('R', 65)), "externalReference"),
        ["reference with a space"] = (With(s => s["externalReference"] = "HUUR 1"), "externalReference"),
        ["unknown stage"] = (With(s => s["stage"] = "evicted"), "stage"),
        ["stage in another case"] = (With(s => s["stage"] = "Judgment"), "stage"),
        ["municipality code without GM"] = (With(s => s["municipalityCode"] = "0479"), "municipalityCode"),
        ["phone of five digits"] = (With(s => s["tenants"]![0]!["phone"] = "12345"), "tenants[0].phone"),
        ["email without at"] = (With(s => s["tenants"]![0]!["email"] = "not-an-email"), "tenants[0].email"),
        ["date of birth in Dutch order"] = (With(s => s["tenants"]![0]!["dateOfBirth"] = "12-04-1980"), "tenants[0].dateOfBirth"),
        ["date of birth 30 February"] = (With(s => s["tenants"]![0]!["dateOfBirth"] = "1980-02-30"), "tenants[0].dateOfBirth"),
        ["date of birth in the future"] = (With(s => s["tenants"]![0]!["dateOfBirth"] = "2030-01-01"), "tenants[0].dateOfBirth"),
        ["born today"] = (With(s => s["tenants"]![0]!["dateOfBirth"] = "2026-11-02"), "tenants[0].dateOfBirth"),
        ["eviction date in the past"] = (With(s => s["evictionDate"] = "2026-11-01"), "evictionDate"),
        ["eviction scheduled without a date"] = (With(s => s["stage"] = "eviction-scheduled"), "evictionDate"),
        ["no personal contact attempted"] = (With(s => s["collectionSteps"]!["personalContactAttempted"] = false), "collectionSteps.personalContactAttempted"),
        ["tenant objected"] = (With(s => s["collectionSteps"]!["tenantDidNotObject"] = false), "collectionSteps.tenantDidNotObject"),
        ["no written reminder mentioned"] = (With(s => s["collectionSteps"]!.AsObject().Remove("writtenReminderSent")), "collectionSteps.writtenReminderSent"),
        ["no collection steps at all"] = (With(s => s.Remove("collectionSteps")), "collectionSteps.pointedToDebtHelp"),
        ["unknown member"] = (With(s => s["bsn"] = "111222333"), "bsn"),
        ["unknown nested member"] = (With(s => s["address"]!["country"] = "NL"), "address.country"),
        ["member in PascalCase"] = (With(s => { s["ExternalReference"] = s["externalReference"]!.DeepClone(); s.Remove("externalReference"); }), "ExternalReference"),
        ["lone surrogate in a name"] = (Text(SignalSamples.Signal().ToJsonString().Replace("\"Dijk\"", "\"\\uD800\"", StringComparison.Ordinal)), "tenants[0].surname"),
        ["duplicate keys"] = (Text(SignalSamples.Signal().ToJsonString().Replace("{\"externalReference\":\"HUUR-2026-000123\"", "{\"externalReference\":\"A\",\"externalReference\":\"B\"", StringComparison.Ordinal)), "externalReference"),
        ["duplicate nested keys"] = (Text(SignalSamples.Signal().ToJsonString().Replace("\"city\":\"Zaandam\"", "\"city\":\"Zaandam\",\"city\":\"Purmerend\"", StringComparison.Ordinal)), "address.city"),
        ["invalid UTF-8 bytes"] = (() => [.. Encoding.UTF8.GetBytes("{\"externalReference\":\"x"), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}")], "$"),
        ["invalid JSON"] = (Text("{\"externalReference\": \"x\","), "$"),
        ["trailing comma"] = (Text(SignalSamples.Signal().ToJsonString().TrimEnd('}') + ",}"), "$"),
        ["comment"] = (Text("/* hi */" + SignalSamples.Signal().ToJsonString()), "$"),
        ["two documents"] = (Text(SignalSamples.Signal().ToJsonString() + SignalSamples.Signal().ToJsonString()), "$"),
        ["an array"] = (Text("[" + SignalSamples.Signal().ToJsonString() + "]"), "$"),
        ["null"] = (Text("null"), "$"),
        ["empty body"] = (Text(string.Empty), "$"),
        ["nested too deep"] = (Text(new string('[', 100) + new string(']', 100)), "$"),
    };

    public static TheoryData<string> SignalCases => [.. Signals.Keys];

    [Theory]
    [MemberData(nameof(SignalCases))]
    public async Task A_malformed_signal_is_400_problem_naming_the_field_and_stores_nothing(string name)
    {
        var (body, field) = Signals[name];
        var app = await apps.EmptyAsync(_ct);
        using var corp = await app.CorporationAsync(TestCallers.CorporationB, _ct);
        using var content = new ByteArrayContent(body());
        content.Headers.ContentType = new("application/json");

        using var response = await corp.PostAsync(SignalsTestApp.Signals, content, _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"{field} not in {errors}");
        Assert.NotEqual(0, messages.GetArrayLength());
        Assert.True(response.Content.Headers.ContentLength is null or < 64 * 1024, "the answer does not echo the body");
        Assert.Equal(0, await app.StoredAsync(_ct));
    }

    [Fact]
    public async Task A_municipality_this_service_does_not_work_for_is_400_even_when_the_key_names_it()
    {
        var app = await apps.EmptyAsync(_ct);
        using var corp = await app.CorporationAsync(TestCallers.Corporation("corp-amsterdam", "GM0363"), _ct);

        using var response = await corp.PostAsync(SignalsTestApp.Signals, SignalsTestApp.Json(SignalSamples.Signal(municipality: "GM0363")), _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("municipalityCode", out _));
        Assert.Equal(0, await app.StoredAsync(_ct));
    }

    [Fact]
    public async Task Missing_attestations_cite_the_Besluit()
    {
        var app = await apps.EmptyAsync(_ct);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        var signal = SignalSamples.Signal();
        signal["collectionSteps"] = new JsonObject { ["personalContactAttempted"] = true };

        using var response = await corp.PostAsync(SignalsTestApp.Signals, SignalsTestApp.Json(signal), _ct);

        var errors = (await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct)).GetProperty("errors");
        foreach (var name in new[] { "pointedToDebtHelp", "writtenReminderSent", "tenantDidNotObject" })
        {
            Assert.Contains("Besluit gemeentelijke schuldhulpverlening art. 2", errors.GetProperty($"collectionSteps.{name}")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.False(errors.TryGetProperty("collectionSteps.personalContactAttempted", out _));
    }

    [Fact]
    public async Task Every_wrong_field_is_named_in_one_answer()
    {
        var app = await apps.EmptyAsync(_ct);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        var signal = SignalSamples.Signal();
        signal["address"]!["postalCode"] = "0000XX";
        signal["arrears"]!["amount"] = -1;
        signal["stage"] = "unknown";
        signal["tenants"]![0]!["email"] = "x";
        signal["extra"] = 1;

        using var response = await corp.PostAsync(SignalsTestApp.Signals, SignalsTestApp.Json(signal), _ct);

        var errors = (await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct)).GetProperty("errors");
        Assert.Equal(
            ["address.postalCode", "arrears.amount", "extra", "stage", "tenants[0].email"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>Route ("updates" as the corporation, "events" as staff) → body → field.</summary>
    public static TheoryData<string, string, string> EventCases => new()
    {
        { "updates", """{"type":"eviction-scheduled"}""", "evictionDate" },
        { "updates", """{"type":"eviction-scheduled","evictionDate":"2026-11-01"}""", "evictionDate" },
        { "updates", """{"type":"arrears-changed"}""", "arrears" },
        { "updates", """{"type":"arrears-changed","arrears":{"amount":-5,"since":"2026-09-01","months":2,"monthlyRent":725}}""", "arrears.amount" },
        { "updates", """{"type":"arrears-changed","arrears":{"amount":5,"since":"2026-09-01","months":2}}""", "arrears.monthlyRent" },
        { "updates", """{"type":"withdrawn","evictionDate":"2026-12-01"}""", "evictionDate" },
        { "updates", """{"type":"paid"}""", "type" },
        { "updates", """{"note":"no type"}""", "type" },
        { "updates", """{"type":"withdrawn","reason":"not an update field"}""", "reason" },
        { "updates", $$"""{"type":"withdrawn","note":"{{new string('n', 1001)}}"}""", "note" },
        { "updates", """{"type":"withdrawn","type":"arrears-resolved"}""", "type" },
        { "events", """{"type":"contact-attempted","reached":true}""", "channel" },
        { "events", """{"type":"contact-attempted","channel":"phone"}""", "reached" },
        { "events", """{"type":"contact-attempted","channel":"pigeon","reached":true}""", "channel" },
        { "events", """{"type":"contact-attempted","channel":"phone","reached":"yes"}""", "reached" },
        { "events", """{"type":"contact-attempted","channel":"phone","reached":true,"date":"2026-11-03"}""", "date" },
        { "events", """{"type":"contact-attempted","channel":"phone","reached":true,"date":"2026-10-30"}""", "date" },
        { "events", """{"type":"closed"}""", "outcome" },
        { "events", """{"type":"closed","outcome":"gone"}""", "outcome" },
        { "events", """{"type":"triaged","outcome":"other"}""", "outcome" },
        { "events", """{"type":"triaged","assignee":"has space"}""", "assignee" },
        { "events", """{"type":"step-extended","step":"first-contact","date":"2026-12-01"}""", "reason" },
        { "events", """{"type":"step-extended","step":"first-contact","date":"2026-11-01","reason":"x"}""", "date" },
        { "events", """{"type":"step-extended","step":"no-such-step","date":"2026-12-01","reason":"x"}""", "step" },
        { "events", """{"type":"step-extended","step":"decision","date":"2026-12-01","reason":"x"}""", "step" },
        { "events", """{"type":"suspended"}""", "reason" },
        { "events", """{"type":"resumed","reason":"x"}""", "reason" },
        { "events", """{"type":"help-granted"}""", "type" },
        { "events", """{"type":"arrears-resolved"}""", "type" },
        { "events", """{"type":"help-offered","extra":1}""", "extra" },
        { "events", """["help-offered"]""", "$" },
        { "events", """{"type":"help-offered" """, "$" },
    };

    [Theory]
    [MemberData(nameof(EventCases))]
    public async Task A_malformed_update_or_event_is_400_problem_naming_the_field_and_records_nothing(string route, string body, string field)
    {
        var (app, id) = await apps.HoldingAsync("signal", CreateSignalAsync, _ct);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var before = await app.RowsOfAsync(id, _ct);
        Assert.NotEqual(0, before);

        using var response = await (route == "updates" ? corp : staff).PostAsync(SignalsTestApp.Signal(id, route), SignalsTestApp.Json(body), _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetProperty("errors").ToString());
        // Anything the request had raised would be applied by the runtime: settle before counting again.
        await app.Factory.SettleAsync(_ct);
        Assert.Equal(before, await app.RowsOfAsync(id, _ct));
    }

    [Fact]
    public async Task A_malformed_idempotency_key_is_400()
    {
        var (app, id) = await apps.HoldingAsync("signal", CreateSignalAsync, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        using var request = new HttpRequestMessage(HttpMethod.Post, SignalsTestApp.Signal(id, "events")) { Content = SignalsTestApp.Json("""{"type":"help-offered"}""") };
        request.Headers.Add("Idempotency-Key", new string('k', 101));

        using var response = await staff.SendAsync(request, _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    private static async Task<string> CreateSignalAsync(SignalsTestApp app, CancellationToken cancellationToken)
    {
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, cancellationToken);
        return await SignalsTestApp.CreateAsync(corp, SignalSamples.Signal(), cancellationToken);
    }

    private static Func<byte[]> With(Action<JsonObject> change) => () =>
    {
        var signal = SignalSamples.Signal();
        change(signal);
        return Encoding.UTF8.GetBytes(signal.ToJsonString());
    };

    private static Func<byte[]> Text(string body) => () => Encoding.UTF8.GetBytes(body);
}
