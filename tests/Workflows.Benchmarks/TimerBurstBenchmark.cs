using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Workflows.Engine;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Runtime;
using Workflows.Engine.Storage;
using Workflows.Testing;

namespace Workflows.Benchmarks;

/// <summary>Input of the burst orchestration: the instant its one timer is due.</summary>
public sealed record BurstInput(DateTimeOffset DueAt);

/// <summary>State: whether the timer has fired.</summary>
public sealed record BurstState(DateTimeOffset DueAt, bool Fired);

/// <summary>Arms one timer at start; when it fires, notes the moment (engine clock, the real clock here).</summary>
public sealed class BurstDefinition : OrchestrationDefinition<BurstInput, BurstState>
{
    public const string Name = "burst";

    /// <summary>Called inside the timer's transition with the instance id, its due time and the engine's now.</summary>
    public Action<string, DateTimeOffset, DateTimeOffset>? Fired { get; set; }

    public override string Type => Name;

    public override int Version => 1;

    protected override BurstState Start(BurstInput input, OrchestrationContext context)
    {
        context.SetScope("bench");
        context.SetTimer("due", input.DueAt);
        return new BurstState(input.DueAt, false);
    }

    protected override BurstState Handle(BurstState state, OrchestrationEvent @event, OrchestrationContext context)
    {
        if (@event.Kind == EventKind.Timer && !state.Fired)
        {
            Fired?.Invoke(context.InstanceId, state.DueAt, context.Now);
            context.Complete();
            return state with { Fired = true };
        }

        return state;
    }
}

/// <summary>
/// Many durable timers due at the same instant (the 08:00 reminder wave): real clock, queue timers and the
/// production <see cref="EngineOptions"/> defaults on one or more competing hosts. Prints the lateness of each
/// firing (when the engine applied the timer event minus its due time) as percentiles, and the drain rate.
/// </summary>
internal static class TimerBurstBenchmark
{
    public static Func<CancellationToken, Task> Prepare(BenchOptions options)
    {
        var timers = options.Int("timers", 10_000);
        var hosts = options.Int("hosts", 1);
        var parallel = options.Int("create-concurrency", 32);
        var margin = options.Int("margin", 60, min: 5);
        var dueIn = options.Int("due-in", 0, min: 0);
        return cancellationToken => RunAsync(timers, hosts, parallel, TimeSpan.FromSeconds(margin), TimeSpan.FromSeconds(dueIn), cancellationToken);
    }

