using System.Net;
using System.Text.Json;
using Workflows.Application.Tests.Signals;
using Workflows.Application.Tests.Support;
using Workflows.Application.Tests.Trajectories;
using Workflows.Testing;

namespace Workflows.Application.Tests.Worklist;

/// <summary><c>GET /api/v1/worklist</c> (API.md "Staff"): open steps of both kinds of case, the caller's municipality only, no personal data.</summary>
public sealed class WorklistApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Today = "2026-11-02";
    private readonly CancellationToken _ct = TestTimeout.Token();

    private sealed record Setup(string Overdue, string Recent, string Signal, string OtherMunicipality);

    [Fact]
    public async Task Staff_see_open_steps_of_both_kinds_in_their_municipality_earliest_first()
    {
        await using var app = new SignalsTestApp(azurite);
        var setup = await SetUpAsync(app);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);

        var items = await ItemsAsync(staff, string.Empty);

        var ids = items.Select(i => i.GetProperty("caseId").GetString()).ToHashSet();
        Assert.Contains(setup.Overdue, ids);
        Assert.Contains(setup.Recent, ids);
        Assert.Contains(setup.Signal, ids);
        Assert.DoesNotContain(setup.OtherMunicipality, ids);
        var dues = items.Select(i => i.GetProperty("due").GetString()!).ToList();
        Assert.Equal(dues.Order(StringComparer.Ordinal), dues);
        Assert.All(items, i =>
        {
            Assert.Equal("GM0479", i.GetProperty("municipality").GetString());
            foreach (var field in new[] { "caseId", "step", "label", "due" })
            {
                Assert.False(string.IsNullOrEmpty(i.GetProperty(field).GetString()), field);
            }

            Assert.True(i.TryGetProperty("assignee", out _));
            Assert.True(i.TryGetProperty("team", out _));
        });

        using var purmerend = app.Staff(TestCallers.CoordinatorPurmerend);
        var theirs = await ItemsAsync(purmerend, string.Empty);
        Assert.NotEmpty(theirs);
        Assert.All(theirs, i => Assert.Equal(setup.OtherMunicipality, i.GetProperty("caseId").GetString()));
    }

    [Fact]
    public async Task Filters_by_due_kind_assignee_and_team()
    {
        await using var app = new SignalsTestApp(azurite);
        var setup = await SetUpAsync(app);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);

        var overdue = await ItemsAsync(staff, "?due=overdue");
        Assert.Contains(overdue, i => i.GetProperty("caseId").GetString() == setup.Overdue);
        Assert.DoesNotContain(overdue, i => i.GetProperty("caseId").GetString() == setup.Recent);
        Assert.All(overdue, i =>
        {
            Assert.True(string.CompareOrdinal(i.GetProperty("due").GetString(), Today) < 0);
            Assert.Equal("overdue", i.GetProperty("status").GetString());
        });

        Assert.All(await ItemsAsync(staff, "?due=today"), i => Assert.Equal(Today, i.GetProperty("due").GetString()));
        Assert.All(await ItemsAsync(staff, "?due=week"), i =>
        {
            var due = i.GetProperty("due").GetString()!;
            Assert.InRange(string.CompareOrdinal(due, Today), 0, int.MaxValue);
            Assert.True(string.CompareOrdinal(due, "2026-11-09") < 0, due);
        });

        var trajectories = await ItemsAsync(staff, "?kind=trajectory");
        Assert.All(trajectories, i => Assert.Equal("trajectory", i.GetProperty("kind").GetString()));
        Assert.Contains(trajectories, i => i.GetProperty("caseId").GetString() == setup.Recent);
        var signals = await ItemsAsync(staff, "?kind=signal");
        Assert.NotEmpty(signals);
        Assert.All(signals, i =>
        {
            Assert.Equal("signal", i.GetProperty("kind").GetString());
            Assert.Equal(setup.Signal, i.GetProperty("caseId").GetString());
            Assert.StartsWith("/api/v1/signals/", i.GetProperty("href").GetString(), StringComparison.Ordinal);
        });

        var mine = await ItemsAsync(staff, "?assignee=coordinator-zaanstad");
        Assert.NotEmpty(mine);
        Assert.All(mine, i => Assert.Equal("coordinator-zaanstad", i.GetProperty("assignee").GetString()));
        Assert.Contains(mine, i => i.GetProperty("caseId").GetString() == setup.Overdue);
        Assert.DoesNotContain(mine, i => i.GetProperty("caseId").GetString() == setup.Recent);

        var team = await ItemsAsync(staff, "?team=schuldhulp-zaanstad&kind=trajectory&due=overdue");
        Assert.NotEmpty(team);
        Assert.All(team, i =>
        {
            Assert.Equal("schuldhulp-zaanstad", i.GetProperty("team").GetString());
            Assert.Equal("trajectory", i.GetProperty("kind").GetString());
        });
        Assert.Empty(await ItemsAsync(staff, "?team=no-such-team"));
    }

    [Fact]
    public async Task Rows_carry_no_personal_data()
    {
        await using var app = new SignalsTestApp(azurite);
        await SetUpAsync(app);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);

        using var response = await staff.GetAsync(new Uri("/api/v1/worklist", UriKind.Relative), _ct);
        var text = await response.Content.ReadAsStringAsync(_ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var personal in new[] { TrajectorySamples.Surname, TrajectorySamples.ValidBsn, "1991-07-03", "PI Zaanstad", "Dijk", "Dorpsstraat", "1501AB", "0612345678", "example.nl" })
        {
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
        }

        var allowed = new HashSet<string> { "caseId", "kind", "municipality", "step", "label", "due", "status", "assignee", "team", "href" };
        foreach (var item in JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray())
        {
            Assert.All(item.EnumerateObject(), p => Assert.Contains(p.Name, allowed));
        }
    }

    [Theory]
    [InlineData("?due=tomorrow", "due")]
    [InlineData("?kind=case", "kind")]
    [InlineData("?assignee=a%20b", "assignee")]
    [InlineData("?team=", "team")]
    public async Task A_bad_query_is_400_naming_the_parameter(string query, string field)
    {
        await using var app = new SignalsTestApp(azurite);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);

        using var response = await staff.GetAsync(new Uri("/api/v1/worklist" + query, UriKind.Relative), _ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task Corporations_are_403_and_anonymous_callers_401()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corporation = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var anonymous = app.Anonymous();
        var uri = new Uri("/api/v1/worklist", UriKind.Relative);

        using (var r = await corporation.GetAsync(uri, _ct))
        {
            await r.AssertProblemAsync(HttpStatusCode.Forbidden, _ct);
        }

        using (var r = await anonymous.GetAsync(uri, _ct))
        {
            await r.AssertProblemAsync(HttpStatusCode.Unauthorized, _ct);
        }
    }

    /// <summary>
    /// In Zaanstad: a trajectory notified a month ago (intake overdue, coordinator-zaanstad), one notified today
    /// (another coordinator) and a signal; in Purmerend a trajectory with an overdue intake.
    /// </summary>
    private async Task<Setup> SetUpAsync(SignalsTestApp app)
    {
        using var zaanstad = app.Staff(TestCallers.CoordinatorZaanstad);
        using var purmerend = app.Staff(TestCallers.CoordinatorPurmerend);
        using var corporation = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        var overdue = TrajectorySamples.Trajectory("BRB-OLD", notifiedOn: "2026-10-01");
        overdue["detentionStart"] = "2026-09-28";
        var recent = TrajectorySamples.Trajectory("BRB-NEW", coordinator: "coordinator-2", notifiedOn: Today);
        var other = TrajectorySamples.Trajectory("BRB-PUR", municipality: "GM0439", coordinator: "coordinator-purmerend", notifiedOn: "2026-10-01");
        other["detentionStart"] = "2026-09-28";
        var setup = new Setup(
            await TrajectorySamples.CreateAsync(zaanstad, overdue, _ct),
            await TrajectorySamples.CreateAsync(zaanstad, recent, _ct),
            await SignalsTestApp.CreateAsync(corporation, SignalSamples.Signal(), _ct),
            await TrajectorySamples.CreateAsync(purmerend, other, _ct));
        // Worklist rows are written by each case's publish-case activity after its first episode: wait for them.
        await app.Factory.SettleAsync(_ct);
        return setup;
    }

    private async Task<List<JsonElement>> ItemsAsync(HttpClient staff, string query)
    {
        var body = await SignalsTestApp.GetJsonAsync(staff, new Uri("/api/v1/worklist" + query, UriKind.Relative), _ct);
        return [.. body.GetProperty("items").EnumerateArray()];
    }
}
