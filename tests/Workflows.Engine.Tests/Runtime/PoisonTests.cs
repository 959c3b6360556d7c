using Workflows.Engine.Abstractions;
using Workflows.Engine.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Engine;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>A message that keeps failing is poisoned, fails its instance visibly, and an operator can retry (§4.6).</summary>
public sealed class PoisonTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(90));

    [Fact]
    public async Task A_failing_message_goes_to_the_poison_queue_and_a_retry_resumes_the_instance()
    {
        var probe = new Probe();
        await using var host = await TestEngine.StartAsync(azurite, [probe]);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);

        await host.Client.EnqueueEventAsync("case-1", "boom", null, "test", "boom-1", _ct);

        await Eventually.TrueAsync(async () => (await host.Client.GetStatusAsync("case-1", _ct))!.RuntimeStatus == RuntimeStatus.Failed, because: "the instance fails after 3 deliveries");
        var failed = await host.Client.GetStatusAsync("case-1", _ct);
        Assert.Contains("boom", failed!.FailureReason, StringComparison.Ordinal);
        var poisoned = (await host.Storage.Poison.PeekMessagesAsync(32, _ct)).Value;
        Assert.Single(poisoned);
        Assert.Contains("boom-1", poisoned[0].Body.ToString(), StringComparison.Ordinal);
        Assert.Contains(await host.Client.QueryInstancesAsync("GM0479", null, RuntimeStatus.Failed, _ct), s => s.InstanceId == "case-1");

        // Events arriving while Failed wait; they are not lost and not applied yet.
        await host.Client.RaiseEventAsync("case-1", "add", new ProbeCommand(N: 7), "test", "add-1", _ct);
        Assert.Equal(0, ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct)).Count);

        probe.Explode = false; // the operator deployed a fix
        var resumed = await host.Client.RetryAsync("case-1", "operator", _ct);

        Assert.Equal(RuntimeStatus.Running, resumed!.RuntimeStatus);
        Assert.Null(resumed.FailureReason);
        await Eventually.TrueAsync(async () => ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct)).Applied.Count == 2, because: "parked and poisoned events replay");
        var state = ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct));
        Assert.Equal(7, state.Count);
        Assert.Contains(state.Applied, a => a.EndsWith(":boom:boom-1", StringComparison.Ordinal));
        Assert.Empty((await host.Storage.Poison.PeekMessagesAsync(32, _ct)).Value);
        var history = await host.Client.GetHistoryAsync("case-1", _ct);
        Assert.Contains(history, h => h.What == "failed");
        Assert.Contains(history, h => h.What == "retried" && h.Source == "operator");
    }

    [Fact]
    public async Task A_start_that_keeps_failing_shows_a_failed_instance_that_can_be_retried()
    {
        var broken = new BrokenStart();
        await using var host = await TestEngine.StartAsync(azurite, [broken]);

        await host.Client.EnqueueStartAsync(BrokenStart.Name, "case-9", new ProbeInput("a"), "test", _ct);

        await Eventually.TrueAsync(async () => (await host.Client.GetStatusAsync("case-9", _ct))?.RuntimeStatus == RuntimeStatus.Failed, because: "the start is poisoned");
        broken.Broken = false;
        await host.Client.RetryAsync("case-9", "operator", _ct);
        await Eventually.TrueAsync(async () => (await host.Client.GetStatusAsync("case-9", _ct))?.RuntimeStatus == RuntimeStatus.Running, because: "the retried start runs");
        Assert.Equal(1, (await host.Client.GetStatusAsync("case-9", _ct))!.StartedVersion);
    }

    private sealed class BrokenStart : OrchestrationDefinition<ProbeInput, ProbeState>
    {
        public const string Name = "broken";

        public bool Broken { get; set; } = true;

        public override string Type => Name;

        public override int Version => 1;

        protected override ProbeState Start(ProbeInput input, OrchestrationContext context) =>
            Broken ? throw new InvalidOperationException("start refused") : new ProbeState(input.Label, 0, [], [], []);

        protected override ProbeState Handle(ProbeState state, OrchestrationEvent @event, OrchestrationContext context) => state;
    }
}
