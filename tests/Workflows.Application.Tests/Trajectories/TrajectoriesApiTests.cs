using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Orchestrations.Client;
using Workflows.Application.Tests.Signals;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Trajectories;

/// <summary>Aftercare trajectories over HTTP (API.md "Staff", RULES §2): start, read, events, who may see what, the access log.</summary>
public sealed class TrajectoriesApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task Start_is_201_with_location_and_a_repeat_is_200_with_the_same_id()
    {
        await using var app = new SignalsTestApp(azurite);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);

        using var first = await staff.PostAsync(TrajectorySamples.Trajectories, SignalsTestApp.Json(TrajectorySamples.Trajectory()), _ct);
        using var again = await staff.PostAsync(TrajectorySamples.Trajectories, SignalsTestApp.Json(TrajectorySamples.Trajectory()), _ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = JsonDocument.Parse(await first.Content.ReadAsStringAsync(_ct)).RootElement;
        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("trj-", id, StringComparison.Ordinal);
        Assert.Equal(30, id.Length);
        Assert.Equal($"/api/v1/trajectories/{id}", first.Headers.Location?.OriginalString);
        Assert.Equal("schuldhulp-zaanstad", created.GetProperty("team").GetString());

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, JsonDocument.Parse(await again.Content.ReadAsStringAsync(_ct)).RootElement.GetProperty("id").GetString());

        // The same reference in another municipality is another trajectory.
        using var purmerend = app.Staff(TestCallers.CoordinatorPurmerend);
        var other = await TrajectorySamples.CreateAsync(purmerend, TrajectorySamples.Trajectory(municipality: "GM0439", coordinator: "coordinator-purmerend"), _ct);
        Assert.NotEqual(id, other);
    }

    [Fact]
    public async Task Staff_read_the_case_and_drive_it_with_events()
    {
        await using var app = new SignalsTestApp(azurite);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var id = await TrajectorySamples.CreateAsync(staff, TrajectorySamples.Trajectory(), _ct);

        var view = await SignalsTestApp.GetJsonAsync(staff, TrajectorySamples.Url(id), _ct);
        Assert.Equal("open", view.GetProperty("status").GetString());
        Assert.Equal("detained", view.GetProperty("phase").GetString());
        Assert.Equal("2026-10-27", view.GetProperty("notifiedOn").GetString());
        Assert.Equal("2026-10-20", view.GetProperty("detentionStart").GetString());
        Assert.Equal("2027-02-15", view.GetProperty("expectedReleaseDate").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("actualReleaseDate").ValueKind);
        Assert.Equal(TrajectorySamples.Surname, view.GetProperty("person").GetProperty("surname").GetString());
        Assert.Equal(TrajectorySamples.ValidBsn, view.GetProperty("person").GetProperty("bsn").GetString());
        Assert.Equal("PI Zaanstad", view.GetProperty("institution").GetString());
        Assert.Equal("coordinator-zaanstad", view.GetProperty("coordinator").GetString());
        Assert.False(view.GetProperty("highRisk").GetBoolean());
        Assert.False(view.GetProperty("shortStay").GetBoolean());
        Assert.Equal(6, view.GetProperty("conditions").GetArrayLength());
        Assert.Equal("unknown", TrajectorySamples.Condition(view, "housing"));
        var intake = TrajectorySamples.Step(view, "intake");
        Assert.Equal("open", intake.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(intake.GetProperty("due").GetString()));
        Assert.False(string.IsNullOrEmpty(intake.GetProperty("label").GetString()));

        var afterIntake = await TrajectorySamples.PostEventAsync(staff, id, new { type = "intake-completed", consent = new Dictionary<string, bool> { ["housing"] = true, ["debts"] = false } }, _ct);
        Assert.Equal("done", TrajectorySamples.Step(afterIntake, "intake").GetProperty("status").GetString());
        var consent = afterIntake.GetProperty("conditions").EnumerateArray().ToDictionary(c => c.GetProperty("condition").GetString()!, c => c.GetProperty("consent"));
        Assert.True(consent["housing"].GetBoolean());
        Assert.False(consent["debts"].GetBoolean());
        Assert.Equal(JsonValueKind.Null, consent["care"].ValueKind);

        var arranged = await TrajectorySamples.PostEventAsync(staff, id, new { type = "condition-updated", condition = "housing", status = "arranged" }, _ct);
        Assert.Equal("arranged", TrajectorySamples.Condition(arranged, "housing"));
        Assert.Equal("done", TrajectorySamples.Step(arranged, "housing").GetProperty("status").GetString());

        var moved = await TrajectorySamples.PostEventAsync(staff, id, new { type = "release-date-changed", date = "2027-03-01" }, _ct);
        Assert.Equal("2027-03-01", moved.GetProperty("expectedReleaseDate").GetString());

        var unknown = await TrajectorySamples.PostEventAsync(staff, id, new { type = "release-date-changed", date = (string?)null }, _ct);
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("expectedReleaseDate").ValueKind);

        var suspended = await TrajectorySamples.PostEventAsync(staff, id, new { type = "suspended", reason = "Overgeplaatst, wacht op bericht." }, _ct);
        Assert.True(suspended.GetProperty("suspended").GetBoolean());
        using (var twice = await staff.PostAsync(TrajectorySamples.Url(id, "events"), SignalsTestApp.Json("""{ "type": "suspended", "reason": "x" }"""), _ct))
        {
            await twice.AssertProblemAsync(HttpStatusCode.Conflict, _ct);
        }

        var resumed = await TrajectorySamples.PostEventAsync(staff, id, new { type = "resumed" }, _ct);
        Assert.False(resumed.GetProperty("suspended").GetBoolean());

        var released = await TrajectorySamples.PostEventAsync(staff, id, new { type = "released", date = "2026-11-01" }, _ct);
        Assert.Equal("released", released.GetProperty("phase").GetString());
        Assert.Equal("2026-11-01", released.GetProperty("actualReleaseDate").GetString());
        using (var again = await staff.PostAsync(TrajectorySamples.Url(id, "events"), SignalsTestApp.Json("""{ "type": "release-date-changed", "date": "2027-01-01" }"""), _ct))
        {
            await again.AssertProblemAsync(HttpStatusCode.Conflict, _ct);
        }


        var closed = await TrajectorySamples.PostEventAsync(staff, id, new { type = "closed", reason = "redetained", note = "Opnieuw gedetineerd." }, _ct);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("redetained", closed.GetProperty("closureReason").GetString());

        using var late = await staff.PostAsync(TrajectorySamples.Url(id, "events"), SignalsTestApp.Json("""{ "type": "follow-up-done" }"""), _ct);
        await late.AssertProblemAsync(HttpStatusCode.Conflict, _ct);
    }

    [Fact]
    public async Task Another_coordinator_takes_a_trajectory_over_and_its_worklist_rows_follow()
    {
        await using var app = new SignalsTestApp(azurite);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var id = await TrajectorySamples.CreateAsync(staff, TrajectorySamples.Trajectory("BRB-ASSIGN"), _ct);

        var assigned = await TrajectorySamples.PostEventAsync(staff, id, new { type = "assigned", coordinator = "teamlead-zaanstad" }, _ct);
        Assert.Equal("teamlead-zaanstad", assigned.GetProperty("coordinator").GetString());

        await Eventually.TrueAsync(async () =>
        {
            using var response = await staff.GetAsync(new Uri("/api/v1/worklist?assignee=teamlead-zaanstad&kind=trajectory", UriKind.Relative), _ct);
            var items = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct)).RootElement.GetProperty("items");
            return items.EnumerateArray().Any(i => i.GetProperty("caseId").GetString() == id);
        }, because: "the rows carry the new coordinator once publish-case has run");

        using var bad = await staff.PostAsync(TrajectorySamples.Url(id, "events"), SignalsTestApp.Json("""{ "type": "assigned", "coordinator": "not a staff id" }"""), _ct);
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        using var missing = await staff.PostAsync(TrajectorySamples.Url(id, "events"), SignalsTestApp.Json("""{ "type": "assigned" }"""), _ct);
        await missing.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
    }

    [Fact]
    public async Task Only_staff_of_the_municipality_see_or_change_a_trajectory()
    {
        await using var app = new SignalsTestApp(azurite);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        using var teamLead = app.Staff(TestCallers.TeamLeadZaanstad);
        using var purmerend = app.Staff(TestCallers.CoordinatorPurmerend);
        using var admin = app.Staff(TestCallers.Admin);
        using var corporation = await app.CorporationAsync(TestCallers.CorporationB, _ct);
        using var anonymous = app.Anonymous();
        var id = await TrajectorySamples.CreateAsync(staff, TrajectorySamples.Trajectory(), _ct);
        var get = TrajectorySamples.Url(id);
        var events = TrajectorySamples.Url(id, "events");
        const string intake = """{ "type": "intake-completed" }""";

        using (var r = await teamLead.GetAsync(get, _ct))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        foreach (var other in new[] { purmerend, admin })
        {
            using var read = await other.GetAsync(get, _ct);
            await read.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
            using var write = await other.PostAsync(events, SignalsTestApp.Json(intake), _ct);
            await write.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        }

        using (var r = await corporation.GetAsync(get, _ct))
        {
            await r.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
        }

        using (var r = await corporation.PostAsync(TrajectorySamples.Trajectories, SignalsTestApp.Json(TrajectorySamples.Trajectory("CORP-1")), _ct))
        {
            await r.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
        }

        using (var r = await anonymous.GetAsync(get, _ct))
        {
            await r.AssertProblemAsync(HttpStatusCode.Unauthorized, _ct);
        }

        using (var r = await anonymous.PostAsync(TrajectorySamples.Trajectories, SignalsTestApp.Json(TrajectorySamples.Trajectory("ANON-1")), _ct))
        {
            await r.AssertProblemAsync(HttpStatusCode.Unauthorized, _ct);
        }

        // Staff of Purmerend may not start a trajectory for Zaanstad; an unknown id answers as another municipality's.
        using (var r = await purmerend.PostAsync(TrajectorySamples.Trajectories, SignalsTestApp.Json(TrajectorySamples.Trajectory("PUR-1")), _ct))
        {
            var problem = await r.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
            Assert.True(problem.GetProperty("errors").TryGetProperty("municipalityCode", out _));
        }

        using (var r = await staff.GetAsync(TrajectorySamples.Url("trj-00000000000000000000000000"), _ct))
        {
            await r.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        }

        // Nothing but the one trajectory was started.
        var instances = app.Factory.Services.GetRequiredService<CaseClient>();
        Assert.Null(await instances.GetStatusAsync(Workflows.Application.Trajectories.TrajectoryIds.For("GM0479", "PUR-1"), _ct));
        Assert.Null(await instances.GetStatusAsync(Workflows.Application.Trajectories.TrajectoryIds.For("GM0479", "CORP-1"), _ct));
    }

    [Fact]
    public async Task Every_read_is_in_the_access_log_for_admins()
    {
        await using var app = new SignalsTestApp(azurite);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        using var teamLead = app.Staff(TestCallers.TeamLeadZaanstad);
        using var admin = app.Staff(TestCallers.Admin);
        var id = await TrajectorySamples.CreateAsync(staff, TrajectorySamples.Trajectory(), _ct);

        await SignalsTestApp.GetJsonAsync(staff, TrajectorySamples.Url(id), _ct);
        await app.Factory.AdvanceAsync(TimeSpan.FromMinutes(5), _ct);
        await SignalsTestApp.GetJsonAsync(teamLead, TrajectorySamples.Url(id), _ct);
        await app.Factory.AdvanceAsync(TimeSpan.FromMinutes(1), _ct);
        await TrajectorySamples.PostEventAsync(staff, id, new { type = "intake-completed" }, _ct);
        using (var denied = await app.Staff(TestCallers.CoordinatorPurmerend).GetAsync(TrajectorySamples.Url(id), _ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        }

        var byCase = await SignalsTestApp.GetJsonAsync(admin, new Uri($"/api/v1/access-log?caseId={id}", UriKind.Relative), _ct);
        var entries = byCase.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(4, entries.Count); // create, read, read, read after the event; the refused read is not one
        Assert.All(entries, e =>
        {
            Assert.Equal(id, e.GetProperty("caseId").GetString());
            Assert.Equal("trajectory", e.GetProperty("caseKind").GetString());
        });
        Assert.Equal("coordinator-zaanstad", entries[0].GetProperty("staffId").GetString()); // newest first
        // Business time runs on from 08:00: the team lead read after the clock moved 5 minutes and before it moved again.
        var teamLeadRead = Assert.Single(entries, e => e.GetProperty("staffId").GetString() == "teamlead-zaanstad");
        Assert.Equal("read", teamLeadRead.GetProperty("action").GetString());
        Assert.InRange(teamLeadRead.GetProperty("at").GetDateTimeOffset(),
            new DateTimeOffset(2026, 11, 2, 8, 5, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 8, 6, 0, TimeSpan.Zero));
        Assert.DoesNotContain(TrajectorySamples.Surname, byCase.GetRawText(), StringComparison.Ordinal);

        var byStaff = await SignalsTestApp.GetJsonAsync(admin, new Uri("/api/v1/access-log?staffId=teamlead-zaanstad", UriKind.Relative), _ct);
        Assert.Single(byStaff.GetProperty("entries").EnumerateArray());

        using (var neither = await admin.GetAsync(new Uri("/api/v1/access-log", UriKind.Relative), _ct))
        {
            await neither.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        }

        using (var notAdmin = await staff.GetAsync(new Uri($"/api/v1/access-log?caseId={id}", UriKind.Relative), _ct))
        {
            await notAdmin.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
        }
    }

    [Fact]
    public async Task The_openapi_document_lists_the_trajectory_worklist_and_access_log_routes()
    {
        await using var app = new SignalsTestApp(azurite);
        using var client = app.Anonymous();

        var document = await SignalsTestApp.GetJsonAsync(client, new Uri("/openapi/v1.json", UriKind.Relative), _ct);

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/trajectories", "/api/v1/trajectories/{id}", "/api/v1/trajectories/{id}/events", "/api/v1/worklist", "/api/v1/access-log" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }
}
