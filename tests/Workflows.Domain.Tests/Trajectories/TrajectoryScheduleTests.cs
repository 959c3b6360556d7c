using Workflows.Domain.Plans;
using Workflows.Domain.Tests.Support;
using Workflows.Domain.Trajectories;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Client;
using Workflows.Testing;
using static Workflows.Domain.Tests.Support.Scenario;

namespace Workflows.Domain.Tests.Trajectories;

/// <summary>Aftercare trajectories through months of virtual time (RULES §2, §3).</summary>
public sealed class TrajectoryScheduleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Id = "trj-1";
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(180));

    [Fact]
    public async Task A_nine_month_trajectory_with_the_release_date_moved_twice_sends_nothing_for_superseded_dates()
    {
        await using var s = await Scenario.StartAsync(azurite, At("2026-11-03"), c => new TrajectoryOrchestration(c));
        await s.Client.StartAsync(TrajectoryOrchestration.TypeName, Id, TrajectoryIntakes.Notified("2026-11-03", "2027-02-15"), "coordinator-zaanstad", _ct);
        var first = State(await s.StatusAsync(Id));
        Assert.Equal(D("2026-11-17"), first.Steps[TrajectoryPlan.Intake].Due); // 10 working days after notification
        Assert.Equal(D("2027-02-01"), first.Steps[TrajectoryPlan.IdentityDocument].Due);
        Assert.Equal(D("2027-02-08"), first.Steps[TrajectoryPlan.Income].Due);
        Assert.Equal(D("2027-02-16"), first.Steps[TrajectoryPlan.ReleaseDayContact].Due);

        await s.AdvanceToAsync(At("2026-11-12"), Id);
        await Raise(s, TrajectoryEvents.IntakeCompleted, new TrajectoryEventPayload { Consent = new Dictionary<string, bool> { ["housing"] = true, ["income"] = true } });
        await s.AdvanceToAsync(At("2026-12-01"), Id);
        await Raise(s, TrajectoryEvents.ReleaseDateChanged, new TrajectoryEventPayload { Date = D("2027-03-01") });
        await s.AdvanceToAsync(At("2027-01-20"), Id);
        var moved = await Raise(s, TrajectoryEvents.ReleaseDateChanged, new TrajectoryEventPayload { Date = D("2027-02-22") });
        Assert.Equal(D("2027-02-08"), moved.Steps[TrajectoryPlan.IdentityDocument].Due);
        Assert.Equal(D("2027-02-15"), moved.Steps[TrajectoryPlan.Income].Due);
        Assert.Equal(D("2027-03-01"), moved.Steps[TrajectoryPlan.HealthInsurance].Due);

        await s.AdvanceToAsync(At("2027-01-25"), Id);
        await Raise(s, TrajectoryEvents.ConditionUpdated, new TrajectoryEventPayload { Condition = TrajectoryPlan.IdentityDocument, Status = ConditionStatus.Arranged });
        await Raise(s, TrajectoryEvents.ConditionUpdated, new TrajectoryEventPayload { Condition = TrajectoryPlan.Housing, Status = ConditionStatus.Arranged });
        await s.AdvanceToAsync(At("2027-02-17"), Id);
        await Raise(s, TrajectoryEvents.ConditionUpdated, new TrajectoryEventPayload { Condition = TrajectoryPlan.Income, Status = ConditionStatus.Arranged });
        await Raise(s, TrajectoryEvents.ConditionUpdated, new TrajectoryEventPayload { Condition = TrajectoryPlan.Care, Status = ConditionStatus.NotNeeded });
        await s.AdvanceToAsync(At("2027-02-22"), Id);
        await Raise(s, TrajectoryEvents.Released, new TrajectoryEventPayload { Date = D("2027-02-22") });
        await s.AdvanceToAsync(At("2027-02-23", 11), Id);
        await Raise(s, TrajectoryEvents.FollowUpDone, null); // the release-day contact
        await s.AdvanceToAsync(At("2027-02-26"), Id);
        await Raise(s, TrajectoryEvents.ConditionUpdated, new TrajectoryEventPayload { Condition = TrajectoryPlan.HealthInsurance, Status = ConditionStatus.Arranged });
        await s.AdvanceToAsync(At("2027-03-10"), Id);
        await Raise(s, TrajectoryEvents.ConditionUpdated, new TrajectoryEventPayload { Condition = TrajectoryPlan.Debts, Status = ConditionStatus.Arranged });
        await s.AdvanceToAsync(At("2027-03-20"), Id);
        await Raise(s, TrajectoryEvents.FollowUpDone, null);
        await s.AdvanceToAsync(At("2027-05-21"), Id);
        await Raise(s, TrajectoryEvents.FollowUpDone, null);
        await s.AdvanceToAsync(At("2027-08-20"), Id);
        var closed = await s.RaiseAsync(Id, TrajectoryEvents.FollowUpDone, null, "coordinator-zaanstad");

        Assert.Equal(RuntimeStatus.Completed, closed!.RuntimeStatus);
        Assert.Equal(ClosureReason.Completed, State(closed).ClosureReason);
        var sent = s.Notify.Sent.OrderBy(n => n.At).ThenBy(n => n.Notification.StepKey, StringComparer.Ordinal)
            .Select(n => $"{TimeZoneInfo.ConvertTime(n.At, Workflows.Domain.Calendar.DutchTime.Zone):yyyy-MM-dd HH:mm} {n.Notification.Kind} {n.Notification.StepKey} {n.Notification.Due:yyyy-MM-dd}");
        Assert.Equal(
            [
                "2027-02-12 08:00 Reminder care 2027-02-15",
                "2027-02-12 08:00 Reminder income 2027-02-15",
                "2027-02-16 00:00 Escalation care 2027-02-15",
                "2027-02-16 00:00 Escalation income 2027-02-15",
                "2027-02-23 08:00 Reminder release-day-contact 2027-02-23",
                "2027-02-26 08:00 Reminder health-insurance 2027-03-01",
                "2027-03-19 08:00 Reminder follow-up-1 2027-03-22",
                "2027-05-19 08:00 Reminder follow-up-2 2027-05-22",
                "2027-08-19 08:00 Reminder follow-up-3 2027-08-22",
            ],
            sent);
    }

    [Fact]
    public async Task Pre_trial_custody_checks_the_release_date_every_four_weeks_and_a_sudden_release_escalates_unfinished_steps()
    {
        await using var s = await Scenario.StartAsync(azurite, At("2026-11-03"), c => new TrajectoryOrchestration(c));
        await s.Client.StartAsync(TrajectoryOrchestration.TypeName, Id, TrajectoryIntakes.Notified("2026-11-03", null), "coordinator-zaanstad", _ct);
        var waiting = State(await s.StatusAsync(Id));
        Assert.All(TrajectoryPlan.PreRelease, k => Assert.Equal(StepStatus.Waiting, waiting.Steps[k].Status));
        Assert.DoesNotContain((await s.StatusAsync(Id)).Timers.Keys, t => t.Contains("housing", StringComparison.Ordinal));
        await Raise(s, TrajectoryEvents.IntakeCompleted, null);

        await s.AdvanceToAsync(At("2027-01-05"), Id);
        Assert.Equal(["Reminder confirm-release-date 2026-12-01 -> Assignee", "Reminder confirm-release-date 2026-12-29 -> Assignee"], s.Notify.Lines);

        var released = await Raise(s, TrajectoryEvents.Released, null);
        await s.AdvanceToAsync(At("2027-01-05", 10, 1), Id);

        Assert.Equal(D("2027-01-05"), released.ActualReleaseDate);
        Assert.Equal(StepStatus.Waiting, released.Steps[TrajectoryPlan.ConfirmReleaseDate].Status);
        var escalations = s.Notify.Sent.Where(n => n.Notification.Kind == Workflows.Domain.Cases.NotificationKind.Escalation).ToList();
        Assert.Equal([TrajectoryPlan.Care, TrajectoryPlan.Housing, TrajectoryPlan.IdentityDocument, TrajectoryPlan.Income], escalations.Select(e => e.Notification.StepKey).Order(StringComparer.Ordinal));
        Assert.All(escalations, e => Assert.Equal(At("2027-01-05"), e.At)); // at once
        await s.AdvanceToAsync(At("2027-02-10"), Id);
        Assert.Equal(2, s.Notify.Lines.Count(l => l.Contains("confirm-release-date", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_short_stay_has_intake_due_at_once_and_every_pre_release_step_due_at_release()
    {
        await using var s = await Scenario.StartAsync(azurite, At("2026-11-03"), c => new TrajectoryOrchestration(c));
        await s.Client.StartAsync(TrajectoryOrchestration.TypeName, Id, TrajectoryIntakes.Notified("2026-11-03", "2026-11-10"), "coordinator-zaanstad", _ct);

        var state = State(await s.StatusAsync(Id));

        Assert.True(state.ShortStay);
        Assert.Equal(D("2026-11-03"), state.Steps[TrajectoryPlan.Intake].Due);
        Assert.All(TrajectoryPlan.PreRelease, k => Assert.Equal(D("2026-11-10"), state.Steps[k].Due));
        Assert.Equal(D("2026-11-17"), state.Steps[TrajectoryPlan.HealthInsurance].Due);
    }

    [Fact]
    public async Task A_high_risk_case_escalates_also_to_the_zvh_contact_and_a_problem_escalates_at_once()
    {
        await using var s = await Scenario.StartAsync(azurite, At("2026-11-03"), c => new TrajectoryOrchestration(c));
        await s.Client.StartAsync(TrajectoryOrchestration.TypeName, Id, TrajectoryIntakes.Notified("2026-11-03", "2027-02-15", highRisk: true), "coordinator-zaanstad", _ct);

        await Raise(s, TrajectoryEvents.ConditionUpdated, new TrajectoryEventPayload { Condition = TrajectoryPlan.Housing, Status = ConditionStatus.Problem });
        await s.AdvanceToAsync(At("2026-11-18", 1), Id);

        Assert.Equal(
            ["Escalation housing 2027-02-01 -> TeamLead+ZvhContact", "Reminder consent 2026-11-17 -> Assignee", "Reminder intake 2026-11-17 -> Assignee", "Escalation consent 2026-11-17 -> TeamLead+ZvhContact", "Escalation intake 2026-11-17 -> TeamLead+ZvhContact"],
            s.Notify.Lines.Take(1).Concat(s.Notify.Lines.Skip(1).Take(2).Order(StringComparer.Ordinal)).Concat(s.Notify.Lines.Skip(3).Order(StringComparer.Ordinal)));
        Assert.Equal(At("2026-11-03"), s.Notify.Sent.First().At);
        Assert.Equal(ConditionStatus.Problem, State(await s.StatusAsync(Id)).Conditions[TrajectoryPlan.Housing]);
    }

    [Fact]
    public async Task Changed_plan_configuration_applies_to_new_trajectories_and_running_ones_keep_their_plan()
    {
        await using var s = await Scenario.StartAsync(azurite, At("2026-11-03"), c => new TrajectoryOrchestration(c));
        await s.Client.StartAsync(TrajectoryOrchestration.TypeName, "trj-old", TrajectoryIntakes.Notified("2026-11-03", "2027-02-15"), "c", _ct);

        var tightened = TrajectoryPlan.Default.With(new Dictionary<string, StepOverride> { [TrajectoryPlan.Intake] = new(Due: Term.WorkingDays(5)), [TrajectoryPlan.Housing] = new(Due: Term.Days(-21)) });
        await s.Client.StartAsync(TrajectoryOrchestration.TypeName, "trj-new", TrajectoryIntakes.Notified("2026-11-03", "2027-02-15") with { Plan = tightened }, "c", _ct);
        // The running case recomputes after a release-date change, still with its own plan.
        var old = State((await s.RaiseAsync("trj-old", TrajectoryEvents.ReleaseDateChanged, new TrajectoryEventPayload { Date = D("2027-02-22") }))!);
        var fresh = State(await s.StatusAsync("trj-new"));

        Assert.Equal(D("2026-11-17"), old.Steps[TrajectoryPlan.Intake].Due);
        Assert.Equal(D("2027-02-08"), old.Steps[TrajectoryPlan.Housing].Due);
        Assert.Equal(D("2026-11-10"), fresh.Steps[TrajectoryPlan.Intake].Due);
        Assert.Equal(D("2027-01-25"), fresh.Steps[TrajectoryPlan.Housing].Due);
    }

    [Fact]
    public void A_municipality_cannot_loosen_a_statutory_term()
    {
        var loosen = new Dictionary<string, StepOverride> { [TrajectoryPlan.Income] = new(Due: Term.Days(-3)) };
        var tighten = new Dictionary<string, StepOverride> { [TrajectoryPlan.Income] = new(Due: Term.Days(-10)) };

        Assert.Throws<PlanConfigurationException>(() => TrajectoryPlan.Default.With(loosen));
        Assert.Equal(Term.Days(-10), TrajectoryPlan.Default.With(tighten)[TrajectoryPlan.Income].Due);
    }

    private static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    private static TrajectoryState State(InstanceStatus status) => status.StateAs<TrajectoryState>();

    private static async Task<TrajectoryState> Raise(Scenario s, string name, TrajectoryEventPayload? payload) =>
        State((await s.RaiseAsync(Id, name, payload, "coordinator-zaanstad"))!);
}
