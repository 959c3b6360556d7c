using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Orchestrations.Client;
using Workflows.Application.Tests.Signals;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Trajectories;

/// <summary>Trajectory events take an <c>Idempotency-Key</c> as signal events do: a retried request is applied once.</summary>
public sealed class TrajectoryIdempotencyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ReleaseDateChanged = """{ "type": "release-date-changed", "date": "2027-03-01" }""";
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task A_retried_event_with_the_same_key_is_applied_once()
    {
        await using var app = new SignalsTestApp(azurite);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var id = await TrajectorySamples.CreateAsync(staff, TrajectorySamples.Trajectory(), _ct);

        for (var i = 0; i < 2; i++)
        {
            var view = await PostAsync(staff, id, ReleaseDateChanged, "release-0001", HttpStatusCode.OK);
            Assert.Equal("2027-03-01", view.GetProperty("expectedReleaseDate").GetString());
        }

        Assert.Equal(1, await EventsAsync(app, id, "release-date-changed"));

        // Without the key, or with another one, the same body is a new event.
        await PostAsync(staff, id, ReleaseDateChanged, null, HttpStatusCode.OK);
        await PostAsync(staff, id, ReleaseDateChanged, "release-0002", HttpStatusCode.OK);
        Assert.Equal(3, await EventsAsync(app, id, "release-date-changed"));
    }

    [Fact]
    public async Task A_retried_closing_answers_as_the_first_time_not_closed_already()
    {
        await using var app = new SignalsTestApp(azurite);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var id = await TrajectorySamples.CreateAsync(staff, TrajectorySamples.Trajectory(), _ct);
        const string close = """{ "type": "closed", "reason": "transferred" }""";

        var first = await PostAsync(staff, id, close, "close-0001", HttpStatusCode.OK);
        var retried = await PostAsync(staff, id, close, "close-0001", HttpStatusCode.OK);
        await PostAsync(staff, id, close, "close-0002", HttpStatusCode.Conflict);

        Assert.Equal("closed", first.GetProperty("status").GetString());
        Assert.Equal("closed", retried.GetProperty("status").GetString());
        Assert.Equal(1, await EventsAsync(app, id, "closed"));
    }

    [Fact]
    public async Task A_key_is_the_caller_s_own()
    {
        await using var app = new SignalsTestApp(azurite);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        using var teamLead = app.Staff(TestCallers.TeamLeadZaanstad);
        var id = await TrajectorySamples.CreateAsync(staff, TrajectorySamples.Trajectory(), _ct);

        await PostAsync(staff, id, ReleaseDateChanged, "same-key", HttpStatusCode.OK);
        await PostAsync(teamLead, id, ReleaseDateChanged, "same-key", HttpStatusCode.OK);

        Assert.Equal(2, await EventsAsync(app, id, "release-date-changed"));
    }

    [Fact]
    public async Task An_invalid_key_is_400_naming_the_header_and_records_nothing()
    {
        await using var app = new SignalsTestApp(azurite);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var id = await TrajectorySamples.CreateAsync(staff, TrajectorySamples.Trajectory(), _ct);

        var problem = await PostAsync(staff, id, ReleaseDateChanged, new string('k', 101), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(0, await EventsAsync(app, id, "release-date-changed"));
    }

    private async Task<JsonElement> PostAsync(HttpClient staff, string id, string body, string? key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TrajectorySamples.Url(id, "events")) { Content = SignalsTestApp.Json(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await staff.SendAsync(request, _ct);
        var text = await response.Content.ReadAsStringAsync(_ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// How many events named <paramref name="name"/> the case applied, by its business history (written by the
    /// publish-case activity after each episode, so the cases settle first).
    /// </summary>
    private async Task<int> EventsAsync(SignalsTestApp app, string id, string name)
    {
        await app.Factory.SettleAsync(_ct);
        var history = await app.Factory.Services.GetRequiredService<CaseClient>().GetHistoryAsync(id, _ct);
        return history.Count(h => h.What == "event" && h.Name == name);
    }
}
