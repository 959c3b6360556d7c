using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Domain.Signals;
using Workflows.Application.Auth;
using Workflows.Orchestrations.Activities;
using Workflows.Testing;

namespace Workflows.Application.Tests.Notifications;

/// <summary>
/// ARCHITECTURE §6 "Email" through SendGrid (a local fake on a free port): what goes over the wire, and retries
/// that are the engine's own, durable activity retries: 429 honours Retry-After, 5xx backs off, an outage of
/// the provider loses and doubles nothing, and a 400 is not retried but recorded in the case.
/// </summary>
public sealed class SendGridDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Monday 2 Nov 2026 09:00 in Zaanstad: the factory's clock. First contact is due Monday 9 Nov.</summary>
    private static readonly DateTimeOffset FirstContactReminder = new(2026, 11, 6, 7, 0, 0, TimeSpan.Zero); // Fri 08:00 local

    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task Reminder_goes_to_SendGrid_with_bearer_key_text_html_calendar_item_and_tracing_args()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var harness = await NotificationHarness.StartAsync(azurite.ConnectionString, sendGrid, _ct);
        await harness.StartSignalAsync("sig-wire", NotificationHarness.Coordinator, _ct);

        await harness.AdvanceToAsync(FirstContactReminder, _ct);

        await Eventually.TrueAsync(() => Task.FromResult(sendGrid.Accepted.Count == 1), because: "the reminder goes out", cancellationToken: _ct);
        var mail = sendGrid.Accepted[0];
        Assert.Equal($"Bearer {FakeSendGrid.ApiKey}", mail.Authorization);
        Assert.Equal(NotificationHarness.EmailOf(NotificationHarness.Coordinator), mail.To);
        Assert.Equal("Herinnering: Eerste contactpoging (signaal huurachterstand sig-wire) uiterlijk maandag 9 november 2026", mail.Subject);
        Assert.Equal(["text/plain", "text/html"], mail.ContentTypes);
        Assert.Contains($"{NotificationHarness.BaseUrl}/cases/signal/sig-wire", mail.Content("text/plain"), StringComparison.Ordinal);
        Assert.Contains($"href=\"{NotificationHarness.BaseUrl}/cases/signal/sig-wire\"", mail.Content("text/html"), StringComparison.Ordinal);
        Assert.Equal(("sig-wire", "first-contact", "reminder"), (mail.CustomArg("case"), mail.CustomArg("step"), mail.CustomArg("template")));
        var attachment = mail.Payload.GetProperty("attachments")[0];
        Assert.Equal("termijn.ics", attachment.GetProperty("filename").GetString());
        Assert.StartsWith("text/calendar", attachment.GetProperty("type").GetString(), StringComparison.Ordinal);
        var ics = mail.Calendar!;
        Assert.Contains("METHOD:REQUEST", ics, StringComparison.Ordinal);
        Assert.Contains("UID:sig-wire.first-contact@workflows", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;VALUE=DATE:20261109", ics, StringComparison.Ordinal);
        Assert.DoesNotContain(NotificationHarness.PersonalData, p => mail.Everything.Contains(p, StringComparison.OrdinalIgnoreCase));

        var sent = await EventuallyHistoryAsync(harness, "sig-wire", "notification-sent");
        Assert.Equal([NotificationHarness.Coordinator], Strings(sent, "recipients"));
        Assert.Equal("reminder", sent.GetProperty("template").GetString());
        Assert.Equal([mail.MessageId!], Strings(sent, "messageIds"));
        Assert.DoesNotContain("@", sent.GetRawText(), StringComparison.Ordinal); // ids, not addresses
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_Retry_After_and_sent_once()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.Script(FakeAnswer.TooManyRequests, retryAfterSeconds: 2);
        await using var harness = await NotificationHarness.StartAsync(azurite.ConnectionString, sendGrid, _ct);
        await harness.StartSignalAsync("sig-429", NotificationHarness.Coordinator, _ct);

        await harness.AdvanceToAsync(FirstContactReminder, _ct);

        await EventuallyHistoryAsync(harness, "sig-429", "notification-sent");
        await harness.DrainedAsync(_ct);
        var attempts = sendGrid.Attempts;
        Assert.Equal([FakeAnswer.TooManyRequests, FakeAnswer.Accept], attempts.Select(a => a.Answer));
        // The engine's back-off here is 50-250 ms; the wait is the provider's Retry-After.
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {attempts[1].At - attempts[0].At}");
    }

    [Fact]
    public async Task Server_errors_are_retried_with_back_off_and_exactly_one_send_is_accepted()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.Script(FakeAnswer.ServerError, times: 3);
        await using var harness = await NotificationHarness.StartAsync(azurite.ConnectionString, sendGrid, _ct);
        await harness.StartSignalAsync("sig-500", NotificationHarness.Coordinator, _ct);

        await harness.AdvanceToAsync(FirstContactReminder, _ct);

        var sent = await EventuallyHistoryAsync(harness, "sig-500", "notification-sent");
        await harness.DrainedAsync(_ct);
        Assert.Equal([FakeAnswer.ServerError, FakeAnswer.ServerError, FakeAnswer.ServerError, FakeAnswer.Accept], sendGrid.Attempts.Select(a => a.Answer));
        var accepted = Assert.Single(sendGrid.Accepted);
        Assert.Equal([accepted.MessageId!], Strings(sent, "messageIds"));
        Assert.Single(await harness.HistoryAsync("sig-500", "notification-sent", _ct));
    }

    [Fact]
    public async Task Provider_down_for_a_long_stretch_queues_every_notification_and_sends_each_exactly_once_when_back()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.Default = FakeAnswer.Down;
        // Retries up to a second apart (a hundred attempts outlast the outage), and business time moves on while
        // they go on: the clock does not wait for the stuck notifications to settle, as real time would not.
        await using var harness = await NotificationHarness.StartAsync(azurite.ConnectionString, sendGrid, _ct,
            settings: s => s["Cases:ActivityMaxRetryInterval"] = "00:00:01", settleLimit: TimeSpan.FromSeconds(2));
        string[] cases = ["sig-down-1", "sig-down-2", "sig-down-3"];
        foreach (var id in cases)
        {
            await harness.StartSignalAsync(id, NotificationHarness.Coordinator, _ct);
        }

        // A week of virtual time while the provider is unreachable: first-contact reminders (Fri), their
        // escalations to the team lead (Tue), help-offered reminders (Thu): nine notifications.
        await harness.AdvanceToAsync(FirstContactReminder, _ct);
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 11, 9, 23, 0, 0, TimeSpan.Zero), _ct); // Tue 10 Nov 00:00 local
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 11, 12, 7, 0, 0, TimeSpan.Zero), _ct); // Thu 12 Nov 08:00 local
        await Eventually.TrueAsync(
            () => Task.FromResult(sendGrid.Attempts.Select(a => a.Payload.GetProperty("custom_args").GetProperty("activity").GetString()).Distinct().Count() == 9
                && sendGrid.Attempts.Count >= 9 * 4),
            because: "all nine notifications are tried, and tried again, while the provider is down",
            cancellationToken: _ct);
        Assert.Empty(sendGrid.Accepted);
        foreach (var id in cases)
        {
            Assert.Empty(await harness.HistoryAsync(id, "notification-sent", _ct));
            Assert.Empty(await harness.HistoryAsync(id, "notification-failed", _ct));
        }

        sendGrid.Default = FakeAnswer.Accept;

        foreach (var id in cases)
        {
            await Eventually.TrueAsync(async () => (await harness.HistoryAsync(id, "notification-sent", _ct)).Count == 3,
                because: $"{id}'s reminders and escalation go out once the provider is back", cancellationToken: _ct);
        }

        await harness.DrainedAsync(_ct);
        var accepted = sendGrid.Accepted;
        Assert.Equal(9, accepted.Count);
        Assert.Equal(9, accepted.Select(a => (a.CustomArg("activity"), a.To)).Distinct().Count());
        Assert.Equal(3, accepted.Count(a => a.CustomArg("template") == "escalation" && a.To == NotificationHarness.EmailOf(NotificationHarness.TeamLead)));
        Assert.Equal(6, accepted.Count(a => a.CustomArg("template") == "reminder" && a.To == NotificationHarness.EmailOf(NotificationHarness.Coordinator)));
    }

    [Fact]
    public async Task Bad_request_is_not_retried_the_case_records_notification_failed_and_the_admins_are_alerted()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        // The reminder is refused; the alert to the admin is first throttled, then accepted.
        sendGrid.Script(FakeAnswer.BadRequest);
        sendGrid.Script(FakeAnswer.TooManyRequests);
        await using var harness = await NotificationHarness.StartAsync(azurite.ConnectionString, sendGrid, _ct);
        const string admin = "beheer-1";
        await harness.App.Services.GetRequiredService<CredentialStore>().UpsertStaffAsync(
            new StaffMember(admin, StaffRole.Admin, new HashSet<string>(), null, "beheer@gemeente.example"), _ct);
        await harness.StartSignalAsync("sig-400", NotificationHarness.Coordinator, _ct);

        await harness.AdvanceToAsync(FirstContactReminder, _ct);

        var failed = await EventuallyHistoryAsync(harness, "sig-400", "notification-failed");
        await harness.DrainedAsync(_ct);
        var reminders = sendGrid.Attempts.Where(a => a.CustomArg("template") == "reminder").ToList();
        Assert.Single(reminders);
        Assert.Equal(FakeAnswer.BadRequest, reminders[0].Answer);
        var alert = Assert.Single(sendGrid.Accepted);
        Assert.Equal("delivery-failed", alert.CustomArg("template"));
        Assert.Equal("beheer@gemeente.example", alert.To);
        Assert.Equal("sig-400", alert.CustomArg("case"));
        Assert.Equal(2, sendGrid.Attempts.Count(a => a.CustomArg("template") == "delivery-failed"));
        var alertText = alert.Payload.GetProperty("content")[0].GetProperty("value").GetString()!;
        Assert.Contains($"{NotificationHarness.Coordinator} (400)", alertText, StringComparison.Ordinal);
        Assert.DoesNotContain(NotificationHarness.EmailOf(NotificationHarness.Coordinator), alertText, StringComparison.Ordinal);
        Assert.All(NotificationHarness.PersonalData, personal => Assert.DoesNotContain(personal, alert.Payload.GetRawText(), StringComparison.OrdinalIgnoreCase));
        // Later runs (retrying the throttled alert) found the reminder refused in the ledger and did not send it
        // again (one reminder attempt above). The case records a refusal (not spent retries), by ids only.
        Assert.Equal("notify", failed.GetProperty("activity").GetString());
        Assert.Equal(typeof(ActivityRefusedException).FullName, failed.GetProperty("error").GetString());
        Assert.Equal(reminders[0].CustomArg("activity"), failed.GetProperty("activityId").GetString());
        Assert.DoesNotContain("@", failed.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(await harness.HistoryAsync("sig-400", "notification-sent", _ct));
        // The runtime's own alert-admins for the failed notify ran too (the case drained), and found each admin
        // already told through the ledger: one alert per admin, the one that names the refused staff ids.
        Assert.DoesNotContain(sendGrid.Attempts, a => a.CustomArg("template") == "activity-failed");
    }

    private async Task<JsonElement> EventuallyHistoryAsync(NotificationHarness harness, string caseId, string what)
    {
        await Eventually.TrueAsync(async () => (await harness.HistoryAsync(caseId, what, _ct)).Count > 0, because: $"{caseId} records {what}", cancellationToken: _ct);
        return (await harness.HistoryAsync(caseId, what, _ct))[0];
    }

    private static string[] Strings(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}