    private static async Task RunAsync(int count, int hostCount, int parallel, TimeSpan margin, TimeSpan dueIn, CancellationToken ct)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loops = new List<Task>();
        try
        {
            var log = new WarningLog();
            var options = new EngineOptions { Prefix = "b" + Guid.NewGuid().ToString("N")[..11] };
            var fired = new ConcurrentDictionary<string, (DateTimeOffset Due, DateTimeOffset At)>(StringComparer.Ordinal);
            var duplicates = 0L;
            var requests = RequestTracker.Create();
            var engines = new List<WorkflowEngine>();
            for (var i = 0; i < hostCount; i++)
            {
                var definition = new BurstDefinition
                {
                    Fired = (id, due, at) =>
                    {
                        if (!fired.TryAdd(id, (due, at)))
                        {
                            Interlocked.Increment(ref duplicates);
                        }
                    },
                };
                var counter = i == 0 ? requests.Counter : new StorageRequestCounter();
                engines.Add(new WorkflowEngine(
                    EngineStorage.FromConnectionString(azurite.ConnectionString, options.Prefix, counter), options,
                    new OrchestrationRegistry([definition], []), TimeProvider.System, log));
            }

            await engines[0].InitializeAsync(ct);
            loops.AddRange(engines.Select(e => e.RunAsync(stop.Token)));

            // Calibrate: how fast do starts go here? Then put the due instant on a whole minute far enough ahead
            // for every start to be committed before it, so all timers are armed early and due at the same time.
            // Starts slow down as Azurite's in-memory tables grow, hence the factor 3 (or say --due-in).
            var client = engines[0].Client;
            var far = TimeProvider.System.GetUtcNow().AddHours(3);
            var calibration = Stopwatch.StartNew();
            await StartAllAsync(client, "calibrate", 200, parallel, far, ct);
            var perStart = calibration.Elapsed / 200;
            var projected = dueIn > TimeSpan.Zero ? dueIn : (perStart * count * 3) + margin;
            var earliest = TimeProvider.System.GetUtcNow() + projected;
            var due = new DateTimeOffset(earliest.Year, earliest.Month, earliest.Day, earliest.Hour, earliest.Minute, 0, TimeSpan.Zero).AddMinutes(1);
            await Console.Error.WriteLineAsync(
                $"calibration: {perStart.TotalMilliseconds:0.0} ms per start at concurrency {parallel}; arming {count} timers due at {due:HH:mm:ss} UTC ...");

            var arming = Stopwatch.StartNew();
            await StartAllAsync(client, "t", count, parallel, due, ct);
            var armed = TimeProvider.System.GetUtcNow();
            arming.Stop();
            if (armed >= due)
            {
                throw new InvalidOperationException($"Arming took until {armed:HH:mm:ss.fff}, past the due time; say --due-in (seconds) with more room.");
            }

            Console.WriteLine($"armed {count} timers in {arming.Elapsed.TotalSeconds:0.0} s ({count / arming.Elapsed.TotalSeconds:0} starts/s, concurrency {parallel}); " +
                $"all due at {due:yyyy-MM-dd HH:mm:ss} UTC, {(due - armed).TotalSeconds:0} s after the last was armed");
            var before = requests.Snapshot();
            var until = due + TimeSpan.FromMinutes(30);
            while (fired.Count(f => f.Key.StartsWith("t-", StringComparison.Ordinal)) < count && TimeProvider.System.GetUtcNow() < until)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, ct);
            }

            var burst = fired.Where(f => f.Key.StartsWith("t-", StringComparison.Ordinal)).Select(f => f.Value).ToList();
            var delta = requests.Snapshot().Minus(before);
            var lateness = burst.Select(f => (f.At - f.Due).TotalMilliseconds).Order().ToArray();
            var early = lateness.Count(l => l < 0);
            var last = burst.Max(f => f.At);

            Console.WriteLine();
            Console.WriteLine($"engine options (production defaults): TimerMode={options.TimerMode}, MaxConcurrency={options.MaxConcurrency}, " +
                $"MinPollInterval={options.MinPollInterval}, MaxTimerPollInterval={options.MaxTimerPollInterval}, MessageVisibility={options.MessageVisibility}; hosts={hostCount}");
            Console.WriteLine($"fired {burst.Count} of {count} (early: {early}, applied twice: {Interlocked.Read(ref duplicates)}, timer hops: {engines.Sum(e => e.TimerHops)})");
            Console.WriteLine("lateness (fire time - due time, ms):");
            foreach (var p in new[] { 0.0, 50, 90, 99, 99.9, 100 })
            {
                var label = p switch { 0 => "min", 100 => "max", _ => $"p{p.ToString(CultureInfo.InvariantCulture)}" };
                Console.WriteLine($"  {label,-6} {Percentile(lateness, p),10:0}");
            }

            Console.WriteLine($"  mean   {lateness.Average(),10:0}");
            Console.WriteLine($"drain: last timer applied {(last - due).TotalSeconds:0.0} s after the due time = {burst.Count / Math.Max((last - due).TotalSeconds, 0.001):0} timers/s");
            Console.WriteLine($"storage requests of host 1 from arming done to last firing: {delta.Total} ({Report.Kinds(delta)})");
            Console.WriteLine($"engine warnings/errors logged: {log.Count}");
            Console.WriteLine($"load after the run: {MachineInfo.LoadAverage()}");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(loops);
            await azurite.DisposeAsync();
        }
    }

    private static async Task StartAllAsync(Engine.Client.OrchestrationClient client, string prefix, int count, int parallel, DateTimeOffset due, CancellationToken ct)
    {
        var done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct },
            async (i, token) =>
            {
                await client.StartAsync(BurstDefinition.Name, $"{prefix}-{i:D6}", new BurstInput(due), "bench", token);
                if (Interlocked.Increment(ref done) % 1000 == 0)
                {
                    await Console.Error.WriteLineAsync($"  armed {done} at {TimeProvider.System.GetUtcNow():HH:mm:ss} (due {due:HH:mm:ss})");
                }
            });
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
