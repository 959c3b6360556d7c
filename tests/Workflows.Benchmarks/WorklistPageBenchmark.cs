extern alias app;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Auth;
using Workflows.Application.Seeding;
using Workflows.Application.Signals;
using Workflows.Application.Trajectories;
using Workflows.Application.Worklist;
using Workflows.Domain.Calendar;
using Workflows.Domain.Cases;
using Workflows.Domain.Decisions;
using Workflows.Domain.Signals;
using Workflows.Domain.Trajectories;
using Workflows.Orchestrations.Client;
using Workflows.Orchestrations.Storage;
using Workflows.Testing;

namespace Workflows.Benchmarks;

/// <summary>
/// The worklist page (<c>/worklist</c>) of a municipality with many open steps, and the case page
/// (<c>/cases/signal/{id}</c>) of a case with a long history, through the real app in-process (Development, the demo
/// clock, signed in as a seeded coordinator through the Development sign-in page, as a browser does). The worklist's
/// open steps are written straight into the worklist index with the app's own <see cref="IndexStore"/>, shaped as
/// <see cref="Worklist.Rows"/> makes them (the page reads the index only; 10,000 real cases would take an hour to
/// start). Each request is timed in-process (no network) and its storage requests counted, raw and net of the task
/// hub's idle polling measured first; the API's <c>GET /api/v1/worklist?due=today</c> is the baseline.
/// </summary>
internal static partial class WorklistPageBenchmark
{
    private const string Municipality = DevelopmentSeed.Zaanstad;
    private const string Team = DevelopmentSeed.TeamZaanstad;
    private const string User = "coordinator-zaanstad";
    private const string Corporation = "bench-corp";
    private const double TargetMilliseconds = 150;
    private const double TargetRequests = 3;
    private const int WriteConcurrency = 32;
    private const int EventConcurrency = 8;

    private static readonly string[] Assignees = [User, "teamlead-zaanstad", "bench-coordinator-2", "bench-coordinator-3", ""];

    public static Func<CancellationToken, Task> Prepare(BenchOptions options)
    {
        var reps = options.Int("reps", 50);
        var warmup = options.Int("warmup", 5, min: 0);
        var steps = options.Int("steps", 10_000);
        var history = options.Int("history", 200, min: 2);
        var idleSeconds = options.Int("idle-seconds", 10);
        return ct => RunAsync(new Settings(reps, warmup, steps, history, TimeSpan.FromSeconds(idleSeconds)), ct);
    }

    private static async Task RunAsync(Settings settings, CancellationToken ct)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var credentials = Path.Combine(Path.GetTempPath(), $"bench-credentials-{Guid.NewGuid():N}.json");
        try
        {
            using var requests = RuntimeRequests.Create();
            await using var app = new PageApp(azurite.ConnectionString, requests.Counter, credentials);
            using var api = app.CreateClient();
            await AppHealth.WaitHealthyAsync(api, ct);
            var (seeded, _) = await app.Services.GetRequiredService<DevelopmentSeeder>().Completed.WaitAsync(ct);
            var staffKey = seeded.Staff.Single(s => s.Id == User).ApiKey;
            var clock = app.Services.GetRequiredService<TimeProvider>();
            var today = DutchTime.Today(clock.GetUtcNow());

            // 1. The worklist: open steps written into the index directly.
            await Console.Error.WriteLineAsync($"writing {settings.Steps} worklist rows into the index ...");
            var rows = Rows(settings.Steps, today);
            var index = new IndexStore(app.Services.GetRequiredService<CaseTables>());
            var writeStart = requests.Snapshot();
            var writeWatch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(
                rows,
                new ParallelOptions { MaxDegreeOfParallelism = WriteConcurrency, CancellationToken = ct },
                async (row, token) => await index.PutAsync(row.Partition, row.Key, row.Properties["CaseId"], 1, row.Properties, likelyNew: true, token));
            var written = (writeWatch.Elapsed, Requests: requests.Snapshot().Minus(writeStart).Total);
            var truth = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["te-laat"] = rows.Count(r => Due(r) < today),
                ["vandaag"] = rows.Count(r => Due(r) == today),
                ["deze-week"] = rows.Count(r => Due(r) >= today && Due(r) < today.AddDays(7)),
                ["alles"] = rows.Count,
            };

