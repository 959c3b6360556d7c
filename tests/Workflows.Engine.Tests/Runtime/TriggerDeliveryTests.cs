using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Tests.Support;
using Workflows.Testing;
using Workflows.Testing.Engine;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// The entry point an Azure Functions queue trigger calls (no loops running): each test plays the Functions
/// host, receiving real messages from Azurite, handing them over one at a time, and deleting a message only
/// when the engine reports it done.
/// </summary>
public sealed class TriggerDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(90));

    [Fact]
    public async Task HandleDelivery_WorkMessageDeliveredTwice_AppliesItOnce()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()], runLoops: false);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        await host.Client.EnqueueEventAsync("case-1", "add", new ProbeCommand(N: 5), "test", "add-1", _ct);

        // The host dies after the engine reported success, before deleting: the message comes back.
        var first = await ReceiveAsync(host.Storage.Work, TimeSpan.FromSeconds(1));
        Assert.True(await host.Engine.HandleDeliveryAsync(EngineQueue.Work, Delivery(first), _ct));
        var second = await ReceiveAsync(host.Storage.Work, TimeSpan.FromSeconds(30));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
        Assert.True(await host.Engine.HandleDeliveryAsync(EngineQueue.Work, Delivery(second), _ct));

        var state = ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct));
        Assert.Equal(5, state.Count);
        Assert.Single(state.Applied, a => a.EndsWith(":add:add-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleDelivery_EarlyTimer_HopsAndReportsDone_ThenFiresWhenDue()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()], runLoops: false, configure: o =>
        {
            o.TimerMode = TimerMode.Queue;
            o.TimerMaxHop = TimeSpan.FromSeconds(1);
        });
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        var due = host.Clock.GetUtcNow().AddDays(10);
        await host.Client.RaiseEventAsync("case-1", "arm", new ProbeCommand(Timer: "deadline", DueAt: due), "test", null, _ct);

        var early = await ReceiveAsync(host.Storage.TimerQueue, TimeSpan.FromSeconds(30));
        Assert.True(await host.Engine.HandleDeliveryAsync(EngineQueue.Timers, Delivery(early), _ct));
        await host.Storage.TimerQueue.DeleteMessageAsync(early.MessageId, early.PopReceipt, _ct);

        Assert.Equal(1, host.Engine.TimerHops);
        Assert.Empty(ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct)).Fired);
        host.Clock.Advance(TimeSpan.FromDays(10));
        var rearmed = await ReceiveAsync(host.Storage.TimerQueue, TimeSpan.FromSeconds(30));
        Assert.NotEqual(early.MessageId, rearmed.MessageId);
        Assert.True(await host.Engine.HandleDeliveryAsync(EngineQueue.Timers, Delivery(rearmed), _ct));

        Assert.Equal(["deadline"], ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct)).Fired);
        Assert.Equal(1, host.Engine.TimerHops);
    }

    [Fact]
    public async Task HandleDelivery_FailingMessage_ReportsFailureBelowTheLimit_AndAtTheLimitPoisonsAndFailsARetryableInstance()
    {
        var probe = new Probe();
        // MaxDequeueCount 3 and no back-off (test defaults): a failed delivery is visible again at once.
        await using var host = await TestEngine.StartAsync(azurite, [probe], runLoops: false);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        await host.Client.EnqueueEventAsync("case-1", "boom", null, "test", "boom-1", _ct);

        for (var delivery = 1; delivery <= 2; delivery++)
        {
            var failing = await ReceiveAsync(host.Storage.Work, TimeSpan.FromMinutes(1));
            Assert.Equal(delivery, failing.DequeueCount);
            Assert.False(await host.Engine.HandleDeliveryAsync(EngineQueue.Work, Delivery(failing), _ct));
            Assert.Equal(RuntimeStatus.Running, (await host.Client.GetStatusAsync("case-1", _ct))!.RuntimeStatus);
        }

        var last = await ReceiveAsync(host.Storage.Work, TimeSpan.FromMinutes(1));
        Assert.Equal(3, last.DequeueCount);
        Assert.True(await host.Engine.HandleDeliveryAsync(EngineQueue.Work, Delivery(last), _ct));
        await host.Storage.Work.DeleteMessageAsync(last.MessageId, last.PopReceipt, _ct);

        var failed = await host.Client.GetStatusAsync("case-1", _ct);
        Assert.Equal(RuntimeStatus.Failed, failed!.RuntimeStatus);
        Assert.Contains("boom", failed.FailureReason, StringComparison.Ordinal);
        var poisoned = Assert.Single((await host.Storage.Poison.PeekMessagesAsync(32, _ct)).Value);
        Assert.Contains("boom-1", poisoned.Body.ToString(), StringComparison.Ordinal);

        probe.Explode = false; // the operator deployed a fix
        Assert.Equal(RuntimeStatus.Running, (await host.Client.RetryAsync("case-1", "operator", _ct))!.RuntimeStatus);
        var replayed = await ReceiveAsync(host.Storage.Work, TimeSpan.FromMinutes(1));
        Assert.True(await host.Engine.HandleDeliveryAsync(EngineQueue.Work, Delivery(replayed), _ct));

        Assert.Contains(ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct)).Applied, a => a.EndsWith(":boom:boom-1", StringComparison.Ordinal));
        Assert.Empty((await host.Storage.Poison.PeekMessagesAsync(32, _ct)).Value);
    }

    [Fact]
    public async Task HandleDelivery_FailingMessageWithoutPopReceipt_ReportsFailureAndLeavesTheMessageToTheDeliverer()
    {
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()], runLoops: false);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        await host.Client.EnqueueEventAsync("case-1", "boom", null, "test", "boom-1", _ct);
        var failing = await ReceiveAsync(host.Storage.Work, TimeSpan.FromMinutes(1));

        Assert.False(await host.Engine.HandleDeliveryAsync(EngineQueue.Work, new QueueDelivery(failing.Body.ToString(), failing.DequeueCount), _ct));

        // Without the receipt the engine cannot set a back-off (none is configured): the message keeps the deliverer's invisibility.
        Assert.Empty((await host.Storage.Work.PeekMessagesAsync(32, _ct)).Value);
        Assert.Equal(RuntimeStatus.Running, (await host.Client.GetStatusAsync("case-1", _ct))!.RuntimeStatus);
    }

    [Fact]
    public async Task HandleDelivery_FailingActivity_ReportsFailureUntilItsAttemptsRunOut()
    {
        var echo = new Echo { FailuresLeft = 1 };
        await using var host = await TestEngine.StartAsync(azurite, [new Probe()], [echo], runLoops: false);
        await host.Client.StartAsync(Probe.Name, "case-1", new ProbeInput("a"), "test", _ct);
        await host.Client.RaiseEventAsync("case-1", "call", new ProbeCommand(Text: "mail"), "test", "call-1", _ct);

        var busy = await ReceiveAsync(host.Storage.Activities, TimeSpan.FromMinutes(1));
        Assert.False(await host.Engine.HandleDeliveryAsync(EngineQueue.Activities, Delivery(busy), _ct));
        var retried = await ReceiveAsync(host.Storage.Activities, TimeSpan.FromMinutes(1));
        Assert.Equal(2, retried.DequeueCount);
        Assert.True(await host.Engine.HandleDeliveryAsync(EngineQueue.Activities, Delivery(retried), _ct));
        await host.Storage.Activities.DeleteMessageAsync(retried.MessageId, retried.PopReceipt, _ct);
        var result = await ReceiveAsync(host.Storage.Work, TimeSpan.FromMinutes(1));
        Assert.True(await host.Engine.HandleDeliveryAsync(EngineQueue.Work, Delivery(result), _ct));

        Assert.Equal(2, echo.Runs.Values.Single());
        Assert.Single(ProbeStatus.Of(await host.Client.GetStatusAsync("case-1", _ct)).Results);
    }

    private static QueueDelivery Delivery(QueueMessage message) =>
        new(message.Body.ToString(), message.DequeueCount, message.MessageId, message.PopReceipt);

    /// <summary>Receives the next visible message as the Functions host would, invisible to others for <paramref name="visibility"/>.</summary>
    private async Task<QueueMessage> ReceiveAsync(QueueClient queue, TimeSpan visibility)
    {
        QueueMessage? received = null;
        await Eventually.TrueAsync(
            async () => (received = (await queue.ReceiveMessageAsync(visibility, _ct)).Value) is not null,
            because: $"a message arrives on {queue.Name}",
            cancellationToken: _ct);
        return received!;
    }
}
