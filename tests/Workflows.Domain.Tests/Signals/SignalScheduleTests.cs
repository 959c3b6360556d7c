using Workflows.Domain.Cases;
using Workflows.Domain.Plans;
using Workflows.Domain.Signals;
using Workflows.Domain.Tests.Support;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Client;
using Workflows.Testing;
using static Workflows.Domain.Tests.Support.Scenario;

namespace Workflows.Domain.Tests.Signals;

/// <summary>Signals driven through months of virtual time against a real engine (RULES §1, §0).</summary>
public sealed class SignalScheduleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task Non_urgent_signal_received_the_Thursday_before_Easter_falls_due_on_working_days_and_closes_unreached()
    {
        await using var scenario = await Scenario.StartAsync(azurite, At("2026-04-02"), c => new SignalOrchestration(c));
        await scenario.Client.StartAsync(SignalOrchestration.TypeName, "sig-1", SignalIntakes.Regular(), "demo-corp-a", _ct);

        var steps = (await scenario.StatusAsync("sig-1")).StateAs<SignalState>().Steps;
        Assert.Equal(new DateOnly(2026, 4, 2), steps[SignalPlan.Triage].Due);
        // Good Friday (3 April) and Easter Monday (6 April) are not working days.
        Assert.Equal(new DateOnly(2026, 4, 13), steps[SignalPlan.FirstContact].Due);
        Assert.Equal(new DateOnly(2026, 4, 20), steps[SignalPlan.HelpOffered].Due);
        Assert.Equal(new DateOnly(2026, 5, 2), steps[SignalPlan.ReachOutClosure].Due);
        Assert.Equal(StepStatus.Waiting, steps[SignalPlan.FirstConversation].Status);

        await scenario.AdvanceToAsync(At("2026-04-10", 7, 59), "sig-1");
        Assert.Equal(["Escalation triage 2026-04-02 -> Team"], scenario.Notify.Lines);
        Assert.Equal(At("2026-04-03", 0), scenario.Notify.Sent.Single().At);

        await scenario.AdvanceToAsync(At("2026-04-10", 8), "sig-1");
        Assert.Equal("Reminder first-contact 2026-04-13 -> Team", scenario.Notify.Lines[^1]);

        await scenario.AdvanceToAsync(At("2026-05-03", 12), "sig-1");
        Assert.Equal(
            [
                "Escalation triage 2026-04-02 -> Team",
                "Reminder first-contact 2026-04-13 -> Team",
                "Escalation first-contact 2026-04-13 -> TeamLead",
                "Reminder help-offered 2026-04-20 -> Team",
                "Escalation help-offered 2026-04-20 -> TeamLead",
            ],
            scenario.Notify.Lines.Take(5));
        Assert.Equal(
            [At("2026-04-03", 0), At("2026-04-10", 8), At("2026-04-14", 0), At("2026-04-16", 8), At("2026-04-21", 0)],
            scenario.Notify.Sent.Take(5).Select(s => s.At));
        // Closing voids the steps whose reminders (and calendar items) went out: their items are cancelled.
        Assert.Equal(
            ["Cancellation first-contact 2026-04-13 -> Team", "Cancellation help-offered 2026-04-20 -> Team"],
            scenario.Notify.Lines.Skip(5).Order(StringComparer.Ordinal));
        var closed = (await scenario.StatusAsync("sig-1")).StateAs<SignalState>();
        Assert.Equal(SignalOutcome.NotReached, closed.Outcome);
        Assert.Equal(CoarseStatus.NotReached, closed.Coarse);
        // Closed by the reach-out timer at its instant (business time runs on with real time: within a minute).
        Assert.InRange(closed.ClosedAt!.Value, At("2026-05-03", 0), At("2026-05-03", 0, 1));

        // Retention [P]/[D]: six months after closure without accepted help, the purge is requested.
        await scenario.AdvanceToAsync(At("2026-11-02", 22), "sig-1"); // closed 3 May 00:00 CEST; +6 months is 2 November 23:00 CET
        Assert.Empty(scenario.Purge.Requests);
        await scenario.AdvanceToAsync(At("2026-11-03", 1), "sig-1");
        var purge = Assert.Single(scenario.Purge.Requests);
        Assert.Equal(["sig-1"], purge.CaseIds);
        Assert.Equal("NotReached", purge.Outcome);
        Assert.Equal("2026-04", purge.Month);
    }

    [Fact]
    public async Task Urgent_signal_received_the_Friday_before_Kings_Day_has_its_first_conversation_in_three_working_days()
    {
        await using var scenario = await Scenario.StartAsync(azurite, At("2026-04-24"), c => new SignalOrchestration(c));
        await scenario.Client.StartAsync(SignalOrchestration.TypeName, "sig-2", SignalIntakes.Urgent(), "demo-corp-a", _ct);
        await scenario.AdvanceToAsync(scenario.Now, "sig-2");
        await scenario.RaiseAsync("sig-2", SignalEvents.Triaged, new SignalEventPayload { Assignee = "coordinator-1" });

        var steps = (await scenario.StatusAsync("sig-2")).StateAs<SignalState>().Steps;
        // King's Day (Monday 27 April) is not a working day; nor is 5 May.
        Assert.Equal(new DateOnly(2026, 4, 28), steps[SignalPlan.FirstContact].Due);
        Assert.Equal(new DateOnly(2026, 4, 30), steps[SignalPlan.FirstConversation].Due);
        Assert.Equal(new DateOnly(2026, 5, 12), steps[SignalPlan.HelpOffered].Due);

        await scenario.RaiseAsync("sig-2", SignalEvents.ContactAttempted, new SignalEventPayload { Channel = ContactChannel.Phone, Reached = true });
        await scenario.AdvanceToAsync(At("2026-05-01", 9), "sig-2");

        Assert.Equal(
            [
                "Reminder first-contact 2026-04-28 -> Team", // its moment (24 April 08:00) had passed: sent at once, before triage named an assignee
                "Reminder first-conversation 2026-04-30 -> Assignee",
                "Escalation first-conversation 2026-04-30 -> TeamLead",
            ],
            scenario.Notify.Lines);
        Assert.Equal([At("2026-04-24", 10), At("2026-04-30", 8), At("2026-05-01", 0)], scenario.Notify.Sent.Select(s => s.At));
        Assert.Equal("coordinator-1", scenario.Notify.Sent.Last().Notification.Assignee);
    }

    [Fact]
    public async Task An_eviction_scheduled_update_makes_the_case_urgent_and_moves_its_open_deadlines()
    {
        await using var scenario = await Scenario.StartAsync(azurite, At("2026-11-02"), c => new SignalOrchestration(c));
        await scenario.Client.StartAsync(SignalOrchestration.TypeName, "sig-3", SignalIntakes.Regular(), "demo-corp-a", _ct);
        Assert.Equal(new DateOnly(2026, 11, 9), (await scenario.StatusAsync("sig-3")).StateAs<SignalState>().Steps[SignalPlan.FirstContact].Due);

        await scenario.AdvanceToAsync(At("2026-11-04", 11), "sig-3");
        var status = await scenario.RaiseAsync("sig-3", SignalEvents.EvictionScheduled, new SignalEventPayload { EvictionDate = new DateOnly(2026, 12, 15) }, "demo-corp-a");

        var state = status!.StateAs<SignalState>();
        Assert.True(state.Urgent);
        Assert.Equal(new DateOnly(2026, 11, 4), state.UrgentSince);
        Assert.Equal(new DateOnly(2026, 11, 5), state.Steps[SignalPlan.FirstContact].Due); // 1 working day after the update
        Assert.Equal(new DateOnly(2026, 11, 9), state.Steps[SignalPlan.FirstConversation].Due); // Wgs art. 4(2): 3 working days
        Assert.Equal(StepTimers_OverdueAt("2026-11-09"), status.Timers["overdue:first-conversation"]);
        // The reminder of the first contact (due tomorrow) is due at once: it went out with the update.
        Assert.Contains(scenario.Notify.Sent, n => n.Notification.Kind == NotificationKind.Reminder && n.Notification.StepKey == SignalPlan.FirstContact
            && n.Notification.Due == new DateOnly(2026, 11, 5) && n.At == At("2026-11-04", 11));
    }

    [Fact]
    public async Task An_extended_step_reminds_for_its_new_date_only()
    {
        await using var scenario = await Scenario.StartAsync(azurite, At("2026-11-02"), c => new SignalOrchestration(c));
        await scenario.Client.StartAsync(SignalOrchestration.TypeName, "sig-4", SignalIntakes.Regular(), "demo-corp-a", _ct);
        await scenario.RaiseAsync("sig-4", SignalEvents.ContactAttempted, new SignalEventPayload { Channel = ContactChannel.Letter, Reached = true });
        Assert.Equal(new DateOnly(2026, 11, 16), (await scenario.StatusAsync("sig-4")).StateAs<SignalState>().Steps[SignalPlan.HelpOffered].Due);

        var extended = await scenario.RaiseAsync("sig-4", SignalEvents.StepExtended, new SignalEventPayload { Step = SignalPlan.HelpOffered, Date = new DateOnly(2026, 11, 30), Reason = "cliënt op vakantie" }, "coordinator-1");

        var step = extended!.StateAs<SignalState>().Steps[SignalPlan.HelpOffered];
        Assert.Equal(new DateOnly(2026, 11, 30), step.Due);
        Assert.Equal("cliënt op vakantie", step.ExtensionReason);
        Assert.Equal("coordinator-1", step.ExtendedBy);
        await scenario.AdvanceToAsync(At("2026-11-25", 12), "sig-4");
        Assert.DoesNotContain(scenario.Notify.Lines, l => l.Contains("help-offered", StringComparison.Ordinal));
        await scenario.AdvanceToAsync(At("2026-11-26", 9), "sig-4");
        Assert.Equal("Reminder help-offered 2026-11-30 -> Team", Assert.Single(scenario.Notify.Lines, l => l.Contains("help-offered", StringComparison.Ordinal)));
        Assert.Equal(At("2026-11-26", 8), scenario.Notify.Sent.Single(s => s.Notification.StepKey == SignalPlan.HelpOffered).At);
        var history = await scenario.Client.GetHistoryAsync("sig-4", _ct);
        Assert.Contains(history, h => h.What == "step-extended" && h.Source == "coordinator-1");
    }

    [Fact]
    public async Task A_case_suspended_for_ten_days_sends_nothing_meanwhile_and_shifts_every_open_due_date()
    {
        await using var scenario = await Scenario.StartAsync(azurite, At("2026-11-02"), c => new SignalOrchestration(c));
        await scenario.Client.StartAsync(SignalOrchestration.TypeName, "sig-5", SignalIntakes.Regular(), "demo-corp-a", _ct);
        await scenario.RaiseAsync("sig-5", SignalEvents.Triaged, new SignalEventPayload { Assignee = "coordinator-1" });
        var before = (await scenario.StatusAsync("sig-5")).StateAs<SignalState>().Steps;

        await scenario.AdvanceToAsync(At("2026-11-03", 9), "sig-5");
        var suspended = await scenario.RaiseAsync("sig-5", SignalEvents.Suspended, new SignalEventPayload { Reason = "opname in kliniek" });
        Assert.Equal(RuntimeStatus.Suspended, suspended!.RuntimeStatus);
        Assert.Empty(suspended.Timers);
        var sentBefore = scenario.Notify.Sent.Count;

        await scenario.AdvanceToAsync(At("2026-11-13", 9), "sig-5");
        Assert.Equal(sentBefore, scenario.Notify.Sent.Count); // the first-contact reminder of 6 November did not go out
        var resumed = await scenario.RaiseAsync("sig-5", SignalEvents.Resumed, null);

        var after = resumed!.StateAs<SignalState>().Steps;
        Assert.Equal(RuntimeStatus.Running, resumed.RuntimeStatus);
        foreach (var key in new[] { SignalPlan.FirstContact, SignalPlan.HelpOffered, SignalPlan.ReachOutClosure })
        {
            Assert.Equal(before[key].Due!.Value.AddDays(10), after[key].Due);
        }

        Assert.Equal(new DateOnly(2026, 11, 19), after[SignalPlan.FirstContact].Due);
        await scenario.AdvanceToAsync(At("2026-11-18", 9), "sig-5");
        Assert.Equal("Reminder first-contact 2026-11-19 -> Assignee", scenario.Notify.Lines[^1]);
    }

    [Fact]
    public async Task A_signal_of_an_open_household_is_absorbed_into_its_case()
    {
        await using var scenario = await Scenario.StartAsync(azurite, At("2026-11-02"), c => new SignalOrchestration(c));
        await scenario.Client.StartAsync(SignalOrchestration.TypeName, "sig-6", SignalIntakes.Regular("HUUR-6"), "demo-corp-a", _ct);

        await scenario.Client.StartAsync(SignalOrchestration.TypeName, "sig-7", SignalIntakes.Urgent("HUUR-7") with { CorporationId = "demo-corp-b", MergeInto = "sig-6" }, "demo-corp-b", _ct);
        await scenario.AdvanceToAsync(At("2026-11-02", 11), "sig-6", "sig-7");

        var merged = (await scenario.StatusAsync("sig-7")).StateAs<SignalState>();
        var primary = (await scenario.StatusAsync("sig-6")).StateAs<SignalState>();
        Assert.Equal(SignalPhase.Merged, merged.Phase);
        Assert.Equal("sig-6", merged.MergedInto);
        Assert.Empty((await scenario.StatusAsync("sig-7")).Timers);
        Assert.Equal("HUUR-7", Assert.Single(primary.Absorbed).ExternalReference);
        Assert.True(primary.Urgent); // the absorbed signal reported a judgment
        var worklist = await scenario.Client.QueryIndexAsync("worklist|GM0479", null, null, null, null, _ct);
        Assert.All(worklist, row => Assert.Equal("sig-6", row.InstanceId));
    }

    private static DateTimeOffset StepTimers_OverdueAt(string due) => Workflows.Domain.Plans.StepTimers.OverdueAt(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture));
}
