using System.Text.Json.Nodes;

namespace Workflows.Application.Hosting.OpenApi;

/// <summary>
/// Example request bodies, by operation id and media type: a signal, a batch as JSON and as CSV, a trajectory, and one of
/// each kind of event and update. Redocly's lint checks every JSON example against its schema.
/// </summary>
internal static class RequestExamples
{
    private const string Signal = """
        {
          "externalReference": "HUUR-2026-000123",
          "municipalityCode": "GM0479",
          "tenants": [ { "initials": "J.", "prefix": "van", "surname": "Dijk", "dateOfBirth": "1980-04-12",
                         "phone": "+31612345678", "email": "j.vandijk@example.nl" } ],
          "address": { "street": "Dorpsstraat", "houseNumber": 12, "houseNumberAddition": "A", "postalCode": "1501AB", "city": "Zaandam" },
          "arrears": { "amount": 1450.00, "since": "2026-09-01", "months": 2, "monthlyRent": 725.00 },
          "stage": "arrears",
          "evictionDate": null,
          "collectionSteps": { "personalContactAttempted": true, "pointedToDebtHelp": true, "writtenReminderSent": true, "tenantDidNotObject": true }
        }
        """;

    private const string SecondSignal = """
        {
          "externalReference": "HUUR-2026-000124",
          "municipalityCode": "GM0479",
          "tenants": [ { "surname": "Jansen" } ],
          "address": { "street": "Kerkstraat", "houseNumber": 3, "postalCode": "1502CD", "city": "Zaandam" },
          "arrears": { "amount": 2900.00, "since": "2026-07-01", "months": 4, "monthlyRent": 725.00 },
          "stage": "summons",
          "collectionSteps": { "personalContactAttempted": true, "pointedToDebtHelp": true, "writtenReminderSent": true, "tenantDidNotObject": true }
        }
        """;

    private const string Csv =
        "externalReference,municipalityCode,initials,prefix,surname,dateOfBirth,phone,email,street,houseNumber,houseNumberAddition," +
        "postalCode,city,arrearsAmount,arrearsSince,arrearsMonths,monthlyRent,stage,evictionDate,personalContactAttempted," +
        "pointedToDebtHelp,writtenReminderSent,tenantDidNotObject\r\n" +
        "HUUR-2026-000123,GM0479,J.,van,Dijk,1980-04-12,+31612345678,j.vandijk@example.nl,Dorpsstraat,12,A,1501AB,Zaandam," +
        "1450.00,2026-09-01,2,725.00,arrears,,true,true,true,true\r\n" +
        "HUUR-2026-000124,GM0479,,,Jansen,,,,Kerkstraat,3,,1502CD,Zaandam,2900.00,2026-07-01,4,725.00,summons,,true,true,true,true\r\n";

    private const string Trajectory = """
        {
          "externalReference": "BRB-2026-0042",
          "municipalityCode": "GM0479",
          "person": { "initials": "P.", "surname": "Jansen", "dateOfBirth": "1991-07-03", "bsn": null },
          "institution": "PI Zaanstad",
          "detentionStart": "2026-11-02",
          "notifiedOn": "2026-11-03",
          "expectedReleaseDate": "2027-02-15",
          "coordinator": "coordinator-zaanstad",
          "highRisk": false
        }
        """;

    /// <summary>The shared case events (RULES §3): extension and suspension, for both kinds of case.</summary>
    private static readonly (string Name, string Json)[] CaseEvents =
    [
        ("step-extended", """{ "type": "step-extended", "step": "first-contact", "date": "2026-11-20", "reason": "Huurder is op vakantie." }"""),
        ("suspended", """{ "type": "suspended", "reason": "Opgenomen in een kliniek." }"""),
        ("resumed", """{ "type": "resumed" }"""),
    ];

    private static readonly (string Name, string Json)[] SignalEvents =
    [
        ("triaged", """{ "type": "triaged", "assignee": "coordinator-zaanstad" }"""),
        ("contact-attempted", """{ "type": "contact-attempted", "channel": "home-visit", "reached": true, "date": "2026-11-04", "note": "Gesprek aan de deur." }"""),
        ("help-offered", """{ "type": "help-offered" }"""),
        ("help-accepted", """{ "type": "help-accepted" }"""),
        ("help-declined", """{ "type": "help-declined", "note": "Wil het zelf regelen." }"""),
        ("first-conversation-held", """{ "type": "first-conversation-held" }"""),
        ("decision-made", """{ "type": "decision-made" }"""),
        ("closed", """{ "type": "closed", "outcome": "help-accepted", "note": "Doorverwezen naar schuldhulp." }"""),
        .. CaseEvents,
    ];

    private static readonly (string Name, string Json)[] TrajectoryEvents =
    [
        ("intake-completed", """{ "type": "intake-completed", "consent": { "housing": true, "debts": false } }"""),
        ("condition-updated", """{ "type": "condition-updated", "condition": "housing", "status": "arranged" }"""),
        ("release-date-changed", """{ "type": "release-date-changed", "date": "2027-03-01" }"""),
        ("released", """{ "type": "released", "date": "2027-03-01" }"""),
        ("follow-up-done", """{ "type": "follow-up-done", "note": "Woont op het nieuwe adres." }"""),
        ("assigned", """{ "type": "assigned", "coordinator": "teamlead-zaanstad" }"""),
        ("closed", """{ "type": "closed", "reason": "completed" }"""),
        .. CaseEvents.Select(e => e.Name == "step-extended"
            ? (e.Name, """{ "type": "step-extended", "step": "housing", "date": "2027-03-15", "reason": "Wacht op de woningcorporatie." }""")
            : e),
    ];

    private static readonly (string Name, string Json)[] SignalUpdates =
    [
        ("arrears-resolved", """{ "type": "arrears-resolved" }"""),
        ("payment-plan-agreed", """{ "type": "payment-plan-agreed", "note": "12 termijnen van 120 euro." }"""),
        ("eviction-scheduled", """{ "type": "eviction-scheduled", "evictionDate": "2027-01-15" }"""),
        ("arrears-changed", """{ "type": "arrears-changed", "arrears": { "amount": 2175.00, "since": "2026-09-01", "months": 3, "monthlyRent": 725.00 } }"""),
        ("withdrawn", """{ "type": "withdrawn" }"""),
    ];

    /// <summary>Operation id → media type → example name → value (a JSON value, or a string for text bodies).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<(string Name, JsonNode Value)>>> ByOperation =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<(string Name, JsonNode Value)>>>(StringComparer.Ordinal)
        {
            ["CreateSignal"] = Json(("signal", Signal)),
            ["CreateSignalBatch"] = new Dictionary<string, IReadOnlyList<(string, JsonNode)>>(StringComparer.Ordinal)
            {
                [Api.MediaType.Json] = [("batch", new JsonObject { ["signals"] = new JsonArray(JsonNode.Parse(Signal), JsonNode.Parse(SecondSignal)) })],
                [Api.MediaType.Csv] = [("batch", JsonValue.Create(Csv))],
            },
            ["UpdateSignal"] = Json(SignalUpdates),
            ["RecordSignalEvent"] = Json(SignalEvents),
            ["CreateTrajectory"] = Json(("trajectory", Trajectory)),
            ["RecordTrajectoryEvent"] = Json(TrajectoryEvents),
        };

    private static Dictionary<string, IReadOnlyList<(string, JsonNode)>> Json(params (string Name, string Json)[] examples) =>
        new(StringComparer.Ordinal) { [Api.MediaType.Json] = [.. examples.Select(e => (e.Name, JsonNode.Parse(e.Json)!))] };
}
