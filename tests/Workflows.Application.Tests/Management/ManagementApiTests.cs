using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Domain.Decisions;
using Workflows.Domain.Signals;
using Workflows.Orchestrations.Client;
using Workflows.Application.Auth;
using Workflows.Application.Tests.Support;
using Workflows.Application.Tests.Trajectories;
using Workflows.Testing;

using Workflows.Orchestrations.Storage;

namespace Workflows.Application.Tests.Management;

/// <summary>
/// The management API (API.md "Management") in Production: staff with Entra ID bearer tokens, corporations
/// with API keys, instances started through the <see cref="CaseClient"/> directly.
/// </summary>
public sealed class ManagementApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Tenant = "Vandenbroucke";
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(90));

    [Fact]
    public async Task Status_shows_lifecycle_and_custom_status_but_no_state()
    {
        await using var app = NewApp();
        var before = app.Clock.GetUtcNow();
        await StartSignalAsync(app, "sig-z1", TestCallers.Zaanstad);
        using var client = ClientAs(app, TestCallers.CoordinatorZaanstad);

        using var response = await client.GetAsync(Url("/instances/sig-z1"), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        Assert.Equal("sig-z1", body.GetProperty("instanceId").GetString());
        Assert.Equal("signal", body.GetProperty("type").GetString());
        Assert.Equal("running", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal(JsonValueKind.Object, body.GetProperty("customStatus").ValueKind);
        Assert.True(body.GetProperty("customStatus").TryGetProperty("steps", out _));
        // Business time runs on: the case was created at the start's business time, between these two readings.
        Assert.InRange(body.GetProperty("createdAt").GetDateTimeOffset(), before, app.Clock.GetUtcNow());
        Assert.True(body.TryGetProperty("lastUpdatedAt", out _));
        Assert.False(body.TryGetProperty("state", out _));
        Assert.DoesNotContain(Tenant, body.GetRawText(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("API-Version"));
    }

    [Fact]
    public async Task Instance_of_another_municipality_is_404_on_every_route_and_not_in_the_access_log()
    {
        await using var app = NewApp();
        await StartSignalAsync(app, "sig-z2", TestCallers.Zaanstad);
        using var coordinator = ClientAs(app, TestCallers.CoordinatorPurmerend);
        using var teamLead = ClientAs(app, TestCallers.TeamLeadPurmerend);

        using var status = await coordinator.GetAsync(Url("/instances/sig-z2"), _ct);
        using var history = await coordinator.GetAsync(Url("/instances/sig-z2/history"), _ct);
        using var terminate = await teamLead.PostAsync(Url("/instances/sig-z2/terminate"), null, _ct);

        await status.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        await history.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        await terminate.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        Assert.Equal("Running", await RuntimeStatusOfAsync(app, "sig-z2"));
        using var admin = ClientAs(app, TestCallers.Admin);
        Assert.Empty(await AccessLogAsync(admin, "caseId=sig-z2")); // nothing was shown, so nothing was read
    }

    [Theory]
    [InlineData("/instances/no-such-instance")]
    [InlineData("/instances/no-such-instance/history")]
    [InlineData("/instances/bad%20id")]
    [InlineData("/instances/bad'id/history")]
    public async Task Unknown_or_impossible_instance_is_404_problem(string path)
    {
        await using var app = NewApp();
        using var client = ClientAs(app, TestCallers.Admin);

        using var response = await client.GetAsync(Url(path), _ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
    }

    [Fact]
    public async Task List_shows_staff_their_municipality_and_admins_every_configured_one()
    {
        await using var app = NewApp();
        await StartSignalAsync(app, "sig-z3", TestCallers.Zaanstad);
        await StartSignalAsync(app, "sig-p3", TestCallers.Purmerend);
        using var coordinator = ClientAs(app, TestCallers.CoordinatorZaanstad);
        using var admin = ClientAs(app, TestCallers.Admin);

        Assert.Equal(["sig-z3"], await ListAsync(coordinator, ""));
        Assert.Equal(["sig-z3"], await ListAsync(coordinator, "?municipality=GM0479&type=signal&status=running"));
        Assert.Equal(["sig-p3", "sig-z3"], (await ListAsync(admin, "")).Order());
        Assert.Equal(["sig-p3"], await ListAsync(admin, "?municipality=GM0439"));
        Assert.Empty(await ListAsync(admin, "?status=terminated"));
        Assert.Empty(await ListAsync(admin, "?type=trajectory"));

        using var line = await admin.GetAsync(Url("/instances?municipality=GM0439"), _ct);
        var item = (await line.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("instances")[0];
        Assert.Equal(("sig-p3", "signal", "running", "GM0439"), (
            item.GetProperty("instanceId").GetString(), item.GetProperty("type").GetString(),
            item.GetProperty("runtimeStatus").GetString(), item.GetProperty("municipality").GetString()));
    }

    [Fact]
    public async Task Listing_another_municipality_is_403_problem_for_staff()
    {
        await using var app = NewApp();
        using var client = ClientAs(app, TestCallers.CoordinatorZaanstad);

        using var response = await client.GetAsync(Url("/instances?municipality=GM0439"), _ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
    }

    [Fact]
    public async Task Invalid_query_is_400_problem_naming_each_field()
    {
        await using var app = NewApp();
        using var client = ClientAs(app, TestCallers.Admin);

        using var response = await client.GetAsync(Url("/instances?type=nope&status=sleeping&municipality=Zaanstad"), _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["municipality", "status", "type"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("running", errors.GetProperty("status")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("signal", errors.GetProperty("type")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("Running,Completed")]
    public async Task Status_is_taken_by_name_only(string status)
    {
        await using var app = NewApp();
        using var client = ClientAs(app, TestCallers.Admin);

        using var response = await client.GetAsync(Url($"/instances?status={status}"), _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
    }

    [Fact]
    public async Task History_is_for_staff_of_the_municipality_and_admins()
    {
        await using var app = NewApp();
        await StartSignalAsync(app, "sig-z4", TestCallers.Zaanstad);

        foreach (var caller in new[] { TestCallers.CoordinatorZaanstad, TestCallers.TeamLeadZaanstad, TestCallers.Admin })
        {
            using var client = ClientAs(app, caller);
            using var response = await client.GetAsync(Url("/instances/sig-z4/history"), _ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
            Assert.Equal("sig-z4", body.GetProperty("instanceId").GetString());
            var first = body.GetProperty("events")[0];
            Assert.Equal((1, "started"), (first.GetProperty("sequence").GetInt64(), first.GetProperty("what").GetString()));
        }
    }

    [Fact]
    public async Task Status_history_and_termination_of_a_case_are_in_the_access_log()
    {
        await using var app = NewApp();
        await StartSignalAsync(app, "sig-z9", TestCallers.Zaanstad);
        using var coordinator = ClientAs(app, TestCallers.CoordinatorZaanstad);
        using var teamLead = ClientAs(app, TestCallers.TeamLeadZaanstad);
        using var admin = ClientAs(app, TestCallers.Admin);

        using (var status = await coordinator.GetAsync(Url("/instances/sig-z9"), _ct))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        await app.AdvanceAsync(TimeSpan.FromMinutes(1), _ct);
        using (var history = await admin.GetAsync(Url("/instances/sig-z9/history"), _ct))
        {
            Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        }

        await app.AdvanceAsync(TimeSpan.FromMinutes(1), _ct);
        using (var terminate = await teamLead.PostAsync(Url("/instances/sig-z9/terminate"), null, _ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        }

        var entries = await AccessLogAsync(admin, "caseId=sig-z9");
        Assert.Equal(
            new (string?, string?)[] { ("teamlead-zaanstad", "terminate"), ("admin", "history"), ("coordinator-zaanstad", "status") }, // newest first
            entries.Select(e => (e.GetProperty("staffId").GetString(), e.GetProperty("action").GetString())));
        Assert.All(entries, e => Assert.Equal("signal", e.GetProperty("caseKind").GetString()));

        // A trajectory's status is criminal-law data (RULES §2), logged as such.
        var trajectory = await TrajectorySamples.CreateAsync(coordinator, TrajectorySamples.Trajectory(), _ct);
        using (var status = await coordinator.GetAsync(Url($"/instances/{trajectory}"), _ct))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        var read = Assert.Single(await AccessLogAsync(admin, $"caseId={trajectory}"), e => e.GetProperty("action").GetString() == "status");
        Assert.Equal("trajectory", read.GetProperty("caseKind").GetString());
    }

    [Fact]
    public async Task Terminate_is_for_team_leads_of_the_municipality_and_admins_not_coordinators()
    {
        await using var app = NewApp();
        await StartSignalAsync(app, "sig-z5", TestCallers.Zaanstad);
        await StartSignalAsync(app, "sig-p5", TestCallers.Purmerend);
        using var coordinator = ClientAs(app, TestCallers.CoordinatorZaanstad);
        using var teamLead = ClientAs(app, TestCallers.TeamLeadZaanstad);
        using var admin = ClientAs(app, TestCallers.Admin);

        using var byCoordinator = await coordinator.PostAsync(Url("/instances/sig-z5/terminate"), null, _ct);
        await byCoordinator.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
        Assert.Equal("Running", await RuntimeStatusOfAsync(app, "sig-z5"));

        using var byTeamLead = await teamLead.PostAsJsonAsync(Url("/instances/sig-z5/terminate"), new { reason = "Dubbel ingevoerd." }, _ct);
        Assert.Equal(HttpStatusCode.Accepted, byTeamLead.StatusCode);
        Assert.Equal("/api/v1/instances/sig-z5", byTeamLead.Headers.Location?.OriginalString);
        Assert.Equal("terminated", (await byTeamLead.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("runtimeStatus").GetString());
        Assert.Equal("Terminated", await RuntimeStatusOfAsync(app, "sig-z5"));
        var terminated = (await Client(app).GetHistoryAsync("sig-z5", _ct))[^1];
        Assert.Equal(("terminated", "teamlead-zaanstad"), (terminated.What, terminated.Source));

        using var again = await teamLead.PostAsync(Url("/instances/sig-z5/terminate"), null, _ct);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);

        using var byAdmin = await admin.PostAsync(Url("/instances/sig-p5/terminate"), null, _ct);
        Assert.Equal(HttpStatusCode.Accepted, byAdmin.StatusCode);
        Assert.Equal("Terminated", await RuntimeStatusOfAsync(app, "sig-p5"));
    }

    [Fact]
    public async Task Terminate_with_an_overlong_reason_is_400_and_changes_nothing()
    {
        await using var app = NewApp();
        await StartSignalAsync(app, "sig-z6", TestCallers.Zaanstad);
        using var admin = ClientAs(app, TestCallers.Admin);

        using var response = await admin.PostAsJsonAsync(Url("/instances/sig-z6/terminate"), new { reason = new string('x', 201) }, _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal("Running", await RuntimeStatusOfAsync(app, "sig-z6"));
    }

    [Fact]
    public async Task Purge_is_for_admins_and_removes_the_instance()
    {
        await using var app = NewApp();
        await StartSignalAsync(app, "sig-z7", TestCallers.Zaanstad);
        using var teamLead = ClientAs(app, TestCallers.TeamLeadZaanstad);
        using var admin = ClientAs(app, TestCallers.Admin);

        using var byTeamLead = await teamLead.DeleteAsync(Url("/instances/sig-z7"), _ct);
        await byTeamLead.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
        Assert.NotNull(await Client(app).GetStatusAsync("sig-z7", _ct));

        Assert.NotEmpty(await Client(app).GetHistoryAsync("sig-z7", _ct));
        Assert.NotEmpty(await WorklistRowsAsync(app, "sig-z7"));

        using var byAdmin = await admin.DeleteAsync(Url("/instances/sig-z7"), _ct);
        Assert.Equal(HttpStatusCode.NoContent, byAdmin.StatusCode);
        Assert.Null(await Client(app).GetStatusAsync("sig-z7", _ct));
        Assert.Null(await Client(app).Durable.GetInstanceAsync("sig-z7", _ct)); // the task hub's instance is gone too
        Assert.Empty(await Client(app).GetHistoryAsync("sig-z7", _ct));
        Assert.Empty(await WorklistRowsAsync(app, "sig-z7"));
        Assert.DoesNotContain("sig-z7", await ListAsync(admin, ""));
        using var gone = await admin.GetAsync(Url("/instances/sig-z7"), _ct);
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        using var twice = await admin.DeleteAsync(Url("/instances/sig-z7"), _ct);
        await twice.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
    }

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/instances" },
        { "GET", "/instances/sig-z8" },
        { "GET", "/instances/sig-z8/history" },
        { "POST", "/instances/sig-z8/terminate" },
        { "POST", "/instances/sig-z8/retry" },
        { "DELETE", "/instances/sig-z8" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Corporations_are_403_and_anonymous_callers_401_on_every_route(string method, string path)
    {
        await using var app = NewApp();
        await StartSignalAsync(app, "sig-z8", TestCallers.Zaanstad);
        using var corporation = await app.CreateClientForAsync(TestCallers.CorporationA, _ct);
        using var anonymous = app.CreateClient();

        using var asCorporation = await corporation.SendAsync(new HttpRequestMessage(new HttpMethod(method), Url(path)), _ct);
        using var asNobody = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), Url(path)), _ct);

        await asCorporation.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
        await asNobody.AssertProblemAsync(HttpStatusCode.Unauthorized, _ct);
        Assert.Equal("Running", await RuntimeStatusOfAsync(app, "sig-z8"));
    }

    [Fact]
    public async Task Retry_resumes_a_failed_case_from_its_last_state_applying_the_event_that_met_the_fault()
    {
        const string id = "flaky-r1";
        FlakyCase.Faults[id] = true;
        try
        {
            await using var app = NewApp(withFlakyCase: true);
            using var admin = ClientAs(app, TestCallers.Admin);
            var cases = Client(app);
            await app.Services.GetRequiredService<CaseTables>().EnsureCreatedAsync(_ct);
            await cases.StartAsync(FlakyCase.TypeName, id, new FlakyInput(TestCallers.Zaanstad), "test", _ct);
            Assert.True((await cases.RaiseEventAsync(id, "before", null, "test", "ev-before", _ct))?.Applied);
            await cases.EnqueueEventAsync(id, "throw", null, "test", "ev-throw", _ct);
            var failed = await cases.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Failed, TimeSpan.FromSeconds(60), _ct);
            Assert.NotNull(failed);
            Assert.Equal(["before"], failed.StateAs<FlakyState>().Events);

            // The list and the status show it Failed.
            Assert.Equal([id], await ListAsync(admin, "?status=failed"));
            using (var status = await admin.GetAsync(Url($"/instances/{id}"), _ct))
            {
                Assert.Equal("failed", (await status.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("runtimeStatus").GetString());
            }

            // The operator fixes the defect and retries.
            FlakyCase.Faults[id] = false;
            using var retry = await admin.PostAsync(Url($"/instances/{id}/retry"), null, _ct);

            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
            Assert.Equal($"/api/v1/instances/{id}", retry.Headers.Location?.OriginalString);
            var body = await retry.Content.ReadFromJsonAsync<JsonElement>(_ct);
            Assert.Equal(id, body.GetProperty("instanceId").GetString());
            Assert.Contains(body.GetProperty("runtimeStatus").GetString(), new[] { "pending", "running" });
            var resumed = await cases.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Running && s.StateAs<FlakyState>().Events.Contains("throw"), TimeSpan.FromSeconds(60), _ct);
            Assert.NotNull(resumed);
            Assert.Equal(["before", "throw"], resumed.StateAs<FlakyState>().Events);
            Assert.Null(resumed.FailureReason);

            // It takes later events again, and its history says who retried it.
            var later = await cases.RaiseEventAsync(id, "later", null, "test", "ev-later", _ct);
            Assert.NotNull(later);
            Assert.True(later.Applied);
            Assert.Equal(["before", "throw", "later"], later.Status.StateAs<FlakyState>().Events);
            await Eventually.TrueAsync(
                async () => (await cases.GetHistoryAsync(id, _ct)).Any(h => h.What == "retried" && h.Source == "admin"),
                because: "the retry is a history line", cancellationToken: _ct);
            Assert.Empty(await ListAsync(admin, "?status=failed"));
        }
        finally
        {
            FlakyCase.Faults.TryRemove(id, out _);
        }
    }

    [Fact]
    public async Task Retry_is_409_for_a_case_that_did_not_fail_and_404_for_an_unknown_one()
    {
        await using var app = NewApp();
        await StartSignalAsync(app, "sig-r2", TestCallers.Zaanstad);
        using var admin = ClientAs(app, TestCallers.Admin);

        using var running = await admin.PostAsync(Url("/instances/sig-r2/retry"), null, _ct);
        var problem = await running.AssertProblemAsync(HttpStatusCode.Conflict, _ct);
        Assert.Contains("running", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Running", await RuntimeStatusOfAsync(app, "sig-r2"));

        using (var terminate = await admin.PostAsync(Url("/instances/sig-r2/terminate"), null, _ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        }

        using var terminated = await admin.PostAsync(Url("/instances/sig-r2/retry"), null, _ct);
        await terminated.AssertProblemAsync(HttpStatusCode.Conflict, _ct);
        Assert.Equal("Terminated", await RuntimeStatusOfAsync(app, "sig-r2"));

        foreach (var unknown in new[] { "no-such-instance", "bad%20id" })
        {
            using var response = await admin.PostAsync(Url($"/instances/{unknown}/retry"), null, _ct);
            await response.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        }
    }

    [Fact]
    public async Task Retry_is_for_admins_only()
    {
        const string id = "flaky-r3";
        FlakyCase.Faults[id] = true;
        try
        {
            await using var app = NewApp(withFlakyCase: true);
            var cases = Client(app);
            await app.Services.GetRequiredService<CaseTables>().EnsureCreatedAsync(_ct);
            await cases.StartAsync(FlakyCase.TypeName, id, new FlakyInput(TestCallers.Zaanstad), "test", _ct);
            await cases.EnqueueEventAsync(id, "throw", null, "test", "ev-throw", _ct);
            Assert.NotNull(await cases.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Failed, TimeSpan.FromSeconds(60), _ct));
            FlakyCase.Faults[id] = false;

            foreach (var caller in new[] { TestCallers.TeamLeadZaanstad, TestCallers.CoordinatorZaanstad })
            {
                using var client = ClientAs(app, caller);
                using var response = await client.PostAsync(Url($"/instances/{id}/retry"), null, _ct);
                await response.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
            }

            // Refused retries changed nothing: the case stays Failed until an admin retries it.
            Assert.Equal("Failed", await RuntimeStatusOfAsync(app, id));
        }
        finally
        {
            FlakyCase.Faults.TryRemove(id, out _);
        }
    }

    private WorkflowsAppFactory NewApp(bool withFlakyCase = false) => new(azurite.ConnectionString)
    {
        ConfigureServices = services =>
        {
            TestEntra.AcceptTokens(services);
            if (withFlakyCase)
            {
                services.AddSingleton<ICaseDefinition, FlakyCase>();
            }
        },
    };

    private static HttpClient ClientAs(WorkflowsAppFactory app, Caller staff)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestEntra.TokenFor(staff));
        return client;
    }

    private static CaseClient Client(WorkflowsAppFactory app) => app.Services.GetRequiredService<CaseClient>();

    private async Task<string> RuntimeStatusOfAsync(WorkflowsAppFactory app, string id) =>
        (await Client(app).GetStatusAsync(id, _ct))!.RuntimeStatus.ToString();

    private async Task StartSignalAsync(WorkflowsAppFactory app, string id, string municipality)
    {
        var team = municipality == TestCallers.Zaanstad ? "schuldhulp-zaanstad" : "schuldhulp-purmerend";
        var intake = new SignalIntake(
            "demo-corp-b", $"HUUR-{id}", municipality, team,
            [new Tenant("P.", null, Tenant, new DateOnly(1979, 2, 3), "+31687654321", "p.vandenbroucke@example.nl")],
            new Address("Beheerstraat", 7, null, "1234XY", "Zaandam"),
            new Arrears(900m, new DateOnly(2026, 8, 1), 2, 450m), EvictionStage.Arrears, null, SignalPlan.Default, new RetentionPolicy());
        // The hosted service creates the application's tables just after start; do it now (idempotent) to not race it.
        await app.Services.GetRequiredService<CaseTables>().EnsureCreatedAsync(_ct);
        var started = await Client(app).StartAsync(SignalOrchestration.TypeName, id, intake, "demo-corp-b", _ct);
        Assert.Equal(municipality, started.Status.Scope);
        // The runtime runs the first episode a moment later (Pending until then) and publishes its history line and
        // worklist rows after it: wait until the case runs with nothing in flight.
        Assert.NotNull(await Client(app).WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Running && s.Pending == 0, TimeSpan.FromSeconds(60), _ct));
    }

    private async Task<IReadOnlyList<IndexRow>> WorklistRowsAsync(WorkflowsAppFactory app, string id) =>
        [.. (await Client(app).QueryIndexAsync(Workflows.Domain.Cases.Worklist.Partition(TestCallers.Zaanstad), null, null, null, 1000, _ct)).Where(r => r.InstanceId == id)];

    private async Task<string[]> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(Url("/instances" + query), _ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        return [.. body.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!)];
    }

    private async Task<List<JsonElement>> AccessLogAsync(HttpClient admin, string query)
    {
        using var response = await admin.GetAsync(Url($"/access-log?{query}"), _ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        Assert.DoesNotContain(Tenant, body.GetRawText(), StringComparison.Ordinal);
        return [.. body.GetProperty("entries").EnumerateArray()];
    }

    private static Uri Url(string path) => new("/api/v1" + path, UriKind.Relative);
}
