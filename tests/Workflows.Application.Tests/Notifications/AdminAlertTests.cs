using Microsoft.Extensions.DependencyInjection;
using Workflows.Domain.Decisions;
using Workflows.Application.Auth;
using Workflows.Application.Notifications;
using Workflows.Orchestrations.Activities;
using Workflows.Testing;

namespace Workflows.Application.Tests.Notifications;

/// <summary>
/// ARCHITECTURE §5.4: when an activity of a case has spent its retries, the case records it and carries on, and
/// the admins get an "alert-admins" mail naming the case, the activity and the error (ids only), once each.
/// </summary>
public sealed class AdminAlertTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Admin = "beheer-1";
    private const string AdminEmail = "beheer@gemeente.example";

    /// <summary>Friday 6 Nov 08:00 in Zaanstad: the first-contact reminder of a signal received on the factory's Monday.</summary>
    private static readonly DateTimeOffset FirstContactReminder = new(2026, 11, 6, 7, 0, 0, TimeSpan.Zero);

    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task A_notification_that_spent_its_retries_is_recorded_in_the_case_and_alerts_each_admin_once_with_ids_only()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        // The provider fails every attempt of the reminder (ten here), then takes the alert after its Retry-After,
        // which the runtime's retry waits out.
        sendGrid.Script(FakeAnswer.ServerError, times: 10);
        sendGrid.Script(FakeAnswer.TooManyRequests, retryAfterSeconds: 1);
        await using var harness = await NotificationHarness.StartAsync(azurite.ConnectionString, sendGrid, _ct,
            settings: s =>
            {
                s["Cases:ActivityMaxAttempts"] = "10";
            });
        await harness.App.Services.GetRequiredService<CredentialStore>().UpsertStaffAsync(
            new StaffMember(Admin, StaffRole.Admin, new HashSet<string>(), null, AdminEmail), _ct);
        await harness.StartSignalAsync("sig-gave-up", NotificationHarness.Coordinator, _ct);

        await harness.AdvanceToAsync(FirstContactReminder, _ct);

        await Eventually.TrueAsync(async () => (await harness.HistoryAsync("sig-gave-up", "notification-failed", _ct)).Count > 0,
            because: "the case records the notification that spent its retries", cancellationToken: _ct);
        // A liveness wait: under a loaded machine the alert's retries take longer than the default 30 s allows.
        await Eventually.TrueAsync(() => Task.FromResult(sendGrid.Accepted.Any(a => a.CustomArg("template") == "activity-failed")),
            TimeSpan.FromSeconds(90), because: "the admins are alerted", cancellationToken: _ct);
        await harness.DrainedAsync(_ct);

        var failed = (await harness.HistoryAsync("sig-gave-up", "notification-failed", _ct)).Single();
        var activityId = failed.GetProperty("activityId").GetString()!;
        var error = failed.GetProperty("error").GetString()!;
        Assert.Equal("notify", failed.GetProperty("activity").GetString());
        var reminders = sendGrid.Attempts.Where(a => a.CustomArg("template") == "reminder").ToList();
        Assert.Equal(Enumerable.Repeat(FakeAnswer.ServerError, 10), reminders.Select(r => r.Answer));
        Assert.Empty(await harness.HistoryAsync("sig-gave-up", "notification-sent", _ct));

        // The alert: to the admin, after one throttled try, naming the case, the activity and the error; nothing else.
        var alerts = sendGrid.Attempts.Where(a => a.CustomArg("template") == "activity-failed").ToList();
        Assert.Equal([FakeAnswer.TooManyRequests, FakeAnswer.Accept], alerts.Select(a => a.Answer));
        var alert = Assert.Single(sendGrid.Accepted, a => a.CustomArg("template") == "activity-failed");
        Assert.Equal(AdminEmail, alert.To);
        Assert.Equal(("sig-gave-up", activityId), (alert.CustomArg("case"), alert.CustomArg("activity")));
        Assert.Equal("Actie mislukt: notify van signaal huurachterstand sig-gave-up", alert.Subject);
        var text = alert.Content("text/plain");
        Assert.Contains($"\"notify\" ({activityId})", text, StringComparison.Ordinal);
        Assert.Contains(error, text, StringComparison.Ordinal);
        Assert.Contains($"{NotificationHarness.BaseUrl}/cases/signal/sig-gave-up", text, StringComparison.Ordinal);
        Assert.DoesNotContain(NotificationHarness.EmailOf(NotificationHarness.Coordinator), alert.Everything, StringComparison.Ordinal);
        Assert.DoesNotContain(NotificationHarness.PersonalData, p => alert.Payload.GetRawText().Contains(p, StringComparison.OrdinalIgnoreCase));

        // The case carries on: its next step's timers are still there.
        var status = await harness.Client.GetStatusAsync("sig-gave-up", _ct);
        Assert.Equal(Orchestrations.Client.RuntimeStatus.Running, status!.RuntimeStatus);
        Assert.NotEmpty(status.Timers);

        // At least once: the alert run again (same activity id) finds the admin alerted in the ledger and mails nobody.
        var handler = harness.App.Services.GetServices<IActivityHandler>().Single(h => h.Name == AdminAlert.ActivityName);
        var input = new AdminAlert("sig-gave-up", "signal", "notify", activityId, error);
        var again = (AdminAlertResult)(await handler.ExecuteAsync(new ActivityContext("sig-gave-up", $"{activityId}.alert", DomainJson.ToElement(input), 2), _ct))!;
        Assert.Equal([Admin], again.Alerted);
        Assert.Single(sendGrid.Accepted, a => a.CustomArg("template") == "activity-failed");
        Assert.Equal(2, sendGrid.Attempts.Count(a => a.CustomArg("template") == "activity-failed"));
    }

    [Fact]
    public async Task A_case_without_a_page_is_named_by_type_and_id_and_without_admins_nobody_is_mailed()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var harness = await NotificationHarness.StartAsync(azurite.ConnectionString, sendGrid, _ct);
        var handler = harness.App.Services.GetServices<IActivityHandler>().Single(h => h.Name == AdminAlert.ActivityName);
        var input = DomainJson.ToElement(new AdminAlert("digest-scheduler", "digest", "send-digests", "digest-scheduler.digest.20261110", "System.TimeoutException"));

        // No admin with an email address: the error log is the only trace.
        var nobody = (AdminAlertResult)(await handler.ExecuteAsync(new ActivityContext("digest-scheduler", "a1.alert", input, 1), _ct))!;
        Assert.Empty(nobody.Alerted);
        Assert.Empty(sendGrid.Attempts);

        await harness.App.Services.GetRequiredService<CredentialStore>().UpsertStaffAsync(
            new StaffMember(Admin, StaffRole.Admin, new HashSet<string>(), null, AdminEmail), _ct);
        await harness.App.Services.GetRequiredService<CredentialStore>().UpsertStaffAsync(
            new StaffMember("beheer-2", StaffRole.Admin, new HashSet<string>(), null, "beheer2@gemeente.example"), _ct);
        var result = (AdminAlertResult)(await handler.ExecuteAsync(new ActivityContext("digest-scheduler", "a1.alert", input, 1), _ct))!;

        Assert.Equal([Admin, "beheer-2"], result.Alerted.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { AdminEmail, "beheer2@gemeente.example" }.Order(StringComparer.Ordinal), sendGrid.Accepted.Select(a => a.To).Order(StringComparer.Ordinal));
        var alert = sendGrid.Accepted[0];
        Assert.Equal("Actie mislukt: send-digests van digest digest-scheduler", alert.Subject);
        Assert.Contains("\"send-digests\" (digest-scheduler.digest.20261110)", alert.Content("text/plain"), StringComparison.Ordinal);
        Assert.Contains("System.TimeoutException", alert.Content("text/plain"), StringComparison.Ordinal);
        Assert.DoesNotContain("/cases/", alert.Everything, StringComparison.Ordinal);
    }
}
