using System.Collections.Concurrent;
using System.Diagnostics;
using Workflows.Orchestrations.Client;
using Workflows.Testing;

namespace Workflows.Benchmarks;

/// <summary>
/// Lateness of durable timers on the Durable Task runtime (real clock, no skew): the moment the case applied the
/// firing (its episode's orchestration time, recorded in its state) minus the due time. A steady stream of cases each
/// arming one timer a few seconds ahead, then many cases with timers due at the same instant; our settings and
/// Durable Task's defaults one after the other on the same Azurite.
/// </summary>
internal static class TimerLatenessBenchmark
{
    private const string Timer = "t";

    public static Func<CancellationToken, Task> Prepare(BenchOptions options)
    {
        var rate = options.Int("rate", 10);
        var seconds = options.Int("seconds", 30, min: 0);
        var lead = options.Int("lead", 5);
        var burst = options.Int("burst", 500, min: 0);
        var dueIn = options.Int("burst-due-in", 45);
        var concurrency = options.Int("concurrency", 32);
        var within = options.Int("within", 15);
        var settings = RuntimeSetting.Parse(options);
        return ct => RunAsync(settings, rate, seconds, TimeSpan.FromSeconds(lead), burst, TimeSpan.FromSeconds(dueIn), concurrency, TimeSpan.FromSeconds(within), ct);
    }

    private static async Task RunAsync(IReadOnlyList<RuntimeSetting> settings, int rate, int seconds, TimeSpan lead, int burst, TimeSpan dueIn, int concurrency, TimeSpan within, CancellationToken ct)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var summary = new List<(string Setting, List<double> Steady, List<double> Burst, int Missing, bool AllWithin)>();
        try
        {
            foreach (var setting in settings)
            {
                var log = new WarningLog();
                await using var hub = await RuntimeHub.StartAsync(azurite, setting, log, ct);
                Console.WriteLine($"[{setting.Name}] {hub.Describe()}");
                await hub.WarmUpAsync(hub.Options.PartitionCount * 4, ct);

                var steady = new List<double>();
                var missing = 0;
                var count = rate * seconds;
                if (count > 0)
                {
                    var scope = $"steady-{setting.Name}";
                    var dues = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                    var origin = Stopwatch.GetTimestamp();
                    var starts = new List<Task>(count);
                    for (var i = 0; i < count; i++)
                    {
                        var wait = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(origin);
                        if (wait > TimeSpan.Zero)
                        {
                            await Task.Delay(wait, TimeProvider.System, ct);
                        }

                        var id = $"steady-{setting.Name}-{i:D5}";
                        var due = TimeProvider.System.GetUtcNow() + lead;
                        dues[id] = due;
                        starts.Add(Task.Run(() => hub.StartCaseAsync(id, new RuntimeProbeInput(scope, [new RuntimeProbeTimer(Timer, due)]), ct), ct));
                    }

                    await Task.WhenAll(starts);
                    var armedIn = Stopwatch.GetElapsedTime(origin);
                    var (late, notFired) = await CollectAsync(hub, scope, dues, TimeSpan.FromMinutes(3), ct);
                    steady = late;
                    missing += notFired;
                    Console.WriteLine($"[{setting.Name}] steady: {count} cases started at {rate}/s in {Report.F(armedIn.TotalSeconds, "0.0")} s, each arming one timer {lead.TotalSeconds:0} s ahead " +
                        "(its first episode arms it: a slow pick-up of the start counts as lateness)");
                    Console.WriteLine($"[{setting.Name}] steady lateness: {Stats.Summary(late)}; not fired within 3 min: {notFired}");
                }

                var co = new List<double>();
                var allWithin = true;
                if (burst > 0)
                {
                    var scope = $"burst-{setting.Name}";
                    var now = TimeProvider.System.GetUtcNow() + dueIn;
                    var due = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond, TimeSpan.Zero);
                    var dues = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                    var ids = Enumerable.Range(0, burst).Select(i => $"burst-{setting.Name}-{i:D5}").ToList();
                    var origin = Stopwatch.GetTimestamp();
                    await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (id, token) =>
                    {
                        dues[id] = due;
                        await hub.StartCaseAsync(id, new RuntimeProbeInput(scope, [new RuntimeProbeTimer(Timer, due)]), token);
                    });
                    var started = Stopwatch.GetElapsedTime(origin);

                    // Armed = the start's episode ran (the timer message is sent) and its publish is done.
                    var armedBy = await WaitAllAsync(hub, scope, burst, s => s.RuntimeStatus == RuntimeStatus.Running && s.Pending == 0
                            && (s.Timers.ContainsKey(Timer) || s.StateAs<RuntimeProbeState>().FiredAt(Timer) is not null),
                        due + TimeSpan.FromMinutes(2), ct);
                    var margin = due - armedBy;
                    Console.WriteLine($"[{setting.Name}] burst: {burst} cases started in {Report.F(started.TotalSeconds, "0.0")} s ({concurrency} at once), all armed " +
                        (margin > TimeSpan.Zero ? $"{Report.F(margin.TotalSeconds, "0.0")} s before the due time" : $"{Report.F(-margin.TotalSeconds, "0.0")} s AFTER the due time (arming overran: lateness includes it)"));
                    var before = hub.Requests.Snapshot();
                    var (late, notFired) = await CollectAsync(hub, scope, dues, (due - TimeProvider.System.GetUtcNow()) + TimeSpan.FromMinutes(3), ct);
                    var delta = hub.Requests.Snapshot().Minus(before);
                    co = late;
                    missing += notFired;
                    allWithin = notFired == 0 && late.Count == burst && late.Max() <= within.TotalMilliseconds;
                    Console.WriteLine($"[{setting.Name}] burst lateness: {Stats.Summary(late)}; not fired within 3 min of the due time: {notFired}");
                    Console.WriteLine($"[{setting.Name}] all {burst} fired within {within.TotalSeconds:0} s of the due time: {(allWithin ? "yes" : "NO")}; " +
                        $"storage requests from the end of arming until the last firing was seen: {delta.Total} ({Report.Kinds(delta)})");
                }

