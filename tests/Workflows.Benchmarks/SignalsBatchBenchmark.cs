extern alias app;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Orchestrations.Storage;
using Workflows.Application.Auth;
using Workflows.Testing;

namespace Workflows.Benchmarks;

/// <summary>
/// Bulk signal intake end to end: the real app in-process (WebApplicationFactory, Production environment,
/// production engine options, loops running) against a private in-memory Azurite. One corporation posts a
/// CSV of <c>--rows</c> signals to <c>POST /api/v1/signals/batch</c>; printed are rows per second and the
/// storage requests (the app's own <see cref="StorageRequestCounter"/>, a DI singleton) per accepted signal,
/// then the same for resubmitting the same CSV (every row a duplicate).
/// </summary>
internal static class SignalsBatchBenchmark
{
    private const string Corporation = "bench-corp";

    public static Func<CancellationToken, Task> Prepare(BenchOptions options)
    {
        var rows = options.Int("rows", 10_000);
        var concurrency = options.Int("concurrency", 16);
        var mergeEvery = options.Int("merge-every", 0, min: 0);
        var baseline = options.Int("baseline", 1000, min: 0);
        var hosts = options.Int("hosts", 1);
        return cancellationToken => RunAsync(rows, concurrency, mergeEvery, baseline, hosts, cancellationToken);
    }

