using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Workflows.Application.Auth;
using Workflows.Application.Tests.Signals;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Telemetry;

/// <summary>
/// The app's OpenTelemetry, exported in memory through a signal's life (intake, a staff event, reminders and
/// escalations by the clock): spans come from every layer (HTTP, Durable Task, the Azure SDK) and the application's
/// metrics are recorded, and not one span name, attribute, event or metric tag holds the tenant's personal data.
/// </summary>
public sealed class TelemetryPrivacyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Surname = "Zwartkruis-Telemetrie";
    private const string Email = "zwartkruis.telemetrie@example.nl";
    private const string Phone = "+31698765432";
    private const string Street = "Spoorzoekerstraat";
    private const string PostalCode = "1503XY";
    private const string BirthDate = "1977-03-21";
    private const string Note = "Mevrouw Zwartkruis-Telemetrie belt terug";

    private static readonly string[] PersonalData = [Surname, Email, Phone, "0698765432", Street, PostalCode, "1503 XY", BirthDate, Note];

    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromMinutes(3));

    [Fact]
    public async Task A_signal_lifecycle_leaves_spans_of_every_layer_and_the_applications_metrics_with_no_personal_data_anywhere()
    {
        // Spans end on any thread, and the periodic metric reader exports on its own: both lists are added to while this reads.
        var spans = new SynchronizedCollection<Activity>();
        var metrics = new SynchronizedCollection<Metric>();
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString)
        {
            ConfigureServices = services =>
            {
                TestEntra.AcceptTokens(services);
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
                services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
            },
        };
        app.Settings["Mail:Directory"] = Path.Combine(Path.GetTempPath(), "workflows-tests", $"mail-{Guid.NewGuid():N}");
        app.Settings["Mail:DigestEnabled"] = "false";
        using var corporation = await app.CreateClientForAsync(TestCallers.CorporationA, _ct);
        // The coordinator, with an address in the staff directory: the reminders and escalations go to them.
        await app.Services.GetRequiredService<CredentialStore>().UpsertStaffAsync(
            new StaffMember(TestCallers.CoordinatorZaanstad.Id, StaffRole.Coordinator, new HashSet<string> { TestCallers.Zaanstad }, "schuldhulp-zaanstad", "coordinator@gemeente.example"),
            _ct);
        using var staff = app.CreateClient();
        staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestEntra.TokenFor(TestCallers.CoordinatorZaanstad));

        var signal = SignalSamples.Signal($"TEL-{Guid.NewGuid():N}", houseNumber: 31, postalCode: PostalCode);
        var tenant = signal["tenants"]![0]!.AsObject();
        (tenant["surname"], tenant["email"], tenant["phone"], tenant["dateOfBirth"]) = (Surname, Email, Phone, BirthDate);
        signal["address"]!["street"] = Street;
        var id = await SignalsTestApp.CreateAsync(corporation, signal, _ct);
        await SignalsTestApp.PostEventAsync(staff, id, new JsonObject { ["type"] = "contact-attempted", ["channel"] = "phone", ["reached"] = false, ["note"] = Note }, _ct);
        using (var read = await staff.GetAsync(SignalsTestApp.Signal(id), _ct))
        {
            read.EnsureSuccessStatusCode();
        }

        // Reminders and escalations of the first steps fall due and go out by mail.
        await app.AdvanceAsync(TimeSpan.FromDays(40), _ct);
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var seen = spans.Snapshot();
        var exported = metrics.Snapshot();

        Assert.Contains(seen, s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Contains(seen, s => s.Source.Name == "DurableTask.Core");
        Assert.Contains(seen, s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal));
        var names = exported.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[]
        {
            "workflows.signals.received", "workflows.case.events_applied", "workflows.case.timers_fired", "workflows.case.timer_lateness",
            "workflows.emails.sent", "workflows.reminder.lateness", "workflows.steps.overdue", "http.server.request.duration",
        })
        {
            Assert.Contains(expected, names);
        }

        var leaks = seen.SelectMany(Texts).Concat(exported.SelectMany(Texts))
            .Where(text => PersonalData.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Empty(leaks);
    }

    /// <summary>Everything a span carries as text: names, status, every tag and event, and the trace state.</summary>
    private static IEnumerable<string> Texts(Activity span)
    {
        yield return span.DisplayName;
        yield return span.OperationName;
        yield return span.StatusDescription ?? string.Empty;
        yield return span.TraceStateString ?? string.Empty;
        foreach (var (key, value) in span.TagObjects)
        {
            yield return $"{key}={value}";
        }

        foreach (var item in span.Events)
        {
            yield return item.Name;
            foreach (var (key, value) in item.Tags)
            {
                yield return $"{key}={value}";
            }
        }

        foreach (var (key, value) in span.Baggage)
        {
            yield return $"{key}={value}";
        }
    }

    /// <summary>A metric's name, description and the tags of each of its points.</summary>
    private static IEnumerable<string> Texts(Metric metric)
    {
        yield return metric.Name;
        yield return metric.Description;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                yield return $"{tag.Key}={tag.Value}";
            }
        }
    }
}
