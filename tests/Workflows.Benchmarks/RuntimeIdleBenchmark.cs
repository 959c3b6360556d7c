using System.Diagnostics;
using Workflows.Testing;

namespace Workflows.Benchmarks;

/// <summary>
/// Storage requests per minute of an idle task hub on the Durable Task runtime, our settings and Durable Task's
/// defaults one after the other on the same Azurite: a few cases started and settled (so every partition is leased
/// and every queue read), a warm-up, then a counted window with nothing to do.
/// </summary>
internal static class RuntimeIdleBenchmark
{
    private static readonly TimeSpan Bucket = TimeSpan.FromSeconds(10);

    public static Func<CancellationToken, Task> Prepare(BenchOptions options)
    {
        var seconds = options.Int("seconds", 60);
        var warmup = options.Int("warmup", 15, min: 0);
        var settings = RuntimeSetting.Parse(options);
        return ct => RunAsync(settings, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup), ct);
    }

    private static async Task RunAsync(IReadOnlyList<RuntimeSetting> settings, TimeSpan window, TimeSpan warmup, CancellationToken ct)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var summary = new List<(string Setting, double PerMinute, string Kinds)>();
        try
        {
            foreach (var setting in settings)
            {
                var log = new WarningLog();
                await using var hub = await RuntimeHub.StartAsync(azurite, setting, log, ct);
                Console.WriteLine($"[{setting.Name}] {hub.Describe()}");
                await hub.WarmUpAsync(hub.Options.PartitionCount * 4, ct);
                await Console.Error.WriteLineAsync($"[{setting.Name}] warmed up; idle {warmup.TotalSeconds:0} s, then counting for {window.TotalSeconds:0} s ...");
                await Task.Delay(warmup, TimeProvider.System, ct);

                var first = hub.Requests.Snapshot();
                var started = Stopwatch.GetTimestamp();
                var previous = first;
                var from = TimeSpan.Zero;
                Console.WriteLine($"[{setting.Name}] requests per 10 s (seconds since the window opened, {warmup.TotalSeconds:0} s after the last work):");
                for (var end = Bucket; ; end += Bucket)
                {
                    var until = end < window ? end : window;
                    var wait = until - Stopwatch.GetElapsedTime(started);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, TimeProvider.System, ct);
                    }

                    var now = hub.Requests.Snapshot();
                    var delta = now.Minus(previous);
                    Console.WriteLine($"  {from.TotalSeconds,4:0}-{until.TotalSeconds,-4:0} {delta.Total,5}  ({Report.Kinds(delta)})");
                    previous = now;
                    from = until;
                    if (until >= window)
                    {
                        break;
                    }
                }

                var measured = Stopwatch.GetElapsedTime(started);
                var all = previous.Minus(first);
                var perMinute = all.Total / measured.TotalMinutes;
                Console.WriteLine($"[{setting.Name}] idle storage requests: {all.Total} in {Report.F(measured.TotalSeconds, "0.0")} s = {Report.F(perMinute, "0.0")} requests/min " +
                    $"(per minute: {Report.Kinds(all, measured.TotalMinutes)}); {Report.F(perMinute * 60 * 24 * 30, "N0")} per 30 days");
                Console.WriteLine($"[{setting.Name}] runtime warnings/errors logged: {log.Count}");
                Console.WriteLine();
                summary.Add((setting.Name, perMinute, Report.Kinds(all, measured.TotalMinutes)));
            }

            Console.WriteLine($"side by side (idle requests per minute, window {window.TotalSeconds:0} s after {warmup.TotalSeconds:0} s of quiet):");
            foreach (var (name, perMinute, kinds) in summary)
            {
                Console.WriteLine($"  {name,-5} {Report.F(perMinute, "0.0"),7}/min   {kinds}");
            }

            Console.WriteLine($"load after the run: {MachineInfo.LoadAverage()}");
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
