using System.Diagnostics;
using System.Globalization;
using Workflows.Testing;

namespace Workflows.Benchmarks;

/// <summary>
/// The batch's yardstick, measured in the same run on the same Azurite: how fast the runtime alone (our settings,
/// our case orchestrator, no domain, no worklist rows, no history lines) starts cases that do nothing, at the
/// batch's parallelism, until every one has run its start. What the batch reaches is quoted as a share of it.
/// </summary>
internal sealed record EmptyCaseBaseline(int Cases, TimeSpan Elapsed, RequestSnapshot Requests)
{
    public double Rate => Cases / Elapsed.TotalSeconds;

    public static async Task<EmptyCaseBaseline> MeasureAsync(AzuriteFixture azurite, int cases, int concurrency, CancellationToken ct)
    {
        var log = new WarningLog();
        await using var hub = await RuntimeHub.StartAsync(azurite, RuntimeSetting.Ours, log, ct);
        await Console.Error.WriteLineAsync($"baseline: {cases} empty cases started {concurrency} at a time ...");
        await hub.WarmUpAsync(4, ct);
        var before = hub.Requests.Snapshot();
        var watch = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(concurrency);
        var ids = Enumerable.Range(0, cases).Select(i => $"empty-{i:D6}").ToList();
        await Task.WhenAll(ids.Select(async id =>
        {
            await gate.WaitAsync(ct);
            try
            {
                await hub.StartCaseAsync(id, new RuntimeProbeInput("baseline"), ct);
            }
            finally
            {
                gate.Release();
            }
        }));
        foreach (var id in ids)
        {
            await hub.SettledAsync(id, _ => true, ct, TimeSpan.FromMinutes(10));
        }

        return new EmptyCaseBaseline(cases, watch.Elapsed, hub.Requests.Snapshot().Minus(before));
    }

    public void Print()
    {
        Console.WriteLine($"baseline, empty cases: {Cases} started and run in {Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"  rate                {Rate.ToString("0.0", CultureInfo.InvariantCulture)} cases/s");
        Console.WriteLine($"  storage requests    {Requests.Total} in all = {(Requests.Total / (double)Cases).ToString("0.00", CultureInfo.InvariantCulture)} per case");
        Console.WriteLine($"  by kind, per case   {Report.Kinds(Requests, Cases)}");
        Console.WriteLine();
    }
}