            // 2. Signed in as a browser is: the sign-in form, its antiforgery token, the post, the session cookie.
            using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            await SignInAsync(browser, ct);

            await Console.Error.WriteLineAsync($"idle for {settings.Idle.TotalSeconds:0} s ...");
            var idleStart = requests.Snapshot();
            var idleWatch = Stopwatch.StartNew();
            await Task.Delay(settings.Idle, TimeProvider.System, ct);
            var idle = requests.Snapshot().Minus(idleStart);
            var idlePerSecond = idle.Total / idleWatch.Elapsed.TotalSeconds;

            var worklist = new List<Measured>();
            foreach (var (label, uri, key) in new (string, string, string?)[]
            {
                ("page /worklist (Alles open)", "/worklist", null),
                ("page ?tab=te-laat", "/worklist?tab=te-laat", null),
                ("page ?tab=vandaag", "/worklist?tab=vandaag", null),
                ("API ?due=today (baseline)", "/api/v1/worklist?due=today", staffKey),
                ("API, all open", "/api/v1/worklist", staffKey),
            })
            {
                await Console.Error.WriteLineAsync($"{label}: {settings.Warmup} warm-up, {settings.Reps} measured ...");
                worklist.Add(await MeasureAsync(key is null ? browser : api, label, uri, key, settings, requests, idlePerSecond, ct));
            }

            // What the page's one read is, and what an exact count would take, straight through CaseClient (no HTTP).
            var cases = app.Services.GetRequiredService<CaseClient>();
            var partition = Worklist.Partition(Municipality);
            var reads = new List<Measured>();
            foreach (var (label, take) in new (string, int?)[]
            {
                ($"index read, take {WorklistReader.MaxRows} (page's)", WorklistReader.MaxRows),
                ("index read, take 25", 25),
                ("index read, all rows (exact)", null),
            })
            {
                await Console.Error.WriteLineAsync($"{label}: {settings.Warmup} warm-up, {settings.Reps} measured ...");
                reads.Add(await MeasureAsync(label, settings, requests, idlePerSecond, async token =>
                    (await cases.QueryIndexAsync(partition, null, null, null, take, token)).Count, ct));
            }

            var shown = Counts(worklist[0].LastBody);
            var shownRows = RowCount().Count(worklist[0].LastBody);

            // 3. A case with a long history: one signal, then contact attempts until it has the lines.
            await Console.Error.WriteLineAsync($"a signal with {settings.History} history lines ...");
            var store = app.Services.GetRequiredService<CredentialStore>();
            var corporationKey = await store.IssueAsync(new Caller(CallerKind.Corporation, Corporation, new HashSet<string>(StringComparer.Ordinal) { Municipality }, null, null), null, ct);
            var (caseId, history, events, built) = await LongCaseAsync(app, api, corporationKey, staffKey, settings.History, ct);
            await Console.Error.WriteLineAsync($"case page: {settings.Warmup} warm-up, {settings.Reps} measured ...");
            var casePage = await MeasureAsync(browser, "page /cases/signal/{id}", $"/cases/signal/{caseId}", null, settings, requests, idlePerSecond, ct);
            var timelineLines = TimelineLines(casePage.LastBody);

