namespace Workflows.Benchmarks;

/// <summary>Picks the benchmark by name and runs it.</summary>
internal static class BenchmarkApp
{
    private const string Usage = """
        usage: dotnet run -c Release --project tests/Workflows.Benchmarks -- <benchmark> [options]

          engine-cost   storage requests per transition (inline start/raise/timer/index, enqueued event,
                        timer firing) and throughput, against a private in-memory Azurite
                          --reps N          repetitions of each inline scenario (default 100; keep it at 50 or more for a figure you report)
                          --events N        enqueued events applied by the loops, one at a time (default 200)
                          --instances N     instances those events are spread over (default 20)
                          --timer-reps N    timer firings end to end (default 50; each waits ~2 s)
                          --timer-seconds S how far ahead each fired timer is set (default 2)
                          --idle-seconds S  idle polling window measured after the event run (default 30)
                          --raises N        sequential inline raises for throughput (default 1000)
                          --bulk N          enqueued events for loop throughput (default 1000)
          engine-idle   storage requests per minute of an idle host with production options
                          --seconds S       measuring window (default 120)
                          --warmup S        idle time before the window (default 15)
          signals-batch bulk intake: one CSV POST /api/v1/signals/batch to the real app in-process, rows/s and
                        storage requests per accepted signal, then the same CSV again (all duplicates)
                          --rows N          CSV rows (default 10000)
                          --concurrency N   Signals:BatchConcurrency, signals started at once (default 16)
                          --merge-every N   every Nth row repeats the previous row's household (default 0: none)
          timer-burst   lateness of many durable timers due at the same instant (real clock, queue timers,
                        production engine options): p50/p99/max of fire time - due time, and the drain rate
                          --timers N        timers, one instance each (default 10000)
                          --hosts N         engines competing on the same queues (default 1)
                          --create-concurrency N  parallel starts while arming (default 32)
                          --margin S        seconds added to 3 x the calibrated arming time to place the due minute (default 60)
                          --due-in S        put the due minute at least S seconds ahead instead (for a loaded machine)
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
                "engine-cost" => EngineCostBenchmark.Prepare(options),
                "engine-idle" => EngineIdleBenchmark.Prepare(options),
                "signals-batch" => SignalsBatchBenchmark.Prepare(options),
                "timer-burst" => TimerBurstBenchmark.Prepare(options),
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
