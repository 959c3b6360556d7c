namespace Workflows.Benchmarks;

/// <summary>Picks the benchmark by name and runs it.</summary>
internal static class BenchmarkApp
{
    private const string Usage = """
        usage: dotnet run -c Release --project tests/Workflows.Benchmarks -- <benchmark> [options]

        Durable Task runtime (functions/Workflows.Runtime): each compares our DurableTaskOptions defaults ("ours": 1 partition,
        1 s polling, 20 s visibility) with Durable Task's ("dtfx": 4 partitions, 30 s, 5 min), two task hubs one after the other
        on one private in-memory Azurite; --settings ours|dtfx|ours,dtfx (default both)

          runtime-cost   storage requests per start, event, activity, timer armed and fired, from a quiet hub
                           --reps N          repetitions of start, event and activity (default 20)
                           --timer-reps N    timers armed and fired (default 10)
                           --timer-seconds S how far ahead each timer is armed (default 3)
                           --settle-ms N     quiet before and after each operation, inside its window (default 1000)
                           --idle-seconds S  idle window measured before the operations, for context (default 20)
          runtime-idle   storage requests per minute of an idle task hub
                           --seconds S       measuring window (default 60)
                           --warmup S        quiet time after the warm-up cases before the window (default 15)
          event-latency  CaseClient.RaiseEventAsync until the case shows the event: after quiet spells, then at a steady rate
                           --samples N       quiet samples, one event after each quiet spell (default 3; 0: none)
                           --quiet S         quiet before each sample (default 60)
                           --rate N          steady events per second (default 10)
                           --seconds S       steady run length (default 30; 0: none)
                           --cases N         cases the events go to, round robin (default 20)
          timer-lateness lateness (applied - due) of durable timers on the real clock: a steady stream, then co-due timers
                           --rate N          cases started per second, each arming one timer (default 10)
                           --seconds S       steady run length (default 30; 0: none)
                           --lead S          how far ahead each steady timer is due (default 5)
                           --burst N         cases with timers due at the same instant (default 500; 0: none)
                           --burst-due-in S  the shared due time, at least S seconds after arming starts (default 45)
                           --concurrency N   parallel starts while arming the burst (default 32)
                           --within S        the bound "all fired within" is checked against (default 15)

        The real app:

          signals-batch bulk intake: one CSV POST /api/v1/signals/batch to the real app in-process, rows/s and
                        storage requests per accepted signal, then the same CSV again (all duplicates)
                          --rows N          CSV rows (default 10000)
                          --concurrency N   Signals:BatchConcurrency, signals started at once (default 16)
                          --merge-every N   every Nth row repeats the previous row's household (default 0: none)
                          --baseline N      empty cases started first on the same Azurite, the yardstick (default 1000; 0: none)
                          --hosts N         hosts with a running worker on the task hub, one serving HTTP (default 1)
          signal-lifecycle storage requests of one signal's whole life over HTTP (Development, demo clock): intake,
                        triage, contact, help offered, closed, purged after the retention period; per phase, raw and
                        net of the idle polling measured first
                          --reps N          signals, one after the other (default 5)
                          --idle-seconds S  idle window measured first (default 20)
          worklist-page server time (in-process) and storage requests of the worklist page (/worklist: Alles open,
                        te-laat, vandaag) for GM0479 with many open steps (index rows written directly), signed in as
                        coordinator-zaanstad (Development, demo clock); GET /api/v1/worklist?due=today as the baseline;
                        then the case page of a signal with a long history; raw and net of the idle polling
                          --steps N         open steps on the worklist (default 10000)
                          --history N       history lines of the case (default 200)
                          --reps N          requests measured per page, one after the other (default 50)
                          --warmup N        requests before those, not counted (default 5; 0: none)
                          --idle-seconds S  idle window measured first (default 10)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        Func<CancellationToken, Task>? benchmark;
        try
        {
            var options = BenchOptions.Parse(args.Skip(1));
            benchmark = args[0] switch
            {
                "runtime-cost" => RuntimeCostBenchmark.Prepare(options),
                "runtime-idle" => RuntimeIdleBenchmark.Prepare(options),
                "event-latency" => EventLatencyBenchmark.Prepare(options),
                "timer-lateness" => TimerLatenessBenchmark.Prepare(options),
                "signals-batch" => SignalsBatchBenchmark.Prepare(options),
                "signal-lifecycle" => SignalLifecycleBenchmark.Prepare(options),
                "worklist-page" => WorklistPageBenchmark.Prepare(options),
                _ => null,
            };
            options.RejectUnknown();
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        if (benchmark is null)
        {
            await Console.Error.WriteLineAsync($"unknown benchmark '{args[0]}'");
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        Console.WriteLine($"== {args[0]} {string.Join(' ', args.Skip(1))}".TrimEnd());
        MachineInfo.Print();
        await benchmark(stop.Token);
        return 0;
    }
}