            Print(settings, today, rows, written, truth, idle, idlePerSecond, worklist, reads, shown, shownRows, caseId, history, events, built, casePage, timelineLines);
        }
        finally
        {
            await azurite.DisposeAsync();
            File.Delete(credentials);
        }
    }

    private static void Print(
        Settings settings, DateOnly today, List<IndexEntry> rows, (TimeSpan Elapsed, long Requests) written, Dictionary<string, int> truth,
        RequestSnapshot idle, double idlePerSecond, List<Measured> worklist, List<Measured> reads, List<int> shown, int shownRows,
        string caseId, int history, int events, TimeSpan built, Measured casePage, int timelineLines)
    {
        var kinds = rows.GroupBy(r => r.Properties["Kind"]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        var assignees = rows.GroupBy(r => r.Properties["Assignee"]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{(g.Key.Length == 0 ? "(none)" : g.Key)} {g.Count()}");
        Console.WriteLine($"worklist-page: the worklist's first page for {Municipality} with {settings.Steps} open steps, and the case page of a signal with {settings.History} history lines");
        Console.WriteLine("app: WebApplicationFactory (in-process test server), Development environment with Clock:Mode=Virtual and Mail:DigestEnabled=false, production runtime settings");
        Console.WriteLine($"user: {User} (staff of {Municipality}, team {Team}), signed in through the Development sign-in page (GET /sign-in, antiforgery token, POST /sign-in, session cookie)");
        Console.WriteLine($"worklist rows: {rows.Count} written DIRECTLY into the worklist index (partition {Worklist.Partition(Municipality)}) with the app's IndexStore.PutAsync, " +
            $"{WriteConcurrency} at once, in {Report.F(written.Elapsed.TotalSeconds, "0.0")} s ({written.Requests} storage requests); no cases behind them: the page reads the index only");
        Console.WriteLine($"  shaped as Worklist.Rows makes them (key {{due}}|{{caseId}}|{{step}}; Kind, CaseId, Step, Label, Due, Responsible, Assignee, Team), " +
            $"steps and labels of SignalPlan/TrajectoryPlan, due {today.AddDays(-30):yyyy-MM-dd} .. {today.AddDays(60):yyyy-MM-dd} (today {today:yyyy-MM-dd}, the app's clock)");
        Console.WriteLine($"  kinds: {string.Join(", ", kinds)}; team {Team}; assignees: {string.Join(", ", assignees)}");
        Console.WriteLine($"  in the index per tab: te-laat {truth["te-laat"]}, vandaag {truth["vandaag"]}, deze-week {truth["deze-week"]}, alles {truth["alles"]}");
        Console.WriteLine($"idle: {Report.F(idlePerSecond)} storage requests/s (over {settings.Idle.TotalSeconds:0} s; {Report.Kinds(idle, settings.Idle.TotalSeconds)} per s), " +
            "the task hub's polling, which the counter sees too: net = raw - idle rate x the request's time");
        Console.WriteLine($"time: server time (in-process, no network): a Stopwatch around the in-process HttpClient call, body read included; " +
            $"{settings.Reps} requests one after the other after {settings.Warmup} warm-up (not counted)");
        Console.WriteLine();

        PrintTable([.. worklist, casePage, .. reads]);
        Console.WriteLine($"(index read: CaseClient.QueryIndexAsync of the whole partition {Worklist.Partition(Municipality)}, in-process, no HTTP; " +
            $"rows read: {string.Join(", ", reads.Select(r => $"{r.Label[12..]} {r.LastBody}"))})");
        Console.WriteLine();
        Console.WriteLine("storage requests by kind (raw, mean per request):");
        foreach (var m in worklist.Append(casePage).Concat(reads))
        {
            Console.WriteLine($"  {m.Label,-30} {Report.Kinds(m.Total, m.Samples.Count)}");
        }

        Console.WriteLine();
        var baseline = worklist[3];
        Console.WriteLine($"page / baseline ({baseline.Label}):");
        foreach (var m in worklist.Take(3))
        {
            Console.WriteLine($"  {m.Label,-30} p50 x{Report.F(m.P50 / baseline.P50)}, p99 x{Report.F(m.P99 / baseline.P99)}, mean x{Report.F(m.Mean / baseline.Mean)}, " +
                $"storage requests (raw) x{Report.F(m.Raw / Math.Max(baseline.Raw, 0.01))}");
        }

        Console.WriteLine();
        Console.WriteLine($"tab counts on the first page (Alles open) against the index: the page lists {shownRows} rows");
        string[] tabs = ["te-laat", "vandaag", "deze-week", "alles"];
        for (var i = 0; i < tabs.Length; i++)
        {
            var count = i < shown.Count ? shown[i] : -1;
            Console.WriteLine($"  {tabs[i],-10} page shows {count,6}, index holds {truth[tabs[i]],6}{(count == truth[tabs[i]] ? "" : "  <- differs")}");
        }

        Console.WriteLine();
        Console.WriteLine($"case page: signal {caseId} with {history} history lines (CaseClient.GetHistoryAsync), made by POST /api/v1/signals and {events} staff events " +
            $"contact-attempted (phone, not reached; {EventConcurrency} at once) in {Report.F(built.TotalSeconds, "0.0")} s; the page shows {timelineLines} timeline lines");
        Console.WriteLine();

        var page = worklist[0];
        Console.WriteLine("targets (statements of the figures above, not assertions):");
        Console.WriteLine($"  worklist page p50 <= {TargetMilliseconds:0} ms: {(page.P50 <= TargetMilliseconds ? "met" : "NOT met")} (p50 {Report.F(page.P50, "0.0")} ms, p99 {Report.F(page.P99, "0.0")} ms)");
        Console.WriteLine($"  worklist page <= {TargetRequests:0} storage requests: {(page.Net <= TargetRequests ? "met" : "NOT met")} " +
            $"(net {Report.F(page.Net)}, raw {Report.F(page.Raw)} per page, raw min {page.Samples.Min(s => s.Delta.Total)})");
        var countsRight = tabs.Select((t, i) => i < shown.Count && shown[i] == truth[t]).All(ok => ok);
        Console.WriteLine($"  (not a target) tab counts equal the index's: {(countsRight ? "yes" : "NO")}");
        Console.WriteLine($"load after the run: {MachineInfo.LoadAverage()}");
    }

    private static void PrintTable(IReadOnlyList<Measured> all)
    {
        var header = $"{"request",-30} {"n",4} {"p50 ms",8} {"p99 ms",8} {"mean ms",8} {"max ms",8} {"raw req",8} {"net req",8} {"KiB",6}";
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        foreach (var m in all)
        {
            Console.WriteLine($"{m.Label,-30} {m.Samples.Count,4} {Report.F(m.P50, "0.0"),8} {Report.F(m.P99, "0.0"),8} {Report.F(m.Mean, "0.0"),8} " +
                $"{Report.F(m.Samples.Max(s => s.Milliseconds), "0.0"),8} {Report.F(m.Raw),8} {Report.F(m.Net),8} {(m.Samples.All(s => s.Bytes == 0) ? "-" : Report.F(m.Samples.Average(s => s.Bytes) / 1024.0, "0.0")),6}");
        }
    }

    /// <summary>Warm-up, then <see cref="Settings.Reps"/> requests one after the other, each timed and its storage requests counted.</summary>
    private static async Task<Measured> MeasureAsync(
        HttpClient client, string label, string uri, string? apiKey, Settings settings, RuntimeRequests requests, double idlePerSecond, CancellationToken ct)
    {
        for (var i = 0; i < settings.Warmup; i++)
        {
            _ = await GetAsync(client, uri, apiKey, ct);
        }

        var samples = new List<Sample>();
        var body = string.Empty;
        for (var i = 0; i < settings.Reps; i++)
        {
            var before = requests.Snapshot();
            var watch = Stopwatch.StartNew();
            body = await GetAsync(client, uri, apiKey, ct);
            var elapsed = watch.Elapsed;
            var delta = requests.Snapshot().Minus(before);
            samples.Add(new Sample(elapsed.TotalMilliseconds, delta, delta.Total - (idlePerSecond * elapsed.TotalSeconds), System.Text.Encoding.UTF8.GetByteCount(body)));
        }

        return new Measured(label, samples, body);
    }

    /// <summary>The same for a call that is not HTTP (an index read); its "body" is the number of rows it read.</summary>
    private static async Task<Measured> MeasureAsync(
        string label, Settings settings, RuntimeRequests requests, double idlePerSecond, Func<CancellationToken, Task<int>> call, CancellationToken ct)
    {
        for (var i = 0; i < settings.Warmup; i++)
        {
            _ = await call(ct);
        }

        var samples = new List<Sample>();
        var count = 0;
        for (var i = 0; i < settings.Reps; i++)
        {
            var before = requests.Snapshot();
            var watch = Stopwatch.StartNew();
            count = await call(ct);
            var elapsed = watch.Elapsed;
            var delta = requests.Snapshot().Minus(before);
            samples.Add(new Sample(elapsed.TotalMilliseconds, delta, delta.Total - (idlePerSecond * elapsed.TotalSeconds), 0));
        }

        return new Measured(label, samples, count.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task<string> GetAsync(HttpClient client, string uri, string? apiKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(uri, UriKind.Relative));
        if (apiKey is not null)
        {
            request.Headers.Add(ApiKeys.HeaderName, apiKey);
        }

        using var response = await client.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return response.StatusCode == HttpStatusCode.OK
            ? body
            : throw new InvalidOperationException($"GET {uri} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
    }

    private static async Task SignInAsync(HttpClient browser, CancellationToken ct)
    {
        var form = await GetAsync(browser, "/sign-in?returnUrl=%2Fworklist", null, ct);
        if (TokenField().Match(form) is not { Success: true } token)
        {
            throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = User,
            ["returnUrl"] = "/worklist",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        });
        using var response = await browser.PostAsync(new Uri("/sign-in", UriKind.Relative), content, ct);
        if (response.StatusCode != HttpStatusCode.SeeOther || response.Headers.Location?.OriginalString != "/worklist")
        {
            throw new InvalidOperationException($"Sign-in answered {(int)response.StatusCode} to {response.Headers.Location}, not 303 to /worklist.");
        }
    }

    /// <summary>One signal, then contact attempts (phone, not reached: no conflict, no closure) until its history has <paramref name="lines"/> lines.</summary>
    private static async Task<(string Id, int Lines, int Events, TimeSpan Elapsed)> LongCaseAsync(
        PageApp app, HttpClient api, string corporationKey, string staffKey, int lines, CancellationToken ct)
    {
        var cases = app.Services.GetRequiredService<CaseClient>();
        var driver = app.Services.GetRequiredService<VirtualTimeDriver>();
        var watch = Stopwatch.StartNew();
        string id;
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/signals", UriKind.Relative)) { Content = JsonContent.Create(Signal()) })
        {
            request.Headers.Add(ApiKeys.HeaderName, corporationKey);
            using var response = await api.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"POST /api/v1/signals answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }

            id = (await response.Content.ReadFromJsonAsync<Created>(ct))!.Id;
        }

        await driver.SettleAsync(ct);
        var events = 0;
        var count = (await cases.GetHistoryAsync(id, ct)).Count;
        for (var round = 0; count < lines && round < 20; round++)
        {
            // Each event adds at least one line; what it adds besides is counted after it settles.
            var batch = lines - count;
            await Parallel.ForEachAsync(
                Enumerable.Range(0, batch),
                new ParallelOptions { MaxDegreeOfParallelism = EventConcurrency, CancellationToken = ct },
                async (_, token) =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/signals/{id}/events", UriKind.Relative))
                    {
                        Content = JsonContent.Create(new { type = "contact-attempted", channel = "phone", reached = false }),
                    };
                    request.Headers.Add(ApiKeys.HeaderName, staffKey);
                    using var response = await api.SendAsync(request, token);
                    if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
                    {
                        throw new InvalidOperationException($"contact-attempted answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
                    }
                });
            events += batch;
            await driver.SettleAsync(ct);
            count = (await cases.GetHistoryAsync(id, ct)).Count;
        }

        return (id, count, events, watch.Elapsed);
    }

    /// <summary>The open steps: spread evenly over due dates from 30 days ago to 60 days ahead, two steps per case, a quarter trajectories.</summary>
    private static List<IndexEntry> Rows(int count, DateOnly today)
    {
        var rows = new List<IndexEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var number = i / 2;
            var signal = number % 4 != 3;
            var plan = signal ? SignalPlan.Default : TrajectoryPlan.Default;
            var caseId = signal ? SignalIds.For(Corporation, $"WL-{number:D6}") : TrajectoryIds.For(Municipality, $"WL-{number:D6}");
            var step = plan.Steps[(number + (i % 2)) % plan.Steps.Count];
            var due = Worklist.KeyFrom(today.AddDays(-30 + (int)((long)i * 91 / count)));
            rows.Add(new IndexEntry(
                Worklist.Partition(Municipality),
                $"{due}|{caseId}|{step.Key}",
                new Dictionary<string, string>
                {
                    ["Kind"] = signal ? "signal" : "trajectory",
                    ["CaseId"] = caseId,
                    ["Step"] = step.Key,
                    ["Label"] = step.Label,
                    ["Due"] = due,
                    ["Responsible"] = step.Responsible.ToString(),
                    ["Assignee"] = Assignees[number % Assignees.Length],
                    ["Team"] = Team,
                }));
        }

        return rows;
    }

    private static DateOnly Due(IndexEntry row) => DateOnly.ParseExact(row.Properties["Due"], "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The tab counts as the page shows them, in the tabs' order.</summary>
    private static List<int> Counts(string html) =>
        [.. TabCount().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static int TimelineLines(string html)
    {
        var start = html.IndexOf("class=\"timeline\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return 0;
        }

        var end = html.IndexOf("</ol>", start, StringComparison.Ordinal);
        return ListItem().Count(html.AsSpan(start, (end < 0 ? html.Length : end) - start));
    }

    /// <summary>README "Try it": a corporation's first signal (its own reference, so it is new).</summary>
    private static object Signal() => new
    {
        externalReference = $"HUUR-{Guid.NewGuid():N}",
        municipalityCode = Municipality,
        tenants = new[] { new { initials = "J.", prefix = "van", surname = "Dijk", dateOfBirth = "1980-04-12" } },
        address = new { street = "Dorpsstraat", houseNumber = 12, houseNumberAddition = "A", postalCode = "1501AB", city = "Zaandam" },
        arrears = new { amount = 1450.00m, since = "2026-09-01", months = 2, monthlyRent = 725.00m },
        stage = "arrears",
        evictionDate = (string?)null,
        collectionSteps = new { personalContactAttempted = true, pointedToDebtHelp = true, writtenReminderSent = true, tenantDidNotObject = true },
    };

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<span class=\"count\">(\\d+)</span>")]
    private static partial Regex TabCount();

    [GeneratedRegex("<tr(?: class=\"overdue\")?>\\s*<td><a href=\"/cases/")]
    private static partial Regex RowCount();

    [GeneratedRegex("<li[ >]")]
    private static partial Regex ListItem();

    private sealed record Settings(int Reps, int Warmup, int Steps, int History, TimeSpan Idle);

    private sealed record Sample(double Milliseconds, RequestSnapshot Delta, double Net, int Bytes);

    private sealed record Measured(string Label, IReadOnlyList<Sample> Samples, string LastBody)
    {
        public double P50 => Stats.Percentile([.. Samples.Select(s => s.Milliseconds)], 50);

        public double P99 => Stats.Percentile([.. Samples.Select(s => s.Milliseconds)], 99);

        public double Mean => Samples.Average(s => s.Milliseconds);

        public double Raw => Samples.Average(s => (double)s.Delta.Total);

        public double Net => Samples.Average(s => s.Net);

        public RequestSnapshot Total => Samples.Select(s => s.Delta).Aggregate((a, b) => a.Plus(b));
    }

    private sealed record Created(string Id);

    /// <summary>The real app in Development with the demo clock, the benchmark's storage and counter, warnings-only logging (as signal-lifecycle).</summary>
    private sealed class PageApp(string connectionString, StorageRequestCounter counter, string credentialsFile) : WebApplicationFactory<app::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(Path.Combine(AzuriteFixture.RepoRoot, "functions", "Workflows.LocalHost"));
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = connectionString,
                ["DurableTask:TaskHubName"] = "b" + Guid.NewGuid().ToString("N")[..11],
                ["Clock:Mode"] = "Virtual",
                ["Mail:DigestEnabled"] = "false",
                ["Seeding:CredentialsFile"] = credentialsFile,
                ["Logging:LogLevel:Default"] = "Warning",
                // Pages only: a warning per page ("Cache-Control overridden") and one for the unencrypted local key ring.
                ["Logging:LogLevel:Microsoft.AspNetCore.Antiforgery"] = "Error",
                ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
            }));
            builder.ConfigureTestServices(services => services.AddSingleton(counter));
        }
    }
}
