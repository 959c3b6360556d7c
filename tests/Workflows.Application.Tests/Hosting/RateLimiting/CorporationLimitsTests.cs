using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Workflows.Application.Signals;
using Workflows.Application.Tests.Signals;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Hosting.RateLimiting;

/// <summary>
/// Limits per corporation (OWASP API4): over its request rate or with a batch in progress a corporation gets 429
/// problem+json with Retry-After and nothing of that request is stored, while other corporations and staff are
/// served at the same moment. Limits are set through configuration; a refill period of an hour means no token comes
/// back during a test, so nothing here depends on how fast the machine is.
/// </summary>
public sealed class CorporationLimitsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(180));

    [Fact]
    public async Task A_corporation_over_its_burst_gets_429_with_Retry_After_and_its_signal_is_not_stored_while_others_are_served()
    {
        await using var app = new SignalsTestApp(azurite);
        app.Factory.Settings["Api:CorporationLimits:Burst"] = "2";
        app.Factory.Settings["Api:CorporationLimits:RequestsPerPeriod"] = "1";
        app.Factory.Settings["Api:CorporationLimits:Period"] = "01:00:00";
        using var corpA = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var corpB = await app.CorporationAsync(TestCallers.CorporationB, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var first = await SignalsTestApp.CreateAsync(corpA, SignalSamples.Signal("LIM-1", houseNumber: 1), _ct);
        await SignalsTestApp.CreateAsync(corpA, SignalSamples.Signal("LIM-2", houseNumber: 2), _ct);

        using var refused = await corpA.PostAsync(SignalsTestApp.Signals, SignalsTestApp.Json(SignalSamples.Signal("LIM-3", houseNumber: 3)), _ct);

        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, _ct);
        Assert.Equal("3600", refused.Headers.GetValues("Retry-After").Single());
        Assert.Contains("more than 1 requests per 3600 s", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, await app.StoredInstancesAsync(_ct));
        // Reads count too: the corporation is over its limit for every call.
        using var read = await corpA.GetAsync(SignalsTestApp.Signal(first), _ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, read.StatusCode);

        // At the same moment: another corporation, staff, and the anonymous health endpoint are served.
        await SignalsTestApp.CreateAsync(corpB, SignalSamples.Signal("LIM-B", houseNumber: 4), _ct);
        for (var i = 0; i < 3; i++)
        {
            await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(first), _ct);
        }

        using var anonymous = app.Anonymous();
        using var health = await anonymous.GetAsync(new Uri("/healthz", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(3, await app.StoredInstancesAsync(_ct));
    }

    [Fact]
    public async Task A_second_batch_while_the_first_runs_gets_429_and_stores_nothing_while_the_first_completes_and_others_are_served()
    {
        await using var app = new SignalsTestApp(azurite);
        // Without the redirect handler, which would buffer the held body before sending any of it.
        using var corpA = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .WithApiKey(await app.Factory.IssueKeyAsync(TestCallers.CorporationA, _ct));
        using var corpB = await app.CorporationAsync(TestCallers.CorporationB, _ct);
        using var staff = app.Staff(TestCallers.CoordinatorZaanstad);
        var known = await SignalsTestApp.CreateAsync(corpA, SignalSamples.Signal("RUN-0", houseNumber: 1), _ct);
        using var held = HeldBatch.Of("RUN-A", houseNumbersFrom: 100);
        var running = corpA.PostAsync(SignalsTestApp.Batch, held, _ct);
        await held.Reading.WaitAsync(_ct);

        using var second = await corpA.PostAsync(SignalsTestApp.Batch, SignalsTestApp.Json(Batch("SECOND", 3, houseNumbersFrom: 10)), _ct);

        var problem = await second.AssertProblemAsync(HttpStatusCode.TooManyRequests, _ct);
        Assert.Equal("1", second.Headers.GetValues("Retry-After").Single());
        Assert.Contains("batches in progress", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var csv = new StringContent(SignalSamples.Csv([SignalSamples.CsvRow("SECOND-CSV", 20)]), Encoding.UTF8, "text/csv");
        using var secondCsv = await corpA.PostAsync(SignalsTestApp.Batch, csv, _ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, secondCsv.StatusCode);

        // At the same moment: the corporation's single calls, another corporation's batch, and staff are served.
        await SignalsTestApp.CreateAsync(corpA, SignalSamples.Signal("RUN-1", houseNumber: 2), _ct);
        var other = await SignalsTestApp.PostBatchAsync(corpB, SignalsTestApp.Json(Batch("RUN-B", 2, houseNumbersFrom: 30)), _ct);
        Assert.All(other, r => Assert.Equal("created", r.GetProperty("outcome").GetString()));
        await SignalsTestApp.GetJsonAsync(staff, SignalsTestApp.Signal(known), _ct);
        Assert.False(running.IsCompleted);

        held.Release();
        using var first = await running;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2 + held.Count + 2, await app.StoredInstancesAsync(_ct));
        using var notStored = await corpA.GetAsync(SignalsTestApp.Signal(SignalIds.For(TestCallers.CorporationA.Id, "SECOND-1")), _ct);
        Assert.Equal(HttpStatusCode.NotFound, notStored.StatusCode);

        // The corporation's next batch, once the first is answered, is taken.
        var next = await SignalsTestApp.PostBatchAsync(corpA, SignalsTestApp.Json(Batch("SECOND", 3, houseNumbersFrom: 10)), _ct);
        Assert.All(next, r => Assert.Equal("created", r.GetProperty("outcome").GetString()));
    }

    [Theory]
    [InlineData("Api:CorporationLimits:Burst", "0")]
    [InlineData("Api:CorporationLimits:RequestsPerPeriod", "0")]
    [InlineData("Api:CorporationLimits:Period", "00:00:00")]
    [InlineData("Api:CorporationLimits:ConcurrentBatches", "0")]
    [InlineData("Api:StorageRetryAfter", "00:00:00")]
    public async Task A_limit_out_of_bounds_stops_the_app_at_start(string setting, string value)
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        app.Settings[setting] = value;

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(setting.Split(':')[^1], error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    private static JsonObject Batch(string prefix, int count, int houseNumbersFrom) =>
        SignalSamples.Batch(Enumerable.Range(1, count).Select(i => (JsonNode)SignalSamples.Signal($"{prefix}-{i}", houseNumber: houseNumbersFrom + i)));
}
