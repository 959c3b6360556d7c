using System.Diagnostics;
using System.Globalization;
using Workflows.Engine;
using Workflows.Testing;

namespace Workflows.Benchmarks;

/// <summary>
/// Storage requests per transition, measured as deltas of the engine's own <see cref="Engine.Storage.StorageRequestCounter"/>,
/// and throughput, against a private in-memory Azurite. Every host uses the production defaults of
/// <see cref="EngineOptions"/> on a fresh prefix.
/// </summary>
internal static class EngineCostBenchmark
{
    private const string Source = "bench";
    private const int Warmup = 5;
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    public static Func<CancellationToken, Task> Prepare(BenchOptions options)
    {
        var settings = new Settings(
            Reps: options.Int("reps", 100),
            Events: options.Int("events", 200),
            Instances: options.Int("instances", 20),
            TimerReps: options.Int("timer-reps", 50),
            TimerSeconds: options.Int("timer-seconds", 2),
            IdleSeconds: options.Int("idle-seconds", 30, min: 0),
            Raises: options.Int("raises", 1000),
            Bulk: options.Int("bulk", 1000));
        return cancellationToken => RunAsync(settings, cancellationToken);
    }

    private static async Task RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            await MeasureAsync(azurite.ConnectionString, settings, cancellationToken);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task MeasureAsync(string connectionString, Settings s, CancellationToken ct)
    {
        var log = new WarningLog();
        var scenarios = new List<Scenario>();
        var lines = new List<string>();
        EngineOptions? options = null;

        // (a)-(d): inline client calls on a host whose loops are not running, so the delta is the call alone.
        Progress("(a)-(d) inline start and raises");
        await using (var host = await BenchHost.CreateAsync(connectionString, log, ct))
        {
            options = host.Options;
            var ids = Enumerable.Range(0, Warmup + s.Reps).Select(i => $"inline-{i:D4}").ToList();
            scenarios.Add(await EachAsync(host, ids, new Scenario("(a) inline start", "StartAsync of a new id (loops not running: nothing else is counted)"),
                id => host.Client.StartAsync(BenchDefinition.Name, id, new BenchInput("bench"), Source, ct)));
            scenarios.Add(await EachAsync(host, ids, new Scenario("(b) inline raise, no effects", "RaiseEventAsync; the definition only changes its state"),
                id => host.Client.RaiseEventAsync(id, "noop", null, Source, null, ct)));
            scenarios.Add(await EachAsync(host, ids, new Scenario("(c) inline raise, sets one timer", "queue timer mode; the timer is due in 1 day, so it is only scheduled"),
                id => host.Client.RaiseEventAsync(id, "arm", new BenchCommand("reminder", TimeSpan.FromDays(1).TotalSeconds), Source, null, ct)));
            scenarios.Add(await EachAsync(host, ids, new Scenario("(d0) inline raise, adds one index row", "the instance had no worklist row before"),
                id => host.Client.RaiseEventAsync(id, "assign", new BenchCommand(Assignee: "alice"), Source, null, ct)));
            scenarios.Add(await EachAsync(host, ids, new Scenario("(d) inline raise, changes one index row", "same worklist row (same key), another assignee"),
                id => host.Client.RaiseEventAsync(id, "assign", new BenchCommand(Assignee: "bob"), Source, null, ct)));

            foreach (var id in new[] { ids[0], ids[^1] })
            {
                Check((await host.StateAsync(id, ct)).Events == 4, $"{id} applied 4 events");
                Check((await host.Observer.Client.GetStatusAsync(id, ct))!.Timers.ContainsKey("reminder"), $"{id} has its timer armed");
            }

            var rows = await host.Observer.Client.QueryIndexAsync(BenchDefinition.WorklistPartition, null, null, new Dictionary<string, string> { ["Assignee"] = "bob" }, null, ct);
            Check(rows.Count == ids.Count, $"{ids.Count} worklist rows assigned to bob (found {rows.Count})");

            Progress($"throughput: {s.Raises} sequential inline raises");
            var targets = ids.Take(s.Instances).ToList();
            var before = host.Requests.Snapshot();
            var started = Stopwatch.GetTimestamp();
            for (var k = 0; k < s.Raises; k++)
            {
                await host.Client.RaiseEventAsync(targets[k % targets.Count], "noop", null, Source, null, ct);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var delta = host.Requests.Snapshot().Minus(before);
            lines.Add($"sequential inline raises (no effects, {targets.Count} instances, one caller, loops not running): " +
                $"{s.Raises} in {Report.F(elapsed.TotalSeconds)} s = {Report.F(s.Raises / elapsed.TotalSeconds, "0")} transitions/s " +
                $"({Report.F(elapsed.TotalMilliseconds / s.Raises)} ms each, {Report.F(delta.Total / (double)s.Raises)} requests each)");
        }

        // (e): events enqueued one at a time and applied by the host's own work loop.
        Progress($"(e) {s.Events} enqueued events on {s.Instances} instances, loops running");
        await using (var host = await BenchHost.CreateAsync(connectionString, log, ct))
        {
            var instances = Enumerable.Range(0, s.Instances).Select(i => $"event-{i:D3}").ToList();
            foreach (var id in instances)
            {
                await host.Client.StartAsync(BenchDefinition.Name, id, new BenchInput("bench"), Source, ct);
            }

            host.StartLoops();
            var scenario = new Scenario(
                "(e) enqueued event, applied by loop",
                "EnqueueEventAsync, then everything the host sent until the processed message's delete, loops running (background polling of all three queues included, nothing subtracted)");
            var runStarted = 0L;
            for (var k = 0; k < Warmup + s.Events; k++)
            {
                if (k == Warmup)
                {
                    runStarted = Stopwatch.GetTimestamp();
                }

                var id = instances[k % instances.Count];
                var eventId = $"e{k:D5}";
                var watch = host.Watch(eventId);
                var before = host.Requests.Snapshot();
                var started = Stopwatch.GetTimestamp();
                await host.Client.EnqueueEventAsync(id, "noop", null, Source, eventId, ct);
                await host.WaitProcessedAsync(watch, WaitLimit, $"event {eventId}", ct);
                if (k >= Warmup)
                {
                    scenario.Add(host.Requests.Snapshot().Minus(before), Stopwatch.GetElapsedTime(started));
                }
            }

            var run = Stopwatch.GetElapsedTime(runStarted);
            scenarios.Add(scenario);
            var applied = 0;
            foreach (var id in instances)
            {
                applied += (await host.StateAsync(id, ct)).Events;
            }

            Check(applied == Warmup + s.Events, $"{Warmup + s.Events} events applied (found {applied})");

            if (s.IdleSeconds > 0)
            {
                Progress($"idle polling of the same host for {s.IdleSeconds} s after the run");
                var before = host.Requests.Snapshot();
                await Task.Delay(TimeSpan.FromSeconds(s.IdleSeconds), TimeProvider.System, ct);
                var idle = host.Requests.Snapshot().Minus(before);
                var perSecond = idle.Total / (double)s.IdleSeconds;
                lines.Add($"idle background polling of the (e) host in the {s.IdleSeconds} s after its run: {idle.Total} requests = " +
                    $"{Report.F(perSecond * 60, "0.0")}/min ({Report.Kinds(idle)}); the pumps were backing off from {options!.MinPollInterval.TotalMilliseconds:0} ms " +
                    $"to their ceilings. The (e) run took {Report.F(run.TotalSeconds)} s, so at this rate polling would account for " +
                    $"{Report.F(perSecond * run.TotalSeconds / s.Events)} of the {Report.F(scenario.Mean)} requests per event; steady idle: see engine-idle");
            }
        }

        // (f): timers armed inline and fired by the timer loop (queue mode: a message invisible until due).
        Progress($"(f) {s.TimerReps} timers fired end to end, {s.TimerSeconds} s ahead, loops running");
        await using (var host = await BenchHost.CreateAsync(connectionString, log, ct))
        {
            var instances = Enumerable.Range(0, 10).Select(i => $"timer-{i:D3}").ToList();
            foreach (var id in instances)
            {
                await host.Client.StartAsync(BenchDefinition.Name, id, new BenchInput("bench"), Source, ct);
            }

            host.StartLoops();
            var arm = new Scenario("(f1) inline raise arming the timer", "as (c) but with the loops running and the timer due in " + s.TimerSeconds + " s");
            var fire = new Scenario(
                "(f) timer fires, end to end",
                $"from the arming call's return to the delete of the fired timer message: timer-queue receives (and hops), the transition, forgetting the message; background polling included");
            var both = new Scenario("(f1+f) arm and fire", "the two windows above together");
            const int timerWarmup = 2;
            for (var k = 0; k < timerWarmup + s.TimerReps; k++)
            {
                var id = instances[k % instances.Count];
                var watch = host.Watch(BenchHost.TimerKey(id, "t"));
                var hops = host.Engine.TimerHops;
                var before = host.Requests.Snapshot();
                var started = Stopwatch.GetTimestamp();
                await host.Client.RaiseEventAsync(id, "arm", new BenchCommand("t", s.TimerSeconds), Source, $"arm{k:D4}", ct);
                var armed = host.Requests.Snapshot();
                var armedAt = Stopwatch.GetTimestamp();
                await host.WaitProcessedAsync(watch, WaitLimit + TimeSpan.FromSeconds(s.TimerSeconds), $"timer t of {id}", ct);
                var after = host.Requests.Snapshot();
                if (k >= timerWarmup)
                {
                    arm.Add(armed.Minus(before), Stopwatch.GetElapsedTime(started, armedAt));
                    fire.Add(after.Minus(armed), Stopwatch.GetElapsedTime(armedAt), host.Engine.TimerHops - hops);
                    both.Add(after.Minus(before), Stopwatch.GetElapsedTime(started), host.Engine.TimerHops - hops);
                }
            }

            var fired = 0;
            foreach (var id in instances)
            {
                fired += (await host.StateAsync(id, ct)).Fired;
            }

            Check(fired == timerWarmup + s.TimerReps, $"{timerWarmup + s.TimerReps} timers fired (found {fired})");
            scenarios.AddRange([arm, fire, both]);
        }

        // Throughput of the loops: a backlog of events, then the loops started and timed until every message is deleted.
        Progress($"throughput: {s.Bulk} enqueued events processed by the loops");
        await using (var host = await BenchHost.CreateAsync(connectionString, log, ct))
        {
            var instances = Enumerable.Range(0, s.Instances).Select(i => $"bulk-{i:D3}").ToList();
            foreach (var id in instances)
            {
                await host.Client.StartAsync(BenchDefinition.Name, id, new BenchInput("bench"), Source, ct);
            }

            var enqueueStarted = Stopwatch.GetTimestamp();
            for (var k = 0; k < s.Bulk; k++)
            {
                await host.Client.EnqueueEventAsync(instances[k % instances.Count], "noop", null, Source, $"b{k:D6}", ct);
            }

            var enqueueTime = Stopwatch.GetElapsedTime(enqueueStarted);
            var deletes = host.Requests.Count("queue DELETE");
            var before = host.Requests.Snapshot();
            var started = Stopwatch.GetTimestamp();
            host.StartLoops();
            await host.Requests.WaitUntilAsync(() => host.Requests.Count("queue DELETE") - deletes >= s.Bulk, TimeSpan.FromMinutes(10), $"{s.Bulk} deletes", ct);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var delta = host.Requests.Snapshot().Minus(before);
            var applied = 0;
            foreach (var id in instances)
            {
                applied += (await host.StateAsync(id, ct)).Events;
            }

            Check(applied == s.Bulk, $"{s.Bulk} events applied (found {applied})");
            lines.Add($"enqueueing {s.Bulk} events (one caller, sequential): {Report.F(enqueueTime.TotalSeconds)} s = {Report.F(s.Bulk / enqueueTime.TotalSeconds, "0")} events/s");
            lines.Add($"{s.Bulk} enqueued events ({instances.Count} instances, queued before the loops started) processed by the loops: " +
                $"{Report.F(elapsed.TotalSeconds)} s = {Report.F(s.Bulk / elapsed.TotalSeconds, "0")} events/s, " +
                $"{Report.F(delta.Total / (double)s.Bulk)} requests per event ({Report.Kinds(delta, s.Bulk)})");
        }

        Console.WriteLine($"engine options (production defaults): TimerMode={options!.TimerMode}, MinPollInterval={options.MinPollInterval}, " +
            $"MaxPollInterval={options.MaxPollInterval}, MaxTimerPollInterval={options.MaxTimerPollInterval}, MessageVisibility={options.MessageVisibility}, " +
            $"MaxConcurrency={options.MaxConcurrency}; each scenario on a fresh prefix; {Warmup} warm-up repetitions (2 for timers) not counted");
        Console.WriteLine();
        Console.WriteLine("storage requests per operation (StorageRequestCounter deltas):");
        Report.PrintCosts(scenarios);
        Console.WriteLine();
        Console.WriteLine("throughput and context:");
        foreach (var line in lines)
        {
            Console.WriteLine($"  {line}");
        }

        Console.WriteLine();
        Console.WriteLine($"engine warnings/errors logged: {log.Count}");
        Console.WriteLine($"load after the run: {MachineInfo.LoadAverage()}");
    }

    /// <summary>Runs <paramref name="operation"/> once per id, recording each delta after the warm-up ones.</summary>
    private static async Task<Scenario> EachAsync(BenchHost host, List<string> ids, Scenario scenario, Func<string, Task> operation)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            var before = host.Requests.Snapshot();
            var started = Stopwatch.GetTimestamp();
            await operation(ids[i]);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (i >= Warmup)
            {
                scenario.Add(host.Requests.Snapshot().Minus(before), elapsed);
            }
        }

        return scenario;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Sanity check failed: {what}. The figures above it are not trustworthy.");
        }
    }

    private static void Progress(string what) =>
        Console.Error.WriteLine($"[{TimeProvider.System.GetUtcNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {what} ...");

    private sealed record Settings(int Reps, int Events, int Instances, int TimerReps, int TimerSeconds, int IdleSeconds, int Raises, int Bulk);
}
