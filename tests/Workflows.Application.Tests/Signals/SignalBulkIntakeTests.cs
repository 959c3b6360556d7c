using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Tests.Support;
using Workflows.Orchestrations.Client;
using Workflows.Testing;
using Xunit.Abstractions;

namespace Workflows.Application.Tests.Signals;

/// <summary>
/// A large CSV batch, on an Azurite of its own and alone (<see cref="BulkTestsDefinition"/>): hundreds of cases starting
/// at once would slow every test running beside it, and be slowed by them.
/// </summary>
[Collection(BulkTestsDefinition.Name)]
public sealed class SignalBulkIntakeTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Five_hundred_csv_rows_in_one_request_are_all_taken_carried_through_and_found_again_on_resubmission()
    {
        // The contract allows 10,000 rows per request (SignalsOptions.MaxBatchSignals, tested with a small limit);
        // on the Durable Task runtime against one in-memory Azurite a 10,000-row run takes longer than this suite
        // may (every row is an orchestration): its rate is the signals-batch benchmark's figure (issue 10).
        var ct = TestTimeout.Token(TimeSpan.FromMinutes(10));
        const int Rows = 500;
        await using var app = new SignalsTestApp(azurite);
        using var corp = await app.CorporationAsync(TestCallers.CorporationA, ct);
        corp.Timeout = TimeSpan.FromMinutes(10);
        var csv = SignalSamples.Csv(Enumerable.Range(1, Rows).Select(i => SignalSamples.CsvRow($"BULK-{i}", i)));

        var watch = Stopwatch.StartNew();
        var first = await SignalsTestApp.PostBatchAsync(corp, new StringContent(csv, Encoding.UTF8, "text/csv"), ct);
        output.WriteLine($"First submission answered in {watch.Elapsed.TotalSeconds:0} s.");
        watch.Restart();
        var again = await SignalsTestApp.PostBatchAsync(corp, new StringContent(csv, Encoding.UTF8, "text/csv"), ct);
        output.WriteLine($"Resubmission answered in {watch.Elapsed.TotalSeconds:0} s.");

        Assert.Equal(Enumerable.Range(0, Rows), first.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(first, r => Assert.Equal("created", r.GetProperty("outcome").GetString()));
        var ids = first.Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(Rows, ids.Distinct().Count());
        Assert.Equal(Rows, await app.StoredInstancesAsync(ct));
        Assert.All(again, r => Assert.Equal("duplicate", r.GetProperty("outcome").GetString()));
        Assert.Equal(ids, again.Select(r => r.GetProperty("id").GetString()));

        // Every case's start was carried through by the runtime: each ran its first episode (no longer pending,
        // nothing in flight), armed the timer of its first deadline and published its household row.
        var client = app.Factory.Services.GetRequiredService<CaseClient>();
        var settle = Stopwatch.StartNew();
        var carried = 0;
        var household = 0;
        while (true)
        {
            carried = (await client.QueryStatusesAsync(null, null, null, ct))
                .Count(s => s.InstanceId.StartsWith("sig-", StringComparison.Ordinal) && s.RuntimeStatus == RuntimeStatus.Running && s.Pending == 0 && s.Timers.Count > 0);
            household = (await client.QueryIndexAsync("household|GM0479", null, null, null, null, ct)).Count;
            if ((carried == Rows && household == Rows) || settle.Elapsed > TimeSpan.FromMinutes(5))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System, ct);
        }

        output.WriteLine($"Every start carried through {settle.Elapsed.TotalSeconds:0} s after the resubmission answered.");
        Assert.Equal(Rows, carried);
        Assert.Equal(Rows, household);
    }
}
