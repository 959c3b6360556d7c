using System.Diagnostics;
using Workflows.Orchestrations.Client;
using Workflows.Testing;

namespace Workflows.Benchmarks;

/// <summary>
/// Storage requests per operation on the Durable Task runtime, counted by the <c>StorageRequestCounter</c> that
/// <c>LocalTaskHub</c> wires into DTFx's clients (and the case tables): each operation from a quiet system, the
/// delta from just before it until its effects show (read through an uncounted client) plus a settle time.
/// </summary>
internal static class RuntimeCostBenchmark
{
    private const int Warm = 2;

    public static Func<CancellationToken, Task> Prepare(BenchOptions options)
    {
        var reps = options.Int("reps", 20);
        var timerReps = options.Int("timer-reps", 10);
        var timerSeconds = options.Int("timer-seconds", 3);
        var settleMs = options.Int("settle-ms", 1000, min: 0);
        var idleSeconds = options.Int("idle-seconds", 20);
        var settings = RuntimeSetting.Parse(options);
        return ct => RunAsync(settings, reps, timerReps, timerSeconds, TimeSpan.FromMilliseconds(settleMs), TimeSpan.FromSeconds(idleSeconds), ct);
    }

    private static async Task RunAsync(IReadOnlyList<RuntimeSetting> settings, int reps, int timerReps, int timerSeconds, TimeSpan settle, TimeSpan idle, CancellationToken ct)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var results = new List<(RuntimeSetting Setting, IReadOnlyList<Scenario> Rows, double IdlePerSecond)>();
        try
        {
            foreach (var setting in settings)
            {
                var log = new WarningLog();
                await using var hub = await RuntimeHub.StartAsync(azurite, setting, log, ct);
                Console.WriteLine($"[{setting.Name}] {hub.Describe()}");
                await hub.WarmUpAsync(hub.Options.PartitionCount * 4, ct);

                await Task.Delay(settle, TimeProvider.System, ct);
                var idleFirst = hub.Requests.Snapshot();
                var idleStart = Stopwatch.GetTimestamp();
                await Task.Delay(idle, TimeProvider.System, ct);
                var idleDelta = hub.Requests.Snapshot().Minus(idleFirst);
                var idlePerSecond = idleDelta.Total / Stopwatch.GetElapsedTime(idleStart).TotalSeconds;

                var start = new Scenario("start", "StartAsync of a new id until the case runs with its start published (nothing pending)");
                var ids = new List<string>();
                for (var i = 0; i < reps + Warm; i++)
                {
                    var id = $"cost-{setting.Name}-{i:D4}";
                    ids.Add(id);
                    await MeasureAsync(hub, i < Warm ? null : start, settle, async () =>
                    {
                        await hub.StartCaseAsync(id, new RuntimeProbeInput("cost"), ct);
                        await hub.SettledAsync(id, _ => true, ct);
                    }, ct);
                }

                var @event = new Scenario("event", "EnqueueEventAsync of a plain event until the case shows it and its history line is published");
                for (var i = 0; i < reps + Warm; i++)
                {
                    var id = ids[i % ids.Count];
                    var eventId = Guid.NewGuid().ToString("N");
                    await MeasureAsync(hub, i < Warm ? null : @event, settle, async () =>
                    {
                        await hub.Client.EnqueueEventAsync(id, $"e{i}", null, "bench", eventId, ct);
                        await hub.SettledAsync(id, s => s.Applied.Contains(eventId, StringComparer.Ordinal), ct);
                    }, ct);
                }

                var activity = new Scenario("event + activity", "an event whose transition calls one activity, until the activity's completion is applied and published");
                for (var i = 0; i < reps + Warm; i++)
                {
                    var id = ids[i % ids.Count];
                    var eventId = Guid.NewGuid().ToString("N");
                    var done = (await hub.SettledAsync(id, _ => true, ct)).StateAs<RuntimeProbeState>().Events.Count(e => e.StartsWith("done:", StringComparison.Ordinal));
                    await MeasureAsync(hub, i < Warm ? null : activity, settle, async () =>
                    {
                        await hub.Client.EnqueueEventAsync(id, $"call:{RuntimeProbeDefinition.ActivityName}", null, "bench", eventId, ct);
                        await hub.SettledAsync(id, s => s.Applied.Contains(eventId, StringComparer.Ordinal)
                            && s.StateAs<RuntimeProbeState>().Events.Count(e => e.StartsWith("done:", StringComparison.Ordinal)) > done, ct);
                    }, ct);
                }

                var armed = new Scenario("event arming a timer", $"an event whose transition arms one timer {timerSeconds} s ahead, until it shows (the timer message is sent)");
                var fired = new Scenario("timer fired", "from 0.5 s before the due time until the firing is applied and published");
                var lateness = new List<double>();
                for (var i = 0; i < timerReps + Warm; i++)
                {
                    var id = ids[i % ids.Count];
                    var eventId = Guid.NewGuid().ToString("N");
                    var name = $"t{i}";
                    InstanceStatus? status = null;
                    await MeasureAsync(hub, i < Warm ? null : armed, settle, async () =>
                    {
                        await hub.Client.EnqueueEventAsync(id, $"arm:{name}:{timerSeconds}", null, "bench", eventId, ct);
                        status = await hub.SettledAsync(id, s => s.Applied.Contains(eventId, StringComparer.Ordinal), ct);
                    }, ct);
                    if (status is null || !status.Timers.TryGetValue(name, out var due))
                    {
                        // Too slow a pick-up: the timer fired before its arming was seen settled.
                        Console.WriteLine($"[{setting.Name}] timer {name} was not pending when its arming showed; firing not measured");
                        continue;
                    }

                    // The window opens 0.5 s before the due time (the quiet before it is not counted).
                    var wait = due - TimeSpan.FromMilliseconds(500) - TimeProvider.System.GetUtcNow();
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, TimeProvider.System, ct);
                    }

                    await MeasureAsync(hub, i < Warm ? null : fired, settle, async () =>
                    {
                        var after = await hub.SettledAsync(id, s => s.StateAs<RuntimeProbeState>().FiredAt(name) is not null, ct);
                        if (i >= Warm)
                        {
                            lateness.Add((after.StateAs<RuntimeProbeState>().FiredAt(name)!.Value - due).TotalMilliseconds);
                        }
                    }, ct, quietFirst: false);
                }

