using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Workflows.Domain.Signals;
using Workflows.Application.Auth;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Notifications;

/// <summary>
/// RULES §3 "each due date offered as a calendar item": one stable UID per case step, a SEQUENCE that grows, so
/// a moved deadline updates the entry and a voided step cancels it; cancellations reach whoever got the
/// reminder, and preferences decide who gets reminders (escalations always go).
/// </summary>
public sealed class CalendarItemTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset FirstContactReminder = new(2026, 11, 6, 7, 0, 0, TimeSpan.Zero); // Fri 6 Nov 08:00 local
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task Moved_deadline_updates_the_same_calendar_item_and_closing_the_case_cancels_it()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var harness = await NotificationHarness.StartAsync(azurite.ConnectionString, sendGrid, _ct);
        await harness.StartSignalAsync("sig-ics", NotificationHarness.Coordinator, _ct);
        await harness.AdvanceToAsync(FirstContactReminder, _ct);
        var first = await SingleAsync(sendGrid, "reminder", "first-contact", 1);

        // Extension (Awb 4:14(3)) to Friday 20 Nov: the reminder follows the new date, 1 working day before.
        await harness.Client.RaiseEventAsync("sig-ics", SignalEvents.StepExtended,
            new SignalEventPayload { Step = SignalPlan.FirstContact, Date = new DateOnly(2026, 11, 20), Reason = "wacht op verhuurder" }, NotificationHarness.Coordinator, null, _ct);
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 11, 19, 7, 0, 0, TimeSpan.Zero), _ct);
        var second = await SingleAsync(sendGrid, "reminder", "first-contact", 2);

        await harness.Client.RaiseEventAsync("sig-ics", SignalEvents.Closed, new SignalEventPayload { Outcome = SignalOutcome.Other }, NotificationHarness.Coordinator, null, _ct);
        var cancel = await SingleAsync(sendGrid, "cancellation", "first-contact", 1);

        var (uid1, seq1) = (Property(first.Calendar!, "UID"), Sequence(first.Calendar!));
        var (uid2, seq2) = (Property(second.Calendar!, "UID"), Sequence(second.Calendar!));
        var (uid3, seq3) = (Property(cancel.Calendar!, "UID"), Sequence(cancel.Calendar!));
        Assert.Equal("sig-ics.first-contact@workflows", uid1);
        Assert.Equal(uid1, uid2);
        Assert.Equal(uid1, uid3);
        Assert.True(seq2 > seq1, $"SEQUENCE {seq2} after {seq1}");
        Assert.True(seq3 > seq2, $"SEQUENCE {seq3} after {seq2}");
        Assert.Equal("REQUEST", Property(first.Calendar!, "METHOD"));
        Assert.Equal("20261109", Property(first.Calendar!, "DTSTART;VALUE=DATE"));
        Assert.Equal("20261120", Property(second.Calendar!, "DTSTART;VALUE=DATE"));
        Assert.Equal("CANCEL", Property(cancel.Calendar!, "METHOD"));
        Assert.Equal("CANCELLED", Property(cancel.Calendar!, "STATUS"));
        Assert.Equal("20261120", Property(cancel.Calendar!, "DTSTART;VALUE=DATE"));
        Assert.Equal(NotificationHarness.EmailOf(NotificationHarness.Coordinator), cancel.To);
        Assert.StartsWith("Vervallen: Eerste contactpoging", cancel.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_only_staff_get_no_reminders_but_escalations_and_cancellations_follow_who_got_the_reminder()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var harness = await NotificationHarness.StartAsync(azurite.ConnectionString, sendGrid, _ct, environment: "Development");
        var key = await harness.App.IssueKeyAsync(
            TestCallers.Staff(NotificationHarness.OtherCoordinator, StaffRole.Coordinator, NotificationHarness.Zaanstad, NotificationHarness.Team),
            _ct, email: NotificationHarness.EmailOf(NotificationHarness.OtherCoordinator));
        using var http = harness.App.CreateClient().WithApiKey(key);

        Assert.Equal("digest-and-reminders", (await http.GetFromJsonAsync<PreferenceDto>("/api/v1/me/notification-preference", _ct))!.Preference);
        using (var bad = await http.PutAsJsonAsync("/api/v1/me/notification-preference", new { preference = "never" }, _ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("preference", await bad.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal);
        }

        using (var ok = await http.PutAsJsonAsync("/api/v1/me/notification-preference", new { preference = "digest-only" }, _ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Equal("digest-only", (await http.GetFromJsonAsync<PreferenceDto>("/api/v1/me/notification-preference", _ct))!.Preference);
        using (var anonymous = await harness.App.CreateClient().PutAsJsonAsync("/api/v1/me/notification-preference", new { preference = "digest-only" }, _ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        // No assignee: the team hears the assignee's reminder, except who chose the digest only.
        await harness.StartSignalAsync("sig-team", assignee: null, _ct);
        await harness.AdvanceToAsync(FirstContactReminder, _ct);
        await Eventually.TrueAsync(async () => (await harness.HistoryAsync("sig-team", "notification-sent", _ct)).Count == 1, because: "the reminder goes out", cancellationToken: _ct);
        var reminded = sendGrid.Accepted.Where(a => a.CustomArg("template") == "reminder").Select(a => a.To).Order().ToList();
        Assert.Equal([NotificationHarness.EmailOf(NotificationHarness.Coordinator), NotificationHarness.EmailOf(NotificationHarness.TeamLead)], reminded);

        // Overdue: the escalation goes to the team lead at once, whatever the preference.
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 11, 9, 23, 0, 0, TimeSpan.Zero), _ct);
        var escalation = await SingleAsync(sendGrid, "escalation", "first-contact", 1);
        Assert.Equal(NotificationHarness.EmailOf(NotificationHarness.TeamLead), escalation.To);
        Assert.StartsWith("Escalatie: Eerste contactpoging", escalation.Subject, StringComparison.Ordinal);
        Assert.Null(escalation.Calendar);

        await harness.Client.RaiseEventAsync("sig-team", SignalEvents.Withdrawn, new SignalEventPayload(), "demo-corp-a", null, _ct);
        await Eventually.TrueAsync(
            () => Task.FromResult(sendGrid.Accepted.Count(a => a.CustomArg("template") == "cancellation" && a.CustomArg("step") == "first-contact") == 2),
            because: "both who got the reminder get its cancellation", cancellationToken: _ct);
        var cancelled = sendGrid.Accepted.Where(a => a.CustomArg("template") == "cancellation" && a.CustomArg("step") == "first-contact").Select(a => a.To).Order().ToList();
        Assert.Equal(reminded, cancelled);
        await harness.DrainedAsync(_ct);
        Assert.DoesNotContain(sendGrid.Accepted, a => a.To == NotificationHarness.EmailOf(NotificationHarness.OtherCoordinator));
    }

    private async Task<FakeAttempt> SingleAsync(FakeSendGrid sendGrid, string template, string step, int nth)
    {
        IReadOnlyList<FakeAttempt> Matching() => [.. sendGrid.Accepted.Where(a => a.CustomArg("template") == template && a.CustomArg("step") == step)];
        await Eventually.TrueAsync(() => Task.FromResult(Matching().Count >= nth), because: $"{template} #{nth} of {step} goes out", cancellationToken: _ct);
        return Matching()[nth - 1];
    }

    private static string Property(string ics, string name) =>
        ics.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..];

    private static int Sequence(string ics) => int.Parse(Property(ics, "SEQUENCE"), CultureInfo.InvariantCulture);

    private sealed record PreferenceDto(string Preference);
}