    private static async Task RunAsync(int rows, int concurrency, int mergeEvery, int baselineCases, int hosts, CancellationToken ct)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var baseline = baselineCases == 0 ? null : await EmptyCaseBaseline.MeasureAsync(azurite, baselineCases, concurrency, ct);
            using var requests = RuntimeRequests.Create();
            var progress = new ProgressLog();
            var settings = new Dictionary<string, string?>
            {
                ["Signals:BatchConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
                ["Signals:MaxBatchSignals"] = Math.Max(rows, 10_000).ToString(CultureInfo.InvariantCulture),
                ["DurableTask:TaskHubName"] = "b" + Guid.NewGuid().ToString("N")[..11],
            };
            await using var app = new BenchApp(azurite.ConnectionString, requests.Counter, progress, settings);
            // Further hosts: the same app on the same task hub, serving no HTTP; their workers share the hub's work.
            var others = Enumerable.Range(1, hosts - 1).Select(_ => new BenchApp(azurite.ConnectionString, requests.Counter, new ProgressLog(), settings)).ToList();
            await using var stopOthers = new AsyncDisposables(others);
            foreach (var other in others)
            {
                _ = other.Services; // builds and starts the host, its worker included
            }

            using var client = app.CreateClient();
            client.Timeout = TimeSpan.FromMinutes(30);
            await AppHealth.WaitHealthyAsync(client, ct);
            var key = await app.Services.GetRequiredService<CredentialStore>().IssueAsync(
                new Caller(CallerKind.Corporation, Corporation, new HashSet<string>(StringComparer.Ordinal) { "GM0479", "GM0439" }, null, null), null, ct);
            client.DefaultRequestHeaders.Add(ApiKeys.HeaderName, key);

            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            await Console.Error.WriteLineAsync("warm-up: a batch of 200 rows (not counted) ...");
            await PostAsync(client, Csv("WARM", 200, today, mergeEvery: 0, firstHouse: 50_000), ct);

            var csv = Csv("BENCH", rows, today, mergeEvery, firstHouse: 1);
            await Console.Error.WriteLineAsync($"posting {rows} rows ({csv.Length / 1024.0 / 1024.0:0.0} MB of CSV) with BatchConcurrency={concurrency} ...");
            var started = Stopwatch.StartNew();
            var first = await MeasureAsync(client, requests, progress, csv, ct);
            await Console.Error.WriteLineAsync("waiting until every case has run its start ...");
            var drained = await DrainAsync(app.Services.GetRequiredService<DurableTaskClient>(), started, ct);
            await Console.Error.WriteLineAsync("resubmitting the same CSV ...");
            var again = await MeasureAsync(client, requests, progress, csv, ct);

            Console.WriteLine($"signals-batch: {rows} CSV rows in one POST /api/v1/signals/batch, BatchConcurrency={concurrency}, " +
                $"{(mergeEvery > 0 ? $"every {mergeEvery}th row the household of the row before (merged)" : "every row its own household")}");
            Console.WriteLine($"app: WebApplicationFactory (in-process test server), Production environment, production runtime settings, " +
                $"{hosts} host{(hosts == 1 ? "" : "s")} with a running worker on one task hub");
            Console.WriteLine();
            baseline?.Print();
            Print("first submission", first);
            Console.WriteLine($"  every case running  {drained.TotalSeconds:0.0} s after the POST began = " +
                $"{(first.Created / drained.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture)} signals/s end to end (no instance Pending)");
            Console.WriteLine();
            if (baseline is not null)
            {
                Console.WriteLine($"  against the baseline {(first.Rows / first.Elapsed.TotalSeconds / baseline.Rate).ToString("0.00", CultureInfo.InvariantCulture)} " +
                    "of the empty cases' start rate on this Azurite");
                Console.WriteLine();
            }

            Print("resubmission (all duplicate)", again);
            Console.WriteLine($"load after the run: {MachineInfo.LoadAverage()}");
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>
    /// The batch's answer means every row is durably taken (start message and instance row written); the cases run
    /// their starts as the runtime gets to them. Polls (every 5 s, not counted) until no instance is Pending.
    /// </summary>
    private static async Task<TimeSpan> DrainAsync(DurableTaskClient client, Stopwatch started, CancellationToken ct)
    {
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending], FetchInputsAndOutputs = false, PageSize = 1000 };
        while (true)
        {
            var pending = 0;
            await foreach (var _ in client.GetAllInstancesAsync(query).WithCancellation(ct))
            {
                pending++;
            }

            if (pending == 0)
            {
                return started.Elapsed;
            }

            await Console.Error.WriteLineAsync($"  {started.Elapsed.TotalSeconds,6:0} s: {pending} cases not started yet");
            await Task.Delay(TimeSpan.FromSeconds(5), TimeProvider.System, ct);
        }
    }

    private static void Print(string label, Measurement m)
    {
        var accepted = m.Created + m.Duplicate;
        Console.WriteLine($"{label}: {m.Created} created, {m.Duplicate} duplicate, {m.Invalid} invalid of {m.Rows} in {m.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"  rate                {(m.Rows / m.Elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture)} rows/s");
        Console.WriteLine($"  storage requests    {m.Requests.Total} in all = {Per(m.Requests.Total, accepted)} per accepted signal");
        Console.WriteLine($"  by kind, per signal {Report.Kinds(m.Requests, accepted)}");
        Console.WriteLine();
    }

    private static string Per(long total, int count) =>
        count == 0 ? "n/a" : (total / (double)count).ToString("0.00", CultureInfo.InvariantCulture);

    private static async Task<Measurement> MeasureAsync(HttpClient client, RuntimeRequests requests, ProgressLog progress, string csv, CancellationToken ct)
    {
        var before = requests.Snapshot();
        var startedSignals = progress.Signals;
        var watch = Stopwatch.StartNew();
        var post = PostAsync(client, csv, ct);
        var previousSignals = startedSignals;
        var previousRequests = before.Total;
        var previousTime = TimeSpan.Zero;
        while (await Task.WhenAny(post, Task.Delay(TimeSpan.FromSeconds(30), TimeProvider.System, ct)) != post)
        {
            // Progress on stderr: signals handled (started or found) so far and the rate over the last 30 s.
            var now = watch.Elapsed;
            var signals = progress.Signals;
            var total = requests.Counter.Total;
            var window = (now - previousTime).TotalSeconds;
            await Console.Error.WriteLineAsync(
                $"  {now.TotalSeconds,6:0} s: {signals - startedSignals,6} signals, last 30 s {(signals - previousSignals) / window,6:0.0} signals/s, " +
                $"{(total - previousRequests) / Math.Max(1, signals - previousSignals),5:0.0} requests/signal");
            (previousSignals, previousRequests, previousTime) = (signals, total, now);
        }

        var results = await post;
        var elapsed = watch.Elapsed;
        var delta = requests.Snapshot().Minus(before);
        return new Measurement(
            results.Count,
            results.Count(r => r == "created"),
            results.Count(r => r == "duplicate"),
            results.Count(r => r == "invalid"),
            elapsed,
            delta);
    }

    private static async Task<List<string>> PostAsync(HttpClient client, string csv, CancellationToken ct)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await client.PostAsync(new Uri("/api/v1/signals/batch", UriKind.Relative), content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"batch answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        }

        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()!)];
    }

    /// <summary>Valid rows: each its own address unless <paramref name="mergeEvery"/> repeats the previous row's household.</summary>
    private static string Csv(string prefix, int rows, DateOnly today, int mergeEvery, int firstHouse)
    {
        var text = new StringBuilder(
            "externalReference,municipalityCode,initials,prefix,surname,dateOfBirth,phone,email,street,houseNumber,houseNumberAddition," +
            "postalCode,city,arrearsAmount,arrearsSince,arrearsMonths,monthlyRent,stage,evictionDate,personalContactAttempted," +
            "pointedToDebtHelp,writtenReminderSent,tenantDidNotObject\r\n");
        var since = today.AddDays(-60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var house = firstHouse - 1;
        for (var i = 0; i < rows; i++)
        {
            if (mergeEvery == 0 || i % mergeEvery != mergeEvery - 1)
            {
                house++;
            }

            var municipality = i % 2 == 0 ? "GM0479" : "GM0439";
            var number = house % 99_999 + 1;
            var postal = $"{1500 + house / 99_999}AB";
            text.Append(CultureInfo.InvariantCulture,
                $"{prefix}-{i:D6},{municipality},J.,van,Dijk,1980-04-12,0612345678,j.vandijk@example.nl,Dorpsstraat,{number},,{postal},Zaandam," +
                $"1450.00,{since},2,725.00,arrears,,true,true,true,true\r\n");
        }

        return text.ToString();
    }

    /// <summary>Counts the signal receiver's per-signal log lines (received, resubmitted, merged); shows nothing.</summary>
    private sealed class ProgressLog : ILoggerProvider, ILogger
    {
        public const string Category = "Workflows.Application.Signals.SignalReceiver";

        private long _signals;

        public long Signals => Interlocked.Read(ref _signals);

        public ILogger CreateLogger(string categoryName) => categoryName == Category ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is 2501 or 2502 or 2503)
            {
                Interlocked.Increment(ref _signals);
            }
        }

        public void Dispose()
        {
        }
    }

    /// <summary>Disposes the extra hosts.</summary>
    private sealed class AsyncDisposables(IEnumerable<IAsyncDisposable> items) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var item in items)
            {
                await item.DisposeAsync();
            }
        }
    }

    private sealed record Measurement(int Rows, int Created, int Duplicate, int Invalid, TimeSpan Elapsed, RequestSnapshot Requests);

    /// <summary>The real app with the benchmark's storage, its counter, and warnings-only logging.</summary>
    private sealed class BenchApp(string connectionString, StorageRequestCounter counter, ProgressLog progress, Dictionary<string, string?> settings)
        : WebApplicationFactory<app::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseContentRoot(Path.Combine(AzuriteFixture.RepoRoot, "functions", "Workflows.LocalHost"));
            builder.ConfigureAppConfiguration((_, config) =>
            {
                settings["Storage:ConnectionString"] = connectionString;
                settings["Logging:LogLevel:Default"] = "Warning";
                settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
                // The receiver's per-signal debug lines (ids only) drive the progress count.
                settings["Logging:LogLevel:" + ProgressLog.Category] = "Debug";
                settings["Logging:Console:LogLevel:" + ProgressLog.Category] = "Warning";
                config.AddInMemoryCollection(settings);
            });
            builder.ConfigureLogging(logging => logging.AddProvider(progress));
            builder.ConfigureTestServices(services => services.AddSingleton(counter));
        }
    }
}