                IReadOnlyList<Scenario> rows = [start, @event, activity, armed, fired];
                Console.WriteLine();
                Console.WriteLine($"[{setting.Name}] storage requests per operation (mean/min/max over n; ms = until its effects showed, before the {settle.TotalMilliseconds:0} ms settle):");
                Report.PrintCosts(rows);
                Console.WriteLine();
                Console.WriteLine($"[{setting.Name}] idle rate before the operations: {Report.F(idlePerSecond * 60, "0.0")} requests/min over {idle.TotalSeconds:0} s ({Report.Kinds(idleDelta)}); " +
                    "each window above includes whatever polling happened in it");
                Console.WriteLine($"[{setting.Name}] timer lateness (applied - due) of the measured firings: {Stats.Summary(lateness)}");
                Console.WriteLine($"[{setting.Name}] runtime warnings/errors logged: {log.Count}");
                Console.WriteLine();
                results.Add((setting, rows, idlePerSecond));
            }

            PrintSideBySide(results);
            Console.WriteLine($"load after the run: {MachineInfo.LoadAverage()}");
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task MeasureAsync(RuntimeHub hub, Scenario? into, TimeSpan settle, Func<Task> operation, CancellationToken ct, bool quietFirst = true)
    {
        if (quietFirst)
        {
            await Task.Delay(settle, TimeProvider.System, ct);
        }

        var before = hub.Requests.Snapshot();
        var started = Stopwatch.GetTimestamp();
        await operation();
        var elapsed = Stopwatch.GetElapsedTime(started);
        await Task.Delay(settle, TimeProvider.System, ct);
        into?.Add(hub.Requests.Snapshot().Minus(before), elapsed);
    }

    private static void PrintSideBySide(List<(RuntimeSetting Setting, IReadOnlyList<Scenario> Rows, double IdlePerSecond)> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        Console.WriteLine("side by side (mean storage requests):");
        var header = $"  {"",-38}" + string.Concat(results.Select(r => $"{r.Setting.Name,10}"));
        Console.WriteLine(header);
        void Line(string label, Func<IReadOnlyList<Scenario>, double> value) =>
            Console.WriteLine($"  {label,-38}" + string.Concat(results.Select(r => $"{Report.F(value(r.Rows), "0.0"),10}")));
        Line("per start", r => r[0].Mean);
        Line("per event", r => r[1].Mean);
        Line("per activity (event+activity - event)", r => r[2].Mean - r[1].Mean);
        Line("per timer armed (arming event - event)", r => r[3].Mean - r[1].Mean);
        Line("per timer fired", r => r[4].Mean);
        Line("per timer, armed + fired", r => r[3].Mean - r[1].Mean + r[4].Mean);
        Console.WriteLine($"  {"idle requests/min (context)",-38}" + string.Concat(results.Select(r => $"{Report.F(r.IdlePerSecond * 60, "0.0"),10}")));
        Console.WriteLine();
    }
}
