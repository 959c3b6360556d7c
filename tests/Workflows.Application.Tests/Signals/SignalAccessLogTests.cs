using System.Net;
using System.Text.Json;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Signals;

/// <summary>
/// The household's personal data in a signal case (RULES §2, "Privacy"): every staff read of the full case is
/// in the access log; the corporation's coarse view and refused requests are not.
/// </summary>
public sealed class SignalAccessLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task Staff_reads_of_the_full_case_and_its_event_answers_are_in_the_access_log()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        using var teamLead = app.Staff(TestCallers.TeamLeadZaanstad);
        using var admin = app.Staff(TestCallers.Admin);
        var id = await SignalsTestApp.CreateAsync(corp, SignalSamples.Signal(), _ct);

        var coarse = await SignalsTestApp.GetJsonAsync(corp, SignalsTestApp.Signal(id), _ct);
        Assert.False(coarse.TryGetProperty("tenants", out _));
        await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(id), _ct);
        await app.Factory.AdvanceAsync(TimeSpan.FromMinutes(5), _ct);
        await SignalsTestApp.PostEventAsync(teamLead, id, new { type = "triaged", assignee = "coordinator-zaanstad" }, _ct);

        var entries = await EntriesAsync(admin, $"caseId={id}");
        Assert.Equal(2, entries.Count); // the staff read and the case answered to the event; not the corporation's view
        Assert.All(entries, e =>
        {
            Assert.Equal(id, e.GetProperty("caseId").GetString());
            Assert.Equal("signal", e.GetProperty("caseKind").GetString());
            Assert.Equal("read", e.GetProperty("action").GetString());
        });
        // Newest first; business time runs on with real time from 08:00, so each read is stamped within a minute of its instant.
        AssertEntry(entries[0], "teamlead-zaanstad", new DateTimeOffset(2026, 11, 2, 8, 5, 0, TimeSpan.Zero));
        AssertEntry(entries[1], "coordinator-zaanstad", new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        Assert.Empty(await EntriesAsync(admin, $"staffId={TestCallers.CorporationA.Id}"));
    }

    [Fact]
    public async Task A_refused_read_or_event_leaves_no_access_log_entry()
    {
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        using var purmerend = app.Staff(TestCallers.CoordinatorPurmerend);
        using var admin = app.Staff(TestCallers.Admin);
        var id = await SignalsTestApp.CreateAsync(corp, SignalSamples.Signal(), _ct);

        foreach (var other in new[] { purmerend, admin })
        {
            using var read = await other.GetAsync(SignalsTestApp.Signal(id), _ct);
            await read.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
            using var write = await other.PostAsync(SignalsTestApp.Signal(id, "events"), SignalsTestApp.Json("""{"type":"help-offered"}"""), _ct);
            await write.AssertProblemAsync(HttpStatusCode.NotFound, _ct);
        }

        // Staff of the municipality, but the event is refused (400, 409): no case was shown.
        using (var invalid = await staff.PostAsync(SignalsTestApp.Signal(id, "events"), SignalsTestApp.Json("""{"type":"help-offered","outcome":"x"}"""), _ct))
        {
            await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
        }

        using (var conflict = await staff.PostAsync(SignalsTestApp.Signal(id, "events"), SignalsTestApp.Json("""{"type":"resumed"}"""), _ct))
        {
            await conflict.AssertProblemAsync(HttpStatusCode.Conflict, _ct);
        }

        Assert.Empty(await EntriesAsync(admin, $"caseId={id}"));
        Assert.Empty(await EntriesAsync(admin, "staffId=coordinator-purmerend"));
        Assert.Empty(await EntriesAsync(admin, "staffId=admin"));
    }

    private static void AssertEntry(JsonElement entry, string staffId, DateTimeOffset at)
    {
        Assert.Equal(staffId, entry.GetProperty("staffId").GetString());
        Assert.InRange(entry.GetProperty("at").GetDateTimeOffset(), at, at + TimeSpan.FromMinutes(1));
    }

    private async Task<List<JsonElement>> EntriesAsync(HttpClient admin, string query)
    {
        var log = await SignalsTestApp.GetJsonAsync(admin, new Uri($"/api/v1/access-log?{query}", UriKind.Relative), _ct);
        Assert.DoesNotContain("Dijk", log.GetRawText(), StringComparison.Ordinal);
        return [.. log.GetProperty("entries").EnumerateArray()];
    }
}
