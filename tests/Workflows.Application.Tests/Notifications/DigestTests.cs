using Microsoft.Extensions.DependencyInjection;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Application.Notifications;
using Workflows.Testing;

namespace Workflows.Application.Tests.Notifications;

/// <summary>
/// RULES §3: a daily digest per person at 08:00 on working days with overdue, due today and due this week,
/// across both kinds of case, scheduled durably by the digest orchestration and sent once per person per day.
/// </summary>
public sealed class DigestTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Coordinator = NotificationHarness.Coordinator;
    private const string Other = NotificationHarness.OtherCoordinator;
    private const string Lead = NotificationHarness.TeamLead;

    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Theory]
    [InlineData("2026-11-02T08:00:00Z", "2026-11-03T07:00:00Z")] // Monday 09:00 → Tuesday 08:00 (CET)
    [InlineData("2026-11-02T06:59:00Z", "2026-11-02T07:00:00Z")] // Monday 07:59 → the same morning
    [InlineData("2026-11-06T07:00:00Z", "2026-11-09T07:00:00Z")] // Friday 08:00 → Monday
    [InlineData("2026-12-24T09:00:00Z", "2026-12-28T07:00:00Z")] // Christmas and Boxing Day are not working days
    [InlineData("2027-03-26T08:00:00Z", "2027-03-30T06:00:00Z")] // Good Friday → Easter Monday off → Tuesday, summer time (CEST)
    public void Next_digest_is_at_0800_Amsterdam_on_the_next_working_day(string now, string expected)
    {
        var next = DigestOrchestration.NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), new Domain.Calendar.WorkingDayCalendar());

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public async Task Digest_groups_both_kinds_of_case_per_person_and_goes_out_once_per_working_day()
    {
        await using var harness = await NotificationHarness.StartAsync(azurite.ConnectionString, sendGrid: null, _ct, digest: true);
        await Eventually.TrueAsync(async () => await harness.Client.GetStatusAsync(DigestOrchestration.InstanceId, _ct) is { RuntimeStatus: RuntimeStatus.Running },
            because: "the host starts the digest schedule", cancellationToken: _ct);
        await harness.StartSignalAsync("sig-mine", Coordinator, _ct);       // assigned to coord-a
        await harness.StartSignalAsync("sig-team", assignee: null, _ct);    // the whole team's
        await harness.StartTrajectoryAsync("traj-b", Other, notified: new DateOnly(2026, 11, 2), release: new DateOnly(2026, 11, 20), _ct);

        // Downtime: the host comes back on Tuesday 10 November 08:00, a week late. Business time jumps (not timer by
        // timer), so the schedule's timer (due Tuesday 3rd) fires late: once, for today, not once per missed day.
        await harness.DrainedAsync(_ct);
        harness.App.Clock.Advance(new DateTimeOffset(2026, 11, 10, 7, 0, 0, TimeSpan.Zero) - harness.App.Clock.GetUtcNow());
        await harness.DrainedAsync(_ct);
        var tuesday = await DigestsAsync(harness, "dinsdag 10 november 2026", 3);
        Assert.Equal(3, Digests(harness).Count); // none for the days missed

        var mine = tuesday[NotificationHarness.EmailOf(Coordinator)];
        Assert.Contains("/cases/signal/sig-mine", mine.Text, StringComparison.Ordinal);
        Assert.Contains("/cases/signal/sig-team", mine.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("traj-b", mine.Text, StringComparison.Ordinal);
        var (overdue, today, week) = Sections(mine.Text);
        Assert.Contains("Eerste contactpoging: signaal huurachterstand sig-mine, termijn maandag 9 november 2026", overdue, StringComparison.Ordinal);
        Assert.Contains("Eerste contactpoging: signaal huurachterstand sig-team", overdue, StringComparison.Ordinal);
        Assert.Contains("Hulp aangeboden: signaal huurachterstand sig-mine, termijn maandag 16 november 2026", week, StringComparison.Ordinal);
        Assert.Contains("geen", today, StringComparison.Ordinal);

        var other = tuesday[NotificationHarness.EmailOf(Other)];
        Assert.Contains("/cases/trajectory/traj-b", other.Text, StringComparison.Ordinal);
        Assert.Contains("/cases/signal/sig-team", other.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("sig-mine", other.Text, StringComparison.Ordinal);
        Assert.Contains("Huisvesting / opvang geregeld: nazorgtraject traj-b, termijn vrijdag 6 november 2026", Sections(other.Text).Overdue, StringComparison.Ordinal);
        Assert.Contains("Intake / screening: nazorgtraject traj-b, termijn maandag 16 november 2026", Sections(other.Text).Week, StringComparison.Ordinal);

        // The team lead: team steps, and the team's overdue steps that are someone else's.
        var lead = tuesday[NotificationHarness.EmailOf(Lead)];
        Assert.Contains("/cases/signal/sig-team", lead.Text, StringComparison.Ordinal);
        var team = lead.Text[lead.Text.IndexOf("Te laat in uw team", StringComparison.Ordinal)..];
        Assert.Contains("sig-mine", team, StringComparison.Ordinal);
        Assert.Contains("traj-b", team, StringComparison.Ordinal);

        await Eventually.TrueAsync(async () => (await harness.HistoryAsync(DigestOrchestration.InstanceId, "digests-sent", _ct)).Count == 1,
            because: "the schedule records the run", cancellationToken: _ct);
        var sent = (await harness.HistoryAsync(DigestOrchestration.InstanceId, "digests-sent", _ct))[0];
        Assert.Equal("2026-11-10", sent.GetProperty("date").GetString());
        Assert.Equal([Coordinator, Other, Lead], sent.GetProperty("recipients").EnumerateArray().Select(e => e.GetString()).Order());

        // The next working day's digest, and not a second one for Tuesday when the run repeats (at least once).
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 11, 11, 7, 0, 0, TimeSpan.Zero), _ct);
        await DigestsAsync(harness, "woensdag 11 november 2026", 3);
        var activity = harness.App.Services.GetServices<IActivityHandler>().Single(h => h.Name == DigestRun.ActivityName);
        await activity.ExecuteAsync(new ActivityContext(DigestOrchestration.InstanceId, "digest-scheduler.digest.20261110", DomainJson.ToElement(new DigestRun(new DateOnly(2026, 11, 10))), 2), _ct);
        await harness.DrainedAsync(_ct);
        Assert.Equal(3, Digests(harness).Count(d => d.Subject.Contains("dinsdag 10 november 2026", StringComparison.Ordinal)));
        Assert.Equal(3, Digests(harness).Count(d => d.Subject.Contains("woensdag 11 november 2026", StringComparison.Ordinal)));

        // Saturday: no digest.
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 11, 14, 7, 0, 0, TimeSpan.Zero), _ct);
        await harness.DrainedAsync(_ct);
        Assert.DoesNotContain(Digests(harness), d => d.Subject.Contains("zaterdag", StringComparison.Ordinal));
    }

    private async Task<Dictionary<string, EmlMail>> DigestsAsync(NotificationHarness harness, string day, int count)
    {
        await Eventually.TrueAsync(() => Task.FromResult(Digests(harness).Count(d => d.Subject.Contains(day, StringComparison.Ordinal)) == count),
            because: $"{count} digests for {day}", cancellationToken: _ct);
        return Digests(harness).Where(d => d.Subject.Contains(day, StringComparison.Ordinal)).ToDictionary(d => d.To);
    }

    private static List<EmlMail> Digests(NotificationHarness harness) =>
        [.. harness.MailFiles().Select(EmlMail.Load).Where(m => m.Subject.StartsWith("Dagoverzicht", StringComparison.Ordinal))];

    private static (string Overdue, string Today, string Week) Sections(string text)
    {
        var overdue = text.IndexOf("\nTe laat (", StringComparison.Ordinal);
        var today = text.IndexOf("\nVandaag (", StringComparison.Ordinal);
        var week = text.IndexOf("\nDeze week (", StringComparison.Ordinal);
        var end = text.IndexOf("\nTe laat in uw team", StringComparison.Ordinal) is var t and >= 0 ? t : text.Length;
        return (text[overdue..today], text[today..week], text[week..end]);
    }
}
