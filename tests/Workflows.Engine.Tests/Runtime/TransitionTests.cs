using Workflows.Engine.Abstractions;
using Workflows.Engine.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Engine;

namespace Workflows.Engine.Tests.Runtime;

public sealed class TransitionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task Start_is_idempotent_on_the_instance_id()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()]);

        var first = await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        var second = await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("b"), "test", _ct);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal("a", ProbeStatus.Of(second.Status).Label);
        Assert.Equal(RuntimeStatus.Running, second.Status.RuntimeStatus);
        Assert.Equal(1, second.Status.StartedVersion);
    }

    [Fact]
    public async Task A_start_told_the_instance_is_absent_when_it_exists_after_all_is_still_a_duplicate()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()]);
        var first = await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);

        // As when another caller started it between this caller's read and its start.
        var racing = await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("b"), "test", knownAbsent: true, _ct);

        Assert.False(racing.Created);
        Assert.Equal("a", ProbeStatus.Of(racing.Status).Label);
        Assert.Equal(first.Status.Sequence, racing.Status.Sequence);
    }

    [Fact]
    public async Task An_event_id_changes_the_instance_only_once()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()]);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);

        await host.Client.RaiseEventAsync("case-1", "add", new ProbeCommand(N: 5), "test", "evt-1", _ct);
        var again = await host.Client.RaiseEventAsync("case-1", "add", new ProbeCommand(N: 5), "test", "evt-1", _ct);
        await host.Client.EnqueueEventAsync("case-1", "add", new ProbeCommand(N: 5), "test", "evt-1", _ct);
        var other = await host.Client.RaiseEventAsync("case-1", "add", new ProbeCommand(N: 1), "test", "evt-2", _ct);

        Assert.Equal(5, ProbeStatus.Of(again).Count);
        Assert.Equal(6, ProbeStatus.Of(other).Count);
        await Eventually.TrueAsync(async () => (await host.Storage.Work.PeekMessagesAsync(cancellationToken: _ct)).Value.Length == 0, because: "the enqueued duplicate is consumed");
        Assert.Equal(6, ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct)).Count);
    }

    [Fact]
    public async Task History_records_every_transition_in_order()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()]);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "coordinator-1", _ct);
        await host.Client.RaiseEventAsync("case-1", "add", new ProbeCommand(N: 1), "coordinator-1", null, _ct);
        await host.Client.RaiseEventAsync("case-1", "done", null, "coordinator-2", null, _ct);

        var history = await host.Client.GetHistoryAsync("case-1", _ct);

        Assert.Equal(["started", "event", "event", "completed"], history.Select(h => h.What));
        Assert.Equal([1L, 2L, 3L, 3L], history.Select(h => h.Sequence));
        Assert.Equal("coordinator-2", history[2].Source);
        var status = await host.Client.GetStatusAsync("case-1", _ct);
        Assert.Equal(RuntimeStatus.Completed, status!.RuntimeStatus);
        Assert.Contains("\"count\":1", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_status_and_catalog_follow_the_instance()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()]);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a", Scope: "GM0439"), "test", _ct);
        await host.Client.StartAsync(Probe.Name, "case-2", new ProbeInput("b", Scope: "GM0439"), "test", _ct);
        await host.Client.RaiseEventAsync("case-1", "add", new ProbeCommand(N: 3), "test", null, _ct);
        await host.Client.TerminateAsync("case-2", "entered in error", "admin", _ct);

        var status = await host.Client.GetStatusAsync("case-1", _ct);
        var running = await host.Client.QueryInstancesAsync("GM0439", Probe.Name, RuntimeStatus.Running, _ct);
        var terminated = await host.Client.QueryInstancesAsync("GM0439", null, RuntimeStatus.Terminated, _ct);
        var elsewhere = await host.Client.QueryInstancesAsync("GM0479", null, null, _ct);

        Assert.Equal(3, status!.CustomStatus!.Value.GetProperty("count").GetInt32());
        Assert.Equal(["case-1"], running.Select(r => r.InstanceId));
        Assert.Equal(["case-2"], terminated.Select(r => r.InstanceId));
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task Events_to_an_unknown_instance_change_nothing()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()]);

        var status = await host.Client.RaiseEventAsync("nobody", "add", new ProbeCommand(N: 1), "test", null, _ct);

        Assert.Null(status);
        Assert.Null(await host.Client.GetStatusAsync("nobody", _ct));
    }

    [Fact]
    public async Task Activities_run_after_commit_and_report_back_once()
    {
        var echo = new Echo { FailuresLeft = 2 };
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()], [echo]);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);

        await host.Client.RaiseEventAsync("case-1", "call", new ProbeCommand(Text: "hello"), "test", null, _ct);

        await Eventually.TrueAsync(async () => ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct)).Results.Count == 1, because: "the echo result returns");
        Assert.Equal("{\"echoed\":\"hello\"}", ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct)).Results.Single());
        Assert.Equal(3, echo.Runs["case-1.hello"]);
    }

    [Fact]
    public async Task A_non_retryable_activity_failure_is_reported_to_the_instance()
    {
        var echo = new Echo { NonRetryable = true };
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()], [echo]);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);

        await host.Client.RaiseEventAsync("case-1", "call", new ProbeCommand(Text: "x"), "test", null, _ct);

        await Eventually.TrueAsync(async () => ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct)).Results.Contains("failed"), because: "the failure is delivered");
        Assert.Equal(1, echo.Runs["case-1.x"]);
        var history = await host.Client.GetHistoryAsync("case-1", _ct);
        Assert.Contains(history, h => h.What == "activity-failed" && h.Detail!.Value.GetProperty("reason").GetString()!.Contains("refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_request_counter_counts_storage_calls()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()], runLoops: false);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        var before = host.Counter.Total;

        await host.Client.GetStatusAsync("case-1", _ct);

        Assert.Equal(before + 1, host.Counter.Total);
    }
}
