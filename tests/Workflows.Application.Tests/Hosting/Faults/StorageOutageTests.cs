using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Orchestrations.Client;
using Workflows.Application.Signals;
using Workflows.Application.Tests.Signals;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Hosting.Faults;

/// <summary>
/// Storage unreachable (a <see cref="StorageOutage"/> between the app and Azurite) is "try again later": 503
/// problem+json with Retry-After, never 500; what a request stored before storage went away is whole, and the same
/// request again once storage is back takes each signal once.
/// </summary>
public sealed class StorageOutageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(180));

    [Fact]
    public async Task A_signal_while_storage_is_unreachable_is_503_with_Retry_After_stores_nothing_and_is_taken_once_storage_is_back()
    {
        await using var outage = StorageOutage.Start(azurite);
        await using var app = new SignalsTestApp(azurite, outage.ConnectionString);
        app.Factory.Settings["Api:StorageRetryAfter"] = "00:00:07";
        using var corp = await WarmAsync(app);
        var signal = SignalSamples.Signal("OUT-1");

        outage.Cut();
        using var refused = await corp.PostAsync(SignalsTestApp.Signals, SignalsTestApp.Json(signal), _ct);
        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{refused.StatusCode}; the app logged: {app.Factory.Errors}");

        var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, _ct);
        Assert.Equal("7", refused.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Storage does not answer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("exception", out _));
        Assert.Equal(0, await app.StoredAsync(_ct));

        outage.Restore();
        var id = await SignalsTestApp.CreateAsync(corp, signal, _ct);
        using var again = await corp.PostAsync(SignalsTestApp.Signals, SignalsTestApp.Json(signal), _ct);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(SignalIds.For(TestCallers.CorporationA.Id, "OUT-1"), id);
        Assert.Equal(1, await app.StoredInstancesAsync(_ct));
    }

    [Fact]
    public async Task A_batch_cut_off_midway_is_503_and_sent_again_once_storage_is_back_takes_each_signal_once()
    {
        const int Count = 24;
        await using var outage = StorageOutage.Start(azurite);
        await using var app = new SignalsTestApp(azurite, outage.ConnectionString);
        using var corp = await WarmAsync(app);
        await app.Factory.SettleAsync(_ct);
        var batch = SignalSamples.Batch(Enumerable.Range(1, Count).Select(i => (JsonNode)SignalSamples.Signal($"OUT-B-{i}", houseNumber: i)));

        // Storage goes away just as the sixth case is started (each start sends one message to the control queue).
        outage.CutAt(new Regex($"^POST /{AzuriteFixture.AccountName}/{app.Factory.Prefix}-control-\\d+/messages"), occurrence: 6);
        using var refused = await corp.PostAsync(SignalsTestApp.Batch, SignalsTestApp.Json(batch), _ct);
        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{refused.StatusCode}; the app logged: {app.Factory.Errors}");

        await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, _ct);
        Assert.Equal("10", refused.Headers.GetValues("Retry-After").Single());
        Assert.True(outage.IsCut);
        Assert.InRange(await app.StoredInstancesAsync(_ct), 0, 5);

        outage.Restore();
        var results = await SignalsTestApp.PostBatchAsync(corp, SignalsTestApp.Json(batch), _ct);
        await app.Factory.SettleAsync(_ct);

        var ids = Enumerable.Range(1, Count).Select(i => SignalIds.For(TestCallers.CorporationA.Id, $"OUT-B-{i}")).ToList();
        Assert.Equal(ids, results.Select(r => r.GetProperty("id").GetString()));
        Assert.All(results, r => Assert.Contains(r.GetProperty("outcome").GetString(), new[] { "created", "duplicate" }));
        Assert.Equal(Count, await app.StoredInstancesAsync(_ct));
        var history = new TableClient(azurite.ConnectionString, app.Factory.Prefix + "casehistory");
        foreach (var id in ids)
        {
            var started = 0;
            await foreach (var _ in history.QueryAsync<TableEntity>($"PartitionKey eq '{id}' and What eq 'started'", select: ["RowKey"], cancellationToken: _ct))
            {
                started++;
            }

            var view = await SignalsTestApp.GetJsonAsync(corp, SignalsTestApp.Signal(id), _ct);
            var status = await app.Factory.Services.GetRequiredService<CaseClient>().GetStatusAsync(id, _ct);
            Assert.True(started == 1, $"{id} (#{ids.IndexOf(id) + 1}) started {started} times; {status?.RuntimeStatus}, {status?.Pending} pending; shown as {view}");
            Assert.Equal("received", view.GetProperty("status").GetString());
        }
    }

    /// <summary>A corporation's client whose key this host has looked up once (keys are cached, so it still authenticates while storage is away).</summary>
    private async Task<HttpClient> WarmAsync(SignalsTestApp app)
    {
        var corp = await app.CorporationAsync(TestCallers.CorporationA, _ct);
        using var warm = await corp.GetAsync(SignalsTestApp.Signal("sig-doesnotexist"), _ct);
        Assert.Equal(HttpStatusCode.NotFound, warm.StatusCode);
        return corp;
    }
}
