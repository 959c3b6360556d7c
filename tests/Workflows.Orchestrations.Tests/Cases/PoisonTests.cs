using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Orchestrations.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Runtime;

namespace Workflows.Orchestrations.Tests.Cases;

public sealed class PoisonTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task An_activity_that_always_fails_is_retried_then_recorded_an_admin_is_alerted_once_and_the_case_carries_on()
    {
        var mailer = new ProbeActivity("mailer") { AlwaysFail = true };
        var alert = new ProbeActivity("alert-admins");
        await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()], [mailer, alert]);
        await runtime.Client.StartAsync(ProbeDefinition.TypeName, "poison-activity", new ProbeInput("GM0479"), "test", _ct);

        await runtime.Client.EnqueueEventAsync("poison-activity", "call:mailer", null, "test", "ev-call", _ct);
        var failed = await runtime.WaitForAsync("poison-activity", s => s.StateAs<ProbeState>().Events.Contains("failed:mailer"), TimeSpan.FromSeconds(60));

        Assert.Equal(RuntimeStatus.Running, failed.RuntimeStatus);
        Assert.Equal(TestRuntime.DefaultCaseOptions().ActivityMaxAttempts, mailer.Runs);
        await Eventually.TrueAsync(
            async () => (await runtime.Client.GetHistoryAsync("poison-activity", _ct)).Any(h => h.What == "activity-failed"),
            because: "the failure is a history line", cancellationToken: _ct);
        await Eventually.TrueAsync(() => Task.FromResult(alert.Runs >= 1), because: "an admin is alerted", cancellationToken: _ct);

        var later = await runtime.Client.RaiseEventAsync("poison-activity", "later", null, "test", "ev-later", _ct);
        Assert.NotNull(later);
        Assert.True(later.Applied);
        Assert.Equal(["call:mailer", "failed:mailer", "later"], later.Status.StateAs<ProbeState>().Events);
        Assert.Equal(1, alert.Runs);
        Assert.Equal(TestRuntime.DefaultCaseOptions().ActivityMaxAttempts, mailer.Runs);
    }

    [Fact]
    public async Task An_activity_asked_to_wait_is_tried_again_no_sooner_than_the_other_side_said()
    {
        // Back-off here is 200 ms doubling to 1 s (TestRuntime.DefaultCaseOptions); the provider asks for 3 s, twice.
        var mailer = new ProbeActivity("mailer") { DeferRuns = 2, RetryAfter = TimeSpan.FromSeconds(3) };
        await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()], [mailer], configureCases: o => o.ActivityMaxAttempts = 3);
        await runtime.Client.StartAsync(ProbeDefinition.TypeName, "deferred-activity", new ProbeInput("GM0479"), "test", _ct);

        await runtime.Client.EnqueueEventAsync("deferred-activity", "call:mailer", null, "test", "ev-call", _ct);
        var done = await runtime.WaitForAsync("deferred-activity", s => s.StateAs<ProbeState>().Events.Contains("done:mailer"), TimeSpan.FromSeconds(60));

        // Three attempts (two deferred, then done), each at least the asked-for wait after the one before.
        Assert.Equal(["call:mailer", "done:mailer"], done.StateAs<ProbeState>().Events);
        var starts = mailer.StartedAt;
        Assert.Equal(3, starts.Count);
        Assert.All(starts.Zip(starts.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= TimeSpan.FromSeconds(3), $"retried after {gap.TotalMilliseconds:0} ms"));
    }

    [Fact]
    public void The_retry_wait_is_the_back_off_or_the_asked_for_wait_whichever_is_longer_and_at_most_an_hour_asked_plus_a_second()
    {
        var options = new CaseRuntimeOptions { ActivityFirstRetryInterval = TimeSpan.FromSeconds(5), ActivityMaxRetryInterval = TimeSpan.FromMinutes(30) };

        Assert.Equal(TimeSpan.FromSeconds(5), ActivityRetry.Delay(options, 1, null));
        Assert.Equal(TimeSpan.FromSeconds(40), ActivityRetry.Delay(options, 4, null));
        Assert.Equal(TimeSpan.FromMinutes(30), ActivityRetry.Delay(options, 20, null));
        // An asked-for wait gets a second more: a queue timer may wake up to a second early.
        Assert.Equal(TimeSpan.FromSeconds(5), ActivityRetry.Delay(options, 1, TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(91), ActivityRetry.Delay(options, 1, TimeSpan.FromSeconds(90)));
        Assert.Equal(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1), ActivityRetry.Delay(options, 1, TimeSpan.FromDays(2)));
    }

    [Fact]
    public async Task A_throwing_case_fails_without_personal_data_and_a_retry_applies_the_event_again_and_takes_later_ones()
    {
        const string id = "poison-throw";
        ProbeDefinition.Faults[id] = true;
        try
        {
            await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()]);
            await runtime.Client.StartAsync(ProbeDefinition.TypeName, id, new ProbeInput("GM0479"), "test", _ct);
            await runtime.Client.RaiseEventAsync(id, "before", null, "test", "ev-before", _ct);

            await runtime.Client.EnqueueEventAsync(id, "throw", null, "test", "ev-throw", _ct);
            var failed = await runtime.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Failed, TimeSpan.FromSeconds(60));

            Assert.DoesNotContain("van Dijk", failed.FailureReason ?? "", StringComparison.Ordinal);
            var hub = await runtime.Hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true, _ct);
            Assert.NotNull(hub);
            Assert.DoesNotContain("van Dijk", hub.SerializedOutput ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain("van Dijk", hub.FailureDetails?.ErrorMessage ?? "", StringComparison.Ordinal);
            Assert.Equal(["before"], failed.StateAs<ProbeState>().Events);

            ProbeDefinition.Faults[id] = false;
            var retried = await runtime.Client.RetryAsync(id, "operator", _ct);

            Assert.NotNull(retried);
            Assert.Contains(retried.RuntimeStatus, new[] { RuntimeStatus.Pending, RuntimeStatus.Running }); // RetryAsync returns once it is no longer Failed
            var applied = await runtime.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Running && s.StateAs<ProbeState>().Events.Contains("throw"));
            Assert.Equal(["before", "throw"], applied.StateAs<ProbeState>().Events);
            Assert.Null(applied.FailureReason);

            var later = await runtime.Client.RaiseEventAsync(id, "later", null, "test", "ev-later", _ct);
            Assert.NotNull(later);
            Assert.True(later.Applied);
            Assert.Equal(RuntimeStatus.Running, later.Status.RuntimeStatus);
            Assert.Equal(["before", "throw", "later"], later.Status.StateAs<ProbeState>().Events);
        }
        finally
        {
            ProbeDefinition.Faults.TryRemove(id, out _);
        }
    }

    [Fact]
    public async Task A_failed_case_shows_why_it_failed_without_personal_data()
    {
        const string id = "poison-reason";
        ProbeDefinition.Faults[id] = true;
        try
        {
            await using var runtime = await TestRuntime.StartAsync(azurite, [new ProbeDefinition()]);
            await runtime.Client.StartAsync(ProbeDefinition.TypeName, id, new ProbeInput("GM0479"), "test", _ct);
            await runtime.Client.EnqueueEventAsync(id, "throw", null, "test", "ev-throw", _ct);

            var failed = await runtime.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Failed, TimeSpan.FromSeconds(60));

            Assert.NotNull(failed.FailureReason);
            Assert.Contains("'throw'", failed.FailureReason, StringComparison.Ordinal);
            Assert.Contains(nameof(InvalidOperationException), failed.FailureReason, StringComparison.Ordinal);
            Assert.DoesNotContain("van Dijk", failed.FailureReason, StringComparison.Ordinal);
        }
        finally
        {
            ProbeDefinition.Faults.TryRemove(id, out _);
        }
    }
}
