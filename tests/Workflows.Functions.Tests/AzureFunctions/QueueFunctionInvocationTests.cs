using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Engine;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Client;
using Workflows.Functions.AzureFunctions;
using Workflows.Functions.Tests.Support;
using Workflows.Testing;

namespace Workflows.Functions.Tests.AzureFunctions;

/// <summary>
/// The app as an Azure Functions custom handler (ARCHITECTURE §7): the Functions host, played by
/// <see cref="FunctionsHostDouble"/>, posts real queue messages to <c>/{functionName}</c> over real HTTP.
/// </summary>
public sealed class QueueFunctionInvocationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(90));

    [Fact]
    public async Task EngineWork_QueuedStart_IsAppliedAndAnswered200WithTheCustomHandlerResponse()
    {
        await using var host = FunctionsHostDouble.Start(azurite);
        var client = host.App.Services.GetRequiredService<OrchestrationClient>();
        await client.EnqueueStartAsync(TriggerProbe.Name, "case-1", new TriggerProbeInput(), "test", _ct);
        var message = await host.ReceiveAsync(EngineQueue.Work, _ct);

        using var response = await host.InvokeAsync("EngineWork", message, _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct));
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Empty(body.RootElement.GetProperty("Outputs").EnumerateObject());
        Assert.Equal(0, body.RootElement.GetProperty("Logs").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("ReturnValue").ValueKind);
        Assert.Equal(RuntimeStatus.Running, (await client.GetStatusAsync("case-1", _ct))?.RuntimeStatus);
    }

    [Fact]
    public async Task EngineWork_FailingStart_Is500UntilTheLimit_ThenPoisonedWith200AndTheInstanceFailed()
    {
        await using var host = FunctionsHostDouble.Start(azurite);
        var client = host.App.Services.GetRequiredService<OrchestrationClient>();
        await client.EnqueueStartAsync(TriggerProbe.Name, "case-9", new TriggerProbeInput(Broken: true), "test", _ct);

        var first = await host.ReceiveAsync(EngineQueue.Work, _ct);
        using var failed = await host.InvokeAsync("EngineWork", first, _ct);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        using var failure = JsonDocument.Parse(await failed.Content.ReadAsStringAsync(_ct));
        Assert.Contains("EngineWork", failure.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);

        // No back-off configured: the engine made the message visible again at once (the host's own timeout is a minute).
        var second = await host.ReceiveAsync(EngineQueue.Work, _ct);
        Assert.Equal(2, second.DequeueCount);
        using var poisoned = await host.InvokeAsync("EngineWork", second, _ct);

        Assert.Equal(HttpStatusCode.OK, poisoned.StatusCode);
        var status = await client.GetStatusAsync("case-9", _ct);
        Assert.Equal(RuntimeStatus.Failed, status?.RuntimeStatus);
        Assert.Contains("broken", status!.FailureReason, StringComparison.Ordinal);
        Assert.Single((await host.Engine.Storage.Poison.PeekMessagesAsync(32, _ct)).Value);
    }

    [Fact]
    public async Task EngineTimers_and_EngineActivities_HopAnEarlyTimer_AndRunAnActivityWhoseResultEngineWorkApplies()
    {
        await using var host = FunctionsHostDouble.Start(azurite);
        var client = host.App.Services.GetRequiredService<OrchestrationClient>();
        var due = host.App.Clock.GetUtcNow().AddDays(3);
        await client.StartAsync(TriggerProbe.Name, "case-2", new TriggerProbeInput(TimerDue: due), "test", _ct);

        var timer = await host.ReceiveAsync(EngineQueue.Timers, _ct);
        using var hopped = await host.InvokeAsync("EngineTimers", timer, _ct);
        Assert.Equal(HttpStatusCode.OK, hopped.StatusCode);
        Assert.Equal(1, host.Engine.TimerHops);

        var activity = await host.ReceiveAsync(EngineQueue.Activities, _ct);
        using var ran = await host.InvokeAsync("EngineActivities", activity, _ct);
        Assert.Equal(HttpStatusCode.OK, ran.StatusCode);
        Assert.Equal(1, host.Echo.Runs);
        var result = await host.ReceiveAsync(EngineQueue.Work, _ct);
        using var applied = await host.InvokeAsync("EngineWork", result, _ct);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);

        var state = JsonSerializer.Deserialize<TriggerProbeState>((await client.GetStatusAsync("case-2", _ct))!.State!, EngineJson.Options);
        Assert.Equal([$"ActivityCompleted:{TriggerEcho.Name}"], state!.Seen);
    }

    [Fact]
    public async Task CustomHandlerMode_TurnsTheLoopsOff()
    {
        await using var host = FunctionsHostDouble.Start(azurite);

        Assert.False(host.App.Services.GetRequiredService<IOptions<EngineOptions>>().Value.RunLoops);
    }

    [Theory]
    [InlineData("EngineWork")]
    [InlineData("EngineTimers")]
    [InlineData("EngineActivities")]
    public async Task InvocationPaths_OutsideCustomHandlerMode_Are404(string functionName)
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var http = app.CreateClient();

        using var response = await http.PostAsync(new Uri($"/{functionName}", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), _ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
