using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Domain.Calendar;
using Workflows.Engine.Client;
using Workflows.Functions.Auth;
using Workflows.Functions.DevClock;
using Workflows.Functions.Notifications;
using Workflows.Functions.Tests.Notifications;
using Workflows.Functions.Tests.Support;
using Workflows.Testing;

namespace Workflows.Functions.Tests.DevClock;

/// <summary>
/// Advancing the demo clock lets the days pass one by one: every timer fires at its own instant, so a week
/// brings a digest on each of its working days and each email carries the moment it fell due, not the end.
/// </summary>
public sealed class DevClockSteppingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));
    private readonly string _mail = Path.Combine(Path.GetTempPath(), "workflows-tests", $"mail-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_mail))
        {
            Directory.Delete(_mail, recursive: true);
        }
    }

    [Fact]
    public async Task A_week_advanced_at_once_sends_a_digest_on_each_working_day_and_each_mail_when_it_fell_due()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString)
        {
            Environment = "Development",
            ConfigureServices = services => services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<VirtualTimeProvider>()),
        };
        app.Settings["Clock:Mode"] = "Virtual";
        app.Settings["Mail:Directory"] = _mail;
        app.Settings["Mail:DigestEnabled"] = "true";
        using var http = app.CreateClient();
        var clock = app.Services.GetRequiredService<VirtualTimeProvider>();
        var calendar = app.Services.GetRequiredService<Workflows.Functions.Policy.CasePolicy>().Calendar();
        var staff = app.Services.GetRequiredService<CredentialStore>();
        foreach (var member in NotificationHarness.Staff)
        {
            await staff.UpsertStaffAsync(member, _ct);
        }

        // An untriaged signal: its team sees the overdue triage step in every digest, and it escalates.
        var client = app.Services.GetRequiredService<OrchestrationClient>();
        await client.StartAsync(Domain.Signals.SignalOrchestration.TypeName, "sig-week", NotificationHarness.SignalIntake("sig-week"), "demo-corp-a", _ct);
        var start = clock.GetUtcNow();
        var target = start.AddDays(7);

        using (var week = await http.PostAsJsonAsync("/dev/clock/advance", new { by = "P7D" }, _ct))
        {
            Assert.Equal(HttpStatusCode.OK, week.StatusCode);
        }

        var expected = new List<DateOnly>();
        for (var day = DutchTime.Today(start); DutchTime.AtLocal(day, DigestOrchestration.At) <= target; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day) && DutchTime.AtLocal(day, DigestOrchestration.At) > start)
            {
                expected.Add(day);
            }
        }

        Assert.True(expected.Count >= 4, "a week holds at least four working days");
        await Eventually.TrueAsync(
            () => Task.FromResult(Sent("digest.*." + NotificationHarness.Coordinator).Count >= expected.Count),
            because: "the last digest has been written", cancellationToken: _ct);
        var digests = Sent("digest.*." + NotificationHarness.Coordinator);
        Assert.Equal(
            expected.Select(d => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture)),
            digests.Select(m => m.Reference.Split('.')[1]).Order(StringComparer.Ordinal));
        foreach (var (sentAt, reference) in digests)
        {
            // Written at that morning's 08:00 (plus the real seconds the step took), not at the end of the week.
            var day = DateOnly.ParseExact(reference.Split('.')[1], "yyyyMMdd", CultureInfo.InvariantCulture);
            Assert.InRange(sentAt - DutchTime.AtLocal(day, DigestOrchestration.At), TimeSpan.Zero, TimeSpan.FromMinutes(1));
        }

        var escalations = Sent("sig-week.escalation.*");
        Assert.NotEmpty(escalations);
        Assert.All(escalations, m => Assert.True(m.SentAt < target.AddDays(-1), $"escalation written at {m.SentAt:O}, before the week ended"));
    }

    /// <summary>The mails written so far whose reference matches; the file name is "{sent at}-{reference}.eml".</summary>
    private List<(DateTimeOffset SentAt, string Reference)> Sent(string referencePattern)
    {
        if (!Directory.Exists(_mail))
        {
            return [];
        }

        return
        [
            .. Directory.GetFiles(_mail, "*-" + referencePattern + ".eml").Select(Path.GetFileNameWithoutExtension).Select(name =>
            {
                var dash = name!.IndexOf('-', StringComparison.Ordinal);
                var at = DateTimeOffset.ParseExact(name[..dash], "yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                return (at, name[(dash + 1)..]);
            }),
        ];
    }
}