                Console.WriteLine($"[{setting.Name}] runtime warnings/errors logged: {log.Count}");
                Console.WriteLine();
                summary.Add((setting.Name, steady, co, missing, allWithin));
            }

            Console.WriteLine("side by side (lateness = applied - due):");
            foreach (var (name, steady, co, missing, allWithin) in summary)
            {
                Console.WriteLine($"  {name,-5} steady {rate}/s: {Stats.Summary(steady)}");
                Console.WriteLine($"  {name,-5} {burst} co-due:  {Stats.Summary(co)}; all within {within.TotalSeconds:0} s: {(allWithin ? "yes" : "NO")}; not fired: {missing}");
            }

            Console.WriteLine($"load after the run: {MachineInfo.LoadAverage()}");
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>Polls (uncounted) until every case of <paramref name="scope"/> has fired; lateness in ms and how many never did.</summary>
    private static async Task<(List<double> Late, int NotFired)> CollectAsync(
        RuntimeHub hub, string scope, ConcurrentDictionary<string, DateTimeOffset> dues, TimeSpan timeout, CancellationToken ct)
    {
        var until = TimeProvider.System.GetUtcNow() + timeout;
        var late = new Dictionary<string, double>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var s in await hub.Checker.QueryStatusesAsync(scope, RuntimeProbeDefinition.TypeName, null, ct))
            {
                if (!late.ContainsKey(s.InstanceId) && dues.TryGetValue(s.InstanceId, out var due) && s.State is not null
                    && s.StateAs<RuntimeProbeState>().FiredAt(Timer) is { } firedAt)
                {
                    late[s.InstanceId] = (firedAt - due).TotalMilliseconds;
                }
            }

            if (late.Count >= dues.Count || TimeProvider.System.GetUtcNow() >= until)
            {
                return ([.. late.Values], dues.Count - late.Count);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, ct);
        }
    }

    /// <summary>Polls (uncounted) until <paramref name="count"/> cases of the scope satisfy the condition; the moment they all did.</summary>
    private static async Task<DateTimeOffset> WaitAllAsync(RuntimeHub hub, string scope, int count, Func<InstanceStatus, bool> condition, DateTimeOffset until, CancellationToken ct)
    {
        while (true)
        {
            var statuses = await hub.Checker.QueryStatusesAsync(scope, RuntimeProbeDefinition.TypeName, null, ct);
            var now = TimeProvider.System.GetUtcNow();
            if (statuses.Count(condition) >= count)
            {
                return now;
            }

            if (now >= until)
            {
                // Report and go on: the lateness of those that do fire still says something.
                Console.WriteLine($"[{hub.Setting.Name}] only {statuses.Count(condition)} of {count} cases armed by {until:O} (gave up waiting)");
                return now;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, ct);
        }
    }
}
