using Workflows.Orchestrations.Client;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workflows.Domain.Calendar;
using Workflows.Application.Auth;
using Workflows.Application.DevClock;
using Workflows.Application.Notifications;
using Workflows.Application.Tests.Notifications;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.DevClock;

/// <summary>
/// The demo clock: Development with Clock:Mode=Virtual only; forward only; moving it fires what is due, each timer at
/// its own instant (a week brings a digest on each working day, each mail carries the moment it fell due).
/// </summary>
public sealed class DevClockTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(90));
    private readonly string _mail = Path.Combine(Path.GetTempPath(), "workflows-tests", $"mail-{Guid.NewGuid():N}");

    /// <summary>After the app stopped (no mail being written any more).</summary>
    public void Dispose()
    {
        if (Directory.Exists(_mail))
        {
            Directory.Delete(_mail, recursive: true);
        }
    }

    [Fact]
    public async Task Advance_moves_the_clock_forward_only_and_fires_the_timers_now_due()
    {
        var mail = _mail;
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString)
        {
            Environment = "Development",
            // Other tests run on the factory's own clock (OwnClock); here the host's own virtual clock runs.
            OwnClock = false,
            ConfigureServices = services => services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<VirtualTimeProvider>()),
        };
        app.Settings["Clock:Mode"] = "Virtual";
        app.Settings["Mail:Directory"] = mail;
        app.Settings["Mail:DigestEnabled"] = "false";
        using var http = app.CreateClient();
        Assert.True(app.Services.GetRequiredService<CaseClock>().IsVirtual);
        var clock = app.Services.GetRequiredService<VirtualTimeProvider>();
        Assert.Same(clock, app.Services.GetRequiredService<TimeProvider>());

        var start = (await http.GetFromJsonAsync<ClockDto>("/dev/clock", _ct))!.Now;
        Assert.InRange(start - TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(-5), TimeSpan.FromSeconds(1));

        using (var threeDays = await http.PostAsJsonAsync("/dev/clock/advance", new { by = "P3D" }, _ct))
        {
            Assert.Equal(HttpStatusCode.OK, threeDays.StatusCode);
            var now = (await threeDays.Content.ReadFromJsonAsync<ClockDto>(_ct))!.Now;
            Assert.InRange(now - start, TimeSpan.FromDays(3), TimeSpan.FromDays(3) + TimeSpan.FromSeconds(5));
        }

        foreach (var (body, field) in new (object, string)[]
        {
            (new { to = start.AddDays(1).ToString("O") }, "to"),
            (new { by = "-P1D" }, "by"),
            (new { by = "three days" }, "by"),
            (new { }, ""),
            (new { by = "P1D", to = start.AddDays(9).ToString("O") }, ""),
        })
        {
            using var refused = await http.PostAsJsonAsync("/dev/clock/advance", body, _ct);
            var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest, _ct);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors.{field} in {problem}");
        }

        // A signal received now: its reminders and escalations come due as the clock moves on two weeks.
        var staff = app.Services.GetRequiredService<CredentialStore>();
        foreach (var member in NotificationHarness.Staff)
        {
            await staff.UpsertStaffAsync(member, _ct);
        }

        var client = app.Services.GetRequiredService<CaseClient>();
        await client.StartAsync(Domain.Signals.SignalOrchestration.TypeName, "sig-demo", NotificationHarness.SignalIntake("sig-demo"), "demo-corp-a", _ct);
        var to = clock.GetUtcNow().AddDays(14);
        using (var twoWeeks = await http.PostAsJsonAsync("/dev/clock/advance", new { to = to.ToString("O") }, _ct))
        {
            Assert.Equal(HttpStatusCode.OK, twoWeeks.StatusCode);
            var answer = (await twoWeeks.Content.ReadFromJsonAsync<ClockDto>(_ct))!;
            Assert.InRange(answer.Now - to, TimeSpan.Zero, TimeSpan.FromSeconds(5));
            Assert.True(answer.TimersDue > 0, "timers came due");
        }

        await Eventually.TrueAsync(
            async () => (await client.GetHistoryAsync("sig-demo", _ct)).Count(h => h.What == "notification-sent") >= 2,
            because: "the reminders and escalations due in those two weeks went out", cancellationToken: _ct);
        Assert.NotEmpty(Directory.GetFiles(mail, "*.eml"));
    }

    [Theory]
    [InlineData("Production", "Virtual")]
    [InlineData("Development", "Real")]
    [InlineData("Development", null)]
    public async Task Clock_routes_do_not_exist_unless_Development_runs_the_virtual_clock(string environment, string? mode)
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = environment };
        app.Settings["Clock:Mode"] = mode;
        app.Settings["Mail:DigestEnabled"] = "false";
        using var http = app.CreateClient();

        using var advance = await http.PostAsJsonAsync("/dev/clock/advance", new { by = "P3D" }, _ct);
        using var get = await http.GetAsync(new Uri("/dev/clock", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.NotFound, advance.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Theory]
    [InlineData("WEBSITE_INSTANCE_ID")]
    [InlineData("WEBSITE_SITE_NAME")]
    public void Clock_is_never_virtual_on_Azure_even_when_misconfigured_as_Development(string marker)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Clock:Mode"] = "Virtual" }).Build();
        var development = new TestEnvironment("Development");

        Assert.True(ClockOptions.IsVirtual(configuration, development, _ => null));
        Assert.False(ClockOptions.IsVirtual(configuration, development, name => name == marker ? "set-by-azure" : null));
    }

    [Theory]
    [InlineData("Development", "Virtual", true)]
    [InlineData("Development", "virtual", true)]
    [InlineData("Production", "Virtual", false)]
    [InlineData("Staging", "Virtual", false)]
    [InlineData("Development", "Real", false)]
    [InlineData("Development", null, false)]
    public void Host_clock_is_virtual_only_in_Development_with_Clock_Mode_Virtual(string environment, string? mode, bool expectVirtual)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Clock:Mode"] = mode }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddDevClock(configuration, new TestEnvironment(environment));
        using var provider = services.BuildServiceProvider();

        var clock = provider.GetRequiredService<TimeProvider>();

        Assert.Equal(expectVirtual, clock is VirtualTimeProvider);
    }

    [Fact]
    public void Virtual_clock_runs_with_real_time_and_never_goes_back()
    {
        var clock = new VirtualTimeProvider();
        var before = clock.GetUtcNow();

        var after = clock.Advance(TimeSpan.FromDays(2));

        Assert.InRange(after - before, TimeSpan.FromDays(2), TimeSpan.FromDays(2) + TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromDays(2), clock.Offset);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task A_week_advanced_at_once_sends_a_digest_on_each_working_day_and_each_mail_when_it_fell_due()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString)
        {
            Environment = "Development",
            OwnClock = false,
            ConfigureServices = services => services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<VirtualTimeProvider>()),
        };
        app.Settings["Clock:Mode"] = "Virtual";
        app.Settings["Mail:Directory"] = _mail;
        app.Settings["Mail:DigestEnabled"] = "true";
        using var http = app.CreateClient();
        var clock = app.Services.GetRequiredService<VirtualTimeProvider>();
        var calendar = app.Services.GetRequiredService<Workflows.Application.Policy.CasePolicy>().Calendar();
        var staff = app.Services.GetRequiredService<CredentialStore>();
        foreach (var member in NotificationHarness.Staff)
        {
            await staff.UpsertStaffAsync(member, _ct);
        }

        // An untriaged signal: its team sees the overdue triage step in every digest, and it escalates.
        var client = app.Services.GetRequiredService<CaseClient>();
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
            () => Task.FromResult(Mailed("digest.*." + NotificationHarness.Coordinator).Count >= expected.Count),
            because: "the last digest has been written", cancellationToken: _ct);
        var digests = Mailed("digest.*." + NotificationHarness.Coordinator);
        Assert.Equal(
            expected.Select(d => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture)),
            digests.Select(m => m.Reference.Split('.')[1]).Order(StringComparer.Ordinal));
        foreach (var (sentAt, reference) in digests)
        {
            // Written at that morning's 08:00 (plus the real seconds the step took), not at the end of the week.
            var day = DateOnly.ParseExact(reference.Split('.')[1], "yyyyMMdd", CultureInfo.InvariantCulture);
            Assert.InRange(sentAt - DutchTime.AtLocal(day, DigestOrchestration.At), TimeSpan.Zero, TimeSpan.FromMinutes(1));
        }

        var escalations = Mailed("sig-week.escalation.*");
        Assert.NotEmpty(escalations);
        Assert.All(escalations, m => Assert.True(m.SentAt < target.AddDays(-1), $"escalation written at {m.SentAt:O}, before the week ended"));
    }

    /// <summary>The mails written so far whose reference matches; the file name is "{sent at}-{reference}.eml".</summary>
    private List<(DateTimeOffset SentAt, string Reference)> Mailed(string referencePattern)
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

    private sealed record ClockDto(DateTimeOffset Now, string Offset, int? TimersDue);

    private sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Workflows.LocalHost";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
