using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Domain.Signals;
using Workflows.Domain.Trajectories;
using Workflows.Orchestrations.Client;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Application.Auth;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Notifications;

/// <summary>
/// The real app with mail through SendGrid at a <see cref="FakeSendGrid"/> (or to .eml files in a temporary
/// folder), quick activity retries, staff in the directory, and cases started as the API would start them.
/// Case data is full of personal data on purpose: tests check none of it reaches an email.
/// </summary>
internal sealed class NotificationHarness : IAsyncDisposable
{
    public const string Zaanstad = "GM0479";
    // Own ids and team, so Development seeding (same municipality) never mixes in.
    public const string Team = "wijkteam-noord";
    public const string Coordinator = "coord-a";
    public const string OtherCoordinator = "coord-b";
    public const string TeamLead = "lead-a";
    public const string BaseUrl = "https://werk.gemeente.example";

    /// <summary>Personal data of the sample cases: none of it may appear in any email.</summary>
    public static readonly string[] PersonalData =
    [
        "Vandenbroucke", "Q.X.", "Kwakkelstraat", "1234XY", "1979-02-03", "03-02-1979", "3 februari 1979", "+31687654321", "q.vandenbroucke@example.nl",
        "Pietersma-Oudgeest", "Z.Y.", "1991-07-03", "3 juli 1991", "111222333", "PI Zaanstad-Noord",
    ];

    private NotificationHarness(WorkflowsAppFactory app, FakeSendGrid? sendGrid, string mailDirectory)
    {
        App = app;
        SendGrid = sendGrid;
        MailDirectory = mailDirectory;
    }

    public WorkflowsAppFactory App { get; }

    public FakeSendGrid? SendGrid { get; }

    /// <summary>Where the Files mailer writes (a fresh temporary folder).</summary>
    public string MailDirectory { get; }

    public CaseClient Client => App.Services.GetRequiredService<CaseClient>();

    /// <summary>Starts the app; with <paramref name="sendGrid"/> mail goes there, else to .eml files.</summary>
    public static async Task<NotificationHarness> StartAsync(
        string connectionString, FakeSendGrid? sendGrid, CancellationToken cancellationToken, bool digest = false,
        string environment = "Production", Action<Dictionary<string, string?>>? settings = null, TimeSpan? settleLimit = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "workflows-tests", $"mail-{Guid.NewGuid():N}");
        var app = new WorkflowsAppFactory(connectionString)
        {
            Environment = environment,
            // How long the clock waits at each timer for activities in flight (the driver's default: 30 s).
            ConfigureServices = settleLimit is not { } limit ? null : services => services.AddSingleton(sp =>
                new VirtualTimeDriver(sp.GetRequiredService<CaseClient>(), TimeProvider.System) { SettleLimit = limit }),
        };
        app.Settings["Mail:BaseUrl"] = BaseUrl;
        app.Settings["Mail:Directory"] = directory;
        app.Settings["Mail:DigestEnabled"] = digest ? "true" : "false";
        // Activity retries in real time, quickly; the provider may be down for "hours" (many attempts).
        app.Settings["Cases:ActivityFirstRetryInterval"] = "00:00:00.050";
        app.Settings["Cases:ActivityMaxRetryInterval"] = "00:00:00.250";
        app.Settings["Cases:ActivityMaxAttempts"] = "100";
        if (sendGrid is not null)
        {
            app.Settings["Mail:Provider"] = "SendGrid";
            app.Settings["SendGrid:ApiKey"] = FakeSendGrid.ApiKey;
            app.Settings["SendGrid:Host"] = sendGrid.Host;
        }

        settings?.Invoke(app.Settings);
        _ = app.CreateClient(); // starts the host and its loops
        var harness = new NotificationHarness(app, sendGrid, directory);
        var staff = app.Services.GetRequiredService<CredentialStore>();
        foreach (var member in Staff)
        {
            await staff.UpsertStaffAsync(member, cancellationToken);
        }

        return harness;
    }

    public static IReadOnlyList<StaffMember> Staff { get; } =
    [
        new(Coordinator, StaffRole.Coordinator, new HashSet<string> { Zaanstad }, Team, "coord.a@gemeente.example"),
        new(OtherCoordinator, StaffRole.Coordinator, new HashSet<string> { Zaanstad }, Team, "coord.b@gemeente.example"),
        new(TeamLead, StaffRole.TeamLead, new HashSet<string> { Zaanstad }, Team, "lead.a@gemeente.example"),
    ];

    public static string EmailOf(string staffId) => Staff.Single(s => s.Id == staffId).Email!;

    /// <summary>A signal received now, triaged at once to <paramref name="assignee"/> (no triage escalation follows).</summary>
    public async Task StartSignalAsync(string id, string? assignee, CancellationToken cancellationToken, EvictionStage stage = EvictionStage.Arrears)
    {
        await Client.StartAsync(SignalOrchestration.TypeName, id, SignalIntake(id, stage), "demo-corp-a", cancellationToken);
        await Client.RaiseEventAsync(id, SignalEvents.Triaged, new SignalEventPayload { Assignee = assignee }, Coordinator, null, cancellationToken);
    }

    public static SignalIntake SignalIntake(string reference, EvictionStage stage = EvictionStage.Arrears) => new(
        "demo-corp-a", reference, Zaanstad, Team,
        [new Tenant("Q.X.", "van", "Vandenbroucke", new DateOnly(1979, 2, 3), "+31687654321", "q.vandenbroucke@example.nl")],
        new Address("Kwakkelstraat", 7, "b", "1234XY", "Zaandam"),
        new Arrears(900m, new DateOnly(2026, 8, 1), 2, 450m), stage, null, SignalPlan.Default, new RetentionPolicy());

    /// <summary>A high-risk trajectory of <paramref name="coordinator"/>, notified today, release on <paramref name="release"/>.</summary>
    public async Task StartTrajectoryAsync(string id, string coordinator, DateOnly notified, DateOnly? release, CancellationToken cancellationToken, bool highRisk = true) =>
        await Client.StartAsync(TrajectoryOrchestration.TypeName, id, new TrajectoryIntake(
            id, Zaanstad, Team,
            new Person("Z.Y.", null, "Pietersma-Oudgeest", new DateOnly(1991, 7, 3), "111222333"),
            "PI Zaanstad-Noord", notified.AddDays(-1), notified, release, coordinator, highRisk, TrajectoryPlan.Default), coordinator, cancellationToken);

    /// <summary>Moves the virtual clock to <paramref name="instant"/> and fires every timer due by then.</summary>
    public async Task AdvanceToAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        Assert.True(instant >= App.Clock.GetUtcNow(), $"The clock is already past {instant:O}.");
        await App.AdvanceToAsync(instant, cancellationToken);
    }

    /// <summary>The case's history lines named <paramref name="what"/> (e.g. notification-sent), with their detail.</summary>
    public async Task<IReadOnlyList<JsonElement>> HistoryAsync(string caseId, string what, CancellationToken cancellationToken) =>
        [.. (await Client.GetHistoryAsync(caseId, cancellationToken)).Where(h => h.What == what && h.Detail is not null).Select(h => h.Detail!.Value)];

    /// <summary>The .eml files written so far (Files mailer).</summary>
    public IReadOnlyList<string> MailFiles() =>
        Directory.Exists(MailDirectory) ? [.. Directory.GetFiles(MailDirectory, "*.eml").Order(StringComparer.Ordinal)] : [];

    /// <summary>Waits until every case has no activity in flight and no timer due.</summary>
    public async Task DrainedAsync(CancellationToken cancellationToken) =>
        await App.SettleAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
    }
}
