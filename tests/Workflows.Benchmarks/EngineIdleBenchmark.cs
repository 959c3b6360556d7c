using System.Diagnostics;
using System.Globalization;
using Workflows.Testing;

namespace Workflows.Benchmarks;

/// <summary>
/// Storage requests of a host with no work: production <see cref="Engine.EngineOptions"/> defaults (queue
/// timers, work and activity queues polled at most every MaxPollInterval, the timer queue every
/// MaxTimerPollInterval), its loops running, counted over a window after a warm-up.
/// </summary>
internal static class EngineIdleBenchmark
{
    private static readonly TimeSpan Bucket = TimeSpan.FromSeconds(10);

    public static Func<CancellationToken, Task> Prepare(BenchOptions options)
    {
        var seconds = options.Int("seconds", 120);
        var warmup = options.Int("warmup", 15, min: 0);
        return cancellationToken => RunAsync(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup), cancellationToken);
    }

    private static async Task RunAsync(TimeSpan window, TimeSpan warmup, CancellationToken ct)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var log = new WarningLog();
            await using var host = await BenchHost.CreateAsync(azurite.ConnectionString, log, ct);
            var options = host.Options;
            host.StartLoops();
            var loopsStarted = Stopwatch.GetTimestamp();
            await Console.Error.WriteLineAsync($"warm-up {warmup.TotalSeconds:0} s, then counting for {window.TotalSeconds:0} s ...");
            await Task.Delay(warmup, TimeProvider.System, ct);

            var first = host.Requests.Snapshot();
            var started = Stopwatch.GetTimestamp();
            var buckets = new List<(TimeSpan From, TimeSpan To, long Requests)>();
            var previous = first;
            var from = TimeSpan.Zero;
            for (var end = Bucket; ; end += Bucket)
            {
                var until = end < window ? end : window;
                var wait = until - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, TimeProvider.System, ct);
                }

                var now = host.Requests.Snapshot();
                buckets.Add((from, until, now.Total - previous.Total));
                previous = now;
                from = until;
                if (until >= window)
                {
                    break;
                }
            }

            var measured = Stopwatch.GetElapsedTime(started);
            var delta = previous.Minus(first);
            var offset = warmup;
            var steady = (60 / options.MaxPollInterval.TotalSeconds * 2) + (60 / options.MaxTimerPollInterval.TotalSeconds);

            Console.WriteLine($"engine options (production defaults): TimerMode={options.TimerMode}, MinPollInterval={options.MinPollInterval}, " +
                $"MaxPollInterval={options.MaxPollInterval}, MaxTimerPollInterval={options.MaxTimerPollInterval}; loops running, no work");
            Console.WriteLine($"warm-up {warmup.TotalSeconds:0} s after the loops started, then a window of {measured.TotalSeconds:0.0} s");
            Console.WriteLine();
            Console.WriteLine("requests per 10 s (seconds since the loops started):");
            foreach (var (start, to, requests) in buckets)
            {
                Console.WriteLine($"  {(offset + start).TotalSeconds,5:0}-{(offset + to).TotalSeconds,-5:0} {requests,4}");
            }

            Console.WriteLine();
            Console.WriteLine($"idle storage requests: {delta.Total} in {measured.TotalSeconds:0.0} s = " +
                $"{(delta.Total / measured.TotalMinutes).ToString("0.0", CultureInfo.InvariantCulture)} requests/min ({Report.Kinds(delta)})");
            Console.WriteLine($"  steady state once every pump has backed off to its ceiling: 2 x 60/{options.MaxPollInterval.TotalSeconds:0} (work, activities) " +
                $"+ 60/{options.MaxTimerPollInterval.TotalSeconds:0} (timers) = {steady:0} requests/min; the work pump needs ~51 s of idling to reach 30 s");
            Console.WriteLine($"  that is {(delta.Total / measured.TotalMinutes * 60 * 24 * 30).ToString("N0", CultureInfo.InvariantCulture)} requests per 30 days at the measured rate");
            Console.WriteLine($"engine warnings/errors logged: {log.Count}; loops ran {Stopwatch.GetElapsedTime(loopsStarted).TotalSeconds:0} s in all");
            Console.WriteLine($"load after the run: {MachineInfo.LoadAverage()}");
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
