using Workflows.Domain.Signals;
using Workflows.Domain.Trajectories;
using Workflows.Testing;

namespace Workflows.Application.Tests.Notifications;

/// <summary>
/// RULES §2 "Personal data": reminders carry a case reference, the step and the due date, and a link; never names,
/// addresses, dates of birth, BSN, phone, email or detention details. Cases full of personal data run for weeks
/// of virtual time through every template (reminder, escalation incl. the ZVH contact, cancellation, digest),
/// and no email may hold any of it.
/// </summary>
public sealed class PersonalDataTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(180));

    [Fact]
    public async Task No_email_of_any_template_contains_any_personal_field_of_a_case()
    {
        await using var harness = await NotificationHarness.StartAsync(azurite.ConnectionString, sendGrid: null, _ct, digest: true);
        await harness.StartSignalAsync("sig-pd-1", NotificationHarness.Coordinator, _ct);
        await harness.StartSignalAsync("sig-pd-urgent", assignee: null, _ct, stage: EvictionStage.Judgment);
        await harness.StartTrajectoryAsync("traj-pd-1", NotificationHarness.OtherCoordinator, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 27), _ct, highRisk: true);

        // Three weeks, one working morning at a time: reminders, escalations, digests.
        for (var day = new DateTimeOffset(2026, 11, 3, 7, 0, 0, TimeSpan.Zero); day <= new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.Zero); day = day.AddDays(1))
        {
            await harness.AdvanceToAsync(day, _ct);
            await harness.DrainedAsync(_ct);
        }

        // Moved and voided deadlines: updated calendar items and cancellations.
        await harness.Client.RaiseEventAsync("traj-pd-1", TrajectoryEvents.ReleaseDateChanged,
            new TrajectoryEventPayload { Date = new DateOnly(2027, 2, 15) }, NotificationHarness.OtherCoordinator, null, _ct);
        await harness.Client.RaiseEventAsync("sig-pd-1", SignalEvents.Closed, new SignalEventPayload { Outcome = SignalOutcome.Other }, NotificationHarness.Coordinator, null, _ct);
        await harness.Client.RaiseEventAsync("sig-pd-urgent", SignalEvents.Withdrawn, new SignalEventPayload(), "demo-corp-a", null, _ct);
        await harness.DrainedAsync(_ct);

        var mails = harness.MailFiles().Select(EmlMail.Load).ToList();
        var templates = mails.Select(m => m.Headers.Split('\n').Single(h => h.StartsWith("X-Workflows-Template: ", StringComparison.Ordinal))[22..]).ToHashSet();
        Assert.Superset(new HashSet<string> { "reminder", "escalation", "cancellation", "digest" }, templates);
        Assert.Contains(mails, m => m.To == "zvh@zaanstreek.example" && m.Subject.StartsWith("Escalatie:", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.Calendar?.Contains("METHOD:CANCEL", StringComparison.Ordinal) == true);
        foreach (var mail in mails)
        {
            foreach (var value in NotificationHarness.PersonalData)
            {
                Assert.False(mail.Everything.Contains(value, StringComparison.OrdinalIgnoreCase), $"'{value}' appears in the email \"{mail.Subject}\" to {mail.To}.");
            }
        }
    }
}
