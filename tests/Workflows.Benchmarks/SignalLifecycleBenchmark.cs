extern alias app;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Application.Auth;
using Workflows.Orchestrations.Client;
using Workflows.Orchestrations.Storage;
using Workflows.Testing;

namespace Workflows.Benchmarks;

/// <summary>
/// Storage requests of one signal's whole life through the real app over HTTP (ARCHITECTURE §5.7's demo clock: the
/// Development environment with <c>Clock:Mode=Virtual</c>, as <c>./run.sh</c> offers it): intake by the corporation,
/// triage, a contact attempt, help offered, closed, and the purge after the retention period, which the clock
/// reaches with <c>POST /dev/clock/advance</c>. Each phase is measured from its request until every case has
/// settled; the task hub's polling during the phase is in the raw count and taken out in the net one (the idle rate
/// is measured first, in the same run).
/// </summary>
internal static class SignalLifecycleBenchmark
{
    private const string Corporation = "bench-corp";

    public static Func<CancellationToken, Task> Prepare(BenchOptions options)
    {
        var reps = options.Int("reps", 5);
        var idleSeconds = options.Int("idle-seconds", 20);
        return ct => RunAsync(reps, TimeSpan.FromSeconds(idleSeconds), ct);
    }

    private static async Task RunAsync(int reps, TimeSpan idle, CancellationToken ct)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var credentials = Path.Combine(Path.GetTempPath(), $"bench-credentials-{Guid.NewGuid():N}.json");
        try
        {
            using var requests = RuntimeRequests.Create();
            await using var app = new LifecycleApp(azurite.ConnectionString, requests.Counter, credentials);
            using var client = app.CreateClient();
            await AppHealth.WaitHealthyAsync(client, ct);
            await app.Services.GetRequiredService<Workflows.Application.Seeding.DevelopmentSeeder>().Completed.WaitAsync(ct);
            var store = app.Services.GetRequiredService<CredentialStore>();
            var corporation = await store.IssueAsync(new Caller(CallerKind.Corporation, Corporation, new HashSet<string>(StringComparer.Ordinal) { "GM0479" }, null, null), null, ct);
            var staff = await store.IssueAsync(
                new Caller(CallerKind.Staff, "bench-coordinator", new HashSet<string>(StringComparer.Ordinal) { "GM0479" }, StaffRole.Coordinator, "schuldhulp-zaanstad"),
                "bench-coordinator@gemeente.example", ct);
            var driver = app.Services.GetRequiredService<VirtualTimeDriver>();
            await driver.SettleAsync(ct);

            await Console.Error.WriteLineAsync($"idle for {idle.TotalSeconds:0} s ...");
            var idleStart = requests.Snapshot();
            var idleWatch = Stopwatch.StartNew();
            await Task.Delay(idle, TimeProvider.System, ct);
            var idlePerSecond = requests.Snapshot().Minus(idleStart).Total / idleWatch.Elapsed.TotalSeconds;

            string[] phases = ["intake", "triage", "contact", "help offered", "closed", "purged"];
            var totals = phases.ToDictionary(p => p, _ => new List<(long Raw, double Net, RequestSnapshot Delta)>(), StringComparer.Ordinal);
            for (var rep = 0; rep < reps; rep++)
            {
                await Console.Error.WriteLineAsync($"lifecycle {rep + 1} of {reps} ...");
                string? id = null;
                foreach (var phase in phases)
                {
                    var before = requests.Snapshot();
                    var watch = Stopwatch.StartNew();
                    using (var response = await SendAsync(client, phase, id, rep, corporation, staff, ct))
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            throw new InvalidOperationException($"{phase} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                        }

                        id ??= (await response.Content.ReadFromJsonAsync<Created>(ct))!.Id;
                    }

                    await driver.SettleAsync(ct);
                    if (phase == "purged")
                    {
                        // The purge ends the case from its own activity, then deletes it: gone a moment after it settles.
                        await GoneAsync(app.Services.GetRequiredService<CaseClient>(), id!, ct);
                    }

                    var delta = requests.Snapshot().Minus(before);
                    totals[phase].Add((delta.Total, delta.Total - (idlePerSecond * watch.Elapsed.TotalSeconds), delta));
                }

            }

            Console.WriteLine($"signal-lifecycle: {reps} signals, each intake, triage, contact attempt, help offered, closed, and purged after 600 days of demo clock");
            Console.WriteLine("app: WebApplicationFactory (in-process test server), Development environment with Clock:Mode=Virtual and Mail:DigestEnabled=false, production runtime settings");
            Console.WriteLine($"idle: {idlePerSecond.ToString("0.00", CultureInfo.InvariantCulture)} requests/s (over {idle.TotalSeconds:0} s), taken out of each phase for the net figure");
            Console.WriteLine();
            Console.WriteLine($"{"phase",-14} {"raw",8} {"net",8}  by kind (raw, mean)");
            double rawSum = 0, netSum = 0;
            foreach (var phase in phases)
            {
                var runs = totals[phase];
                var raw = runs.Average(r => r.Raw);
                var net = runs.Average(r => r.Net);
                (rawSum, netSum) = (rawSum + raw, netSum + net);
                var merged = runs.Select(r => r.Delta).Aggregate((a, b) => a.Plus(b));
                Console.WriteLine($"{phase,-14} {raw,8:0.0} {net,8:0.0}  {Report.Kinds(merged, runs.Count)}");
            }

            Console.WriteLine($"{"whole life",-14} {rawSum,8:0.0} {netSum,8:0.0}");
            Console.WriteLine($"load after the run: {MachineInfo.LoadAverage()}");
        }
        finally
        {
            await azurite.DisposeAsync();
            File.Delete(credentials);
        }
    }

    private static async Task GoneAsync(CaseClient client, string id, CancellationToken ct)
    {
        var until = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(1);
        while (await client.GetStatusAsync(id, ct) is not null)
        {
            if (TimeProvider.System.GetUtcNow() > until)
            {
                throw new InvalidOperationException($"{id} was not purged after the retention period.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, ct);
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string phase, string? id, int rep, string corporation, string staff, CancellationToken ct)
    {
        var (uri, body, key) = phase switch
        {
            "intake" => ("/api/v1/signals", Signal($"LIFE-{Guid.NewGuid():N}", 100 + rep), corporation),
            "triage" => ($"/api/v1/signals/{id}/events", (object)new { type = "triaged", assignee = "bench-coordinator" }, staff),
            "contact" => ($"/api/v1/signals/{id}/events", new { type = "contact-attempted", channel = "phone", reached = true }, staff),
            "help offered" => ($"/api/v1/signals/{id}/events", new { type = "help-offered" }, staff),
            "closed" => ($"/api/v1/signals/{id}/events", new { type = "closed", outcome = "payment-plan" }, staff),
            // Past the retention of a signal where help was offered (18 months, Policy SignalRetention.MonthsWithHelp).
            _ => ("/dev/clock/advance", new { by = "P600D" }, staff),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(uri, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add(ApiKeys.HeaderName, key);
        return client.SendAsync(request, ct);
    }

    private static object Signal(string reference, int houseNumber) => new
    {
        externalReference = reference,
        municipalityCode = "GM0479",
        tenants = new[] { new { initials = "J.", prefix = "van", surname = "Dijk", dateOfBirth = "1980-04-12", phone = "+31612345678", email = "j.vandijk@example.nl" } },
        address = new { street = "Dorpsstraat", houseNumber, postalCode = "1501AB", city = "Zaandam" },
        arrears = new { amount = 1450.00m, since = "2026-09-01", months = 2, monthlyRent = 725.00m },
        stage = "arrears",
        collectionSteps = new { personalContactAttempted = true, pointedToDebtHelp = true, writtenReminderSent = true, tenantDidNotObject = true },
    };

    private sealed record Created(string Id);

    /// <summary>The real app in Development with the demo clock, the benchmark's storage and counter, warnings-only logging.</summary>
    private sealed class LifecycleApp(string connectionString, StorageRequestCounter counter, string credentialsFile) : WebApplicationFactory<app::Program>
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
                // Only the signal moves through the months (the digest schedule would step every working day).
                ["Mail:DigestEnabled"] = "false",
                ["Seeding:CredentialsFile"] = credentialsFile,
                ["Logging:LogLevel:Default"] = "Warning",
            }));
            builder.ConfigureTestServices(services => services.AddSingleton(counter));
        }
    }
}
