using System.Collections.Concurrent;
using System.Diagnostics;
using Workflows.Testing;

namespace Workflows.Benchmarks;

/// <summary>
/// How long <c>CaseClient.RaiseEventAsync</c> (read, send, poll every 50 ms until the case shows the event) takes on
/// the Durable Task runtime: one event after each quiet spell, then a steady rate over several cases; our settings
/// and Durable Task's defaults one after the other on the same Azurite.
/// </summary>
internal static class EventLatencyBenchmark
{
    public static Func<CancellationToken, Task> Prepare(BenchOptions options)
    {
        var samples = options.Int("samples", 3, min: 0);
        var quiet = options.Int("quiet", 60);
        var rate = options.Int("rate", 10);
        var seconds = options.Int("seconds", 30, min: 0);
        var cases = options.Int("cases", 20);
        var settings = RuntimeSetting.Parse(options);
        return ct => RunAsync(settings, samples, TimeSpan.FromSeconds(quiet), rate, seconds, cases, ct);
    }

    private static async Task RunAsync(IReadOnlyList<RuntimeSetting> settings, int samples, TimeSpan quiet, int rate, int seconds, int cases, CancellationToken ct)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var summary = new List<(string Setting, List<double> Quiet, List<double> Steady, int NotShown)>();
        try
        {
            foreach (var setting in settings)
            {
                var log = new WarningLog();
                await using var hub = await RuntimeHub.StartAsync(azurite, setting, log, ct);
                Console.WriteLine($"[{setting.Name}] {hub.Describe()}");
                var ids = await hub.WarmUpAsync(cases, ct);

                var quietMs = new List<double>();
                var notShown = 0;
                for (var s = 0; s < samples; s++)
                {
                    await Console.Error.WriteLineAsync($"[{setting.Name}] quiet sample {s + 1}/{samples}: {quiet.TotalSeconds:0} s of quiet ...");
                    await Task.Delay(quiet, TimeProvider.System, ct);
                    var started = Stopwatch.GetTimestamp();
                    var result = await hub.Client.RaiseEventAsync(ids[s % ids.Count], $"quiet{s}", null, "bench", null, ct);
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var shown = result?.Applied == true;
                    notShown += shown ? 0 : 1;
                    quietMs.Add(ms);
                    Console.WriteLine($"[{setting.Name}] after {quiet.TotalSeconds:0} s quiet: {Report.F(ms, "0")} ms{(shown ? "" : " (did NOT show within the wait)")}");
                }

                var steadyMs = new ConcurrentBag<double>();
                var steadyNotShown = 0;
                var count = rate * seconds;
                if (count > 0)
                {
                    // Let the last quiet event's work finish so the steady run starts from a settled hub.
                    await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System, ct);
                    var before = hub.Requests.Snapshot();
                    var origin = Stopwatch.GetTimestamp();
                    var tasks = new List<Task>(count);
                    for (var i = 0; i < count; i++)
                    {
                        var at = TimeSpan.FromSeconds((double)i / rate);
                        var wait = at - Stopwatch.GetElapsedTime(origin);
                        if (wait > TimeSpan.Zero)
                        {
                            await Task.Delay(wait, TimeProvider.System, ct);
                        }

                        var id = ids[i % ids.Count];
                        var name = $"steady{i}";
                        tasks.Add(Task.Run(async () =>
                        {
                            var started = Stopwatch.GetTimestamp();
                            var result = await hub.Client.RaiseEventAsync(id, name, null, "bench", null, ct);
                            steadyMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                            if (result?.Applied != true)
                            {
                                Interlocked.Increment(ref steadyNotShown);
                            }
                        }, ct));
                    }

                    var sent = Stopwatch.GetElapsedTime(origin);
                    await Task.WhenAll(tasks);
                    var delta = hub.Requests.Snapshot().Minus(before);
                    Console.WriteLine($"[{setting.Name}] steady {rate}/s for {seconds} s over {ids.Count} cases: {count} events raised in {Report.F(sent.TotalSeconds, "0.0")} s, " +
                        $"all answered after {Report.F(Stopwatch.GetElapsedTime(origin).TotalSeconds, "0.0")} s; {steadyNotShown} did not show within {RuntimeHub.EventWait.TotalSeconds:0} s");
                    Console.WriteLine($"[{setting.Name}] steady latency: {Stats.Summary([.. steadyMs])}");
                    Console.WriteLine($"[{setting.Name}] storage requests during the steady run: {delta.Total} = {Report.F((double)delta.Total / count, "0.0")} per event " +
                        $"(includes the client's read before each raise and its 50 ms polling until the event shows; {Report.Kinds(delta, count)} per event)");
                }

                Console.WriteLine($"[{setting.Name}] runtime warnings/errors logged: {log.Count}");
                Console.WriteLine();
                summary.Add((setting.Name, quietMs, [.. steadyMs], notShown + steadyNotShown));
            }

            Console.WriteLine("side by side (RaiseEventAsync until the case shows the event):");
            foreach (var (name, quietMs, steadyMs, missing) in summary)
            {
                Console.WriteLine($"  {name,-5} after {quiet.TotalSeconds:0} s quiet: {Stats.Summary(quietMs)}");
                Console.WriteLine($"  {name,-5} steady {rate}/s:      {Stats.Summary(steadyMs)}; not shown: {missing}");
            }

            Console.WriteLine($"load after the run: {MachineInfo.LoadAverage()}");
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
