using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Orchestrations.Client;
using Workflows.Application.Tests.Signals;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Trajectories;

/// <summary>
/// Malformed trajectories and trajectory events (API.md "Errors", RULES §2): each is 400 naming the field, and stores
/// or records nothing. The cases share their apps (<see cref="SharedApps"/>); the start's history lines are published
/// after its first episode, which the shared app has settled.
/// </summary>
public sealed class TrajectoryMalformedInputTests(SharedApps apps) : IClassFixture<SharedApps>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    public static TheoryData<string, string> MalformedIntakes => new()
    {
        { "bad-bsn", "person.bsn" },
        { "future-notified", "notifiedOn" },
        { "detention-after-notified", "detentionStart" },
        { "release-before-detention", "expectedReleaseDate" },
        { "no-surname", "person.surname" },
        { "long-initials", "person.initials" },
        { "future-birth", "person.dateOfBirth" },
        { "bad-municipality", "municipalityCode" },
        { "unconfigured-municipality", "municipalityCode" },
        { "long-institution", "institution" },
        { "high-risk-string", "highRisk" },
        { "date-as-number", "detentionStart" },
        { "bsn-as-number", "person.bsn" },
        { "unknown-field", "nickname" },
        { "unknown-person-field", "person.address" },
        { "no-coordinator", "coordinator" },
        { "invalid-json", "$" },
        { "array-body", "$" },
    };

    [Theory]
    [MemberData(nameof(MalformedIntakes))]
    public async Task A_malformed_trajectory_is_400_naming_the_field_and_stores_nothing(string change, string field)
    {
        var app = await apps.EmptyAsync(_ct);
        using var staff = app.Staff(change == "unconfigured-municipality" ? TestCallers.Staff("x", Workflows.Application.Auth.StaffRole.Coordinator, "GM0001", "t") : TestCallers.CoordinatorZaanstad);
        var body = TrajectorySamples.Trajectory();
        string? raw = null;
        switch (change)
        {
            case "bad-bsn": body["person"]!["bsn"] = "123456789"; break;
            case "future-notified": body["notifiedOn"] = "2026-11-03"; break;
            case "detention-after-notified": body["detentionStart"] = "2026-10-28"; break;
            case "release-before-detention": body["expectedReleaseDate"] = "2026-10-01"; break;
            case "no-surname": body["person"]!.AsObject().Remove("surname"); break;
            case "long-initials": body["person"]!["initials"] = new string('A', 21); break;
            case "future-birth": body["person"]!["dateOfBirth"] = "2027-01-01"; break;
            case "bad-municipality": body["municipalityCode"] = "GM47"; break;
            case "unconfigured-municipality": body["municipalityCode"] = "GM0001"; break;
            case "long-institution": body["institution"] = new string('P', 101); break;
            case "high-risk-string": body["highRisk"] = "yes"; break;
            case "date-as-number": body["detentionStart"] = 20261020; break;
            case "bsn-as-number": body["person"]!["bsn"] = 111222333; break;
            case "unknown-field": body["nickname"] = "PJ"; break;
            case "unknown-person-field": body["person"]!["address"] = "Dorpsstraat 1"; break;
            case "no-coordinator": body.Remove("coordinator"); break;
            case "invalid-json": raw = "{ \"externalReference\": \"BRB-1\", "; break;
            case "array-body": raw = "[]"; break;
            default: throw new ArgumentOutOfRangeException(nameof(change));
        }

        using var response = await staff.PostAsync(TrajectorySamples.Trajectories, raw is null ? SignalsTestApp.Json(body) : SignalsTestApp.Json(raw), _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.DoesNotContain(TrajectorySamples.Surname, problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, await app.StoredAsync(_ct));
    }

    public static TheoryData<string, string> MalformedEvents => new()
    {
        { """{ "type": "condition-updated", "condition": "pets", "status": "arranged" }""", "condition" },
        { """{ "type": "condition-updated", "condition": "housing", "status": "done" }""", "status" },
        { """{ "type": "condition-updated", "condition": "housing" }""", "status" },
        { """{ "type": "released", "date": "2026-11-03" }""", "date" },
        { """{ "type": "released", "date": 20261101 }""", "date" },
        { """{ "type": "closed", "reason": "bored" }""", "reason" },
        { """{ "type": "closed" }""", "reason" },
        { """{ "type": "step-extended", "step": "intake", "date": "2026-11-01", "reason": "x" }""", "date" },
        { """{ "type": "step-extended", "step": "no-such-step", "date": "2026-12-01", "reason": "x" }""", "step" },
        { """{ "type": "follow-up-done", "condition": "housing" }""", "condition" },
        { """{ "type": "intake-completed", "colour": "red" }""", "colour" },
        { """{ "type": "intake-completed", "consent": { "pets": true } }""", "consent.pets" },
        { """{ "type": "intake-completed", "consent": { "housing": "yes" } }""", "consent.housing" },
        { """{ "type": "closed", "reason": "other", "consent": { "housing": true } }""", "consent" },
        { """{ "type": "escaped" }""", "type" },
        { """{ "type": "intake-completed", """, "$" },
    };

    [Theory]
    [MemberData(nameof(MalformedEvents))]
    public async Task A_malformed_event_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var (app, id) = await apps.HoldingAsync("trajectory", CreateTrajectoryAsync, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var cases = app.Factory.Services.GetRequiredService<CaseClient>();
        var before = (await cases.GetHistoryAsync(id, _ct)).Count;
        Assert.NotEqual(0, before);

        using var response = await staff.PostAsync(TrajectorySamples.Url(id, "events"), SignalsTestApp.Json(body), _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        await app.Factory.SettleAsync(_ct);
        Assert.Equal(before, (await cases.GetHistoryAsync(id, _ct)).Count);
    }

    private static async Task<string> CreateTrajectoryAsync(SignalsTestApp app, CancellationToken cancellationToken)
    {
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        return await TrajectorySamples.CreateAsync(staff, TrajectorySamples.Trajectory(), cancellationToken);
    }
}
