using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Tests.Signals;
using Workflows.Application.Tests.Support;
using Workflows.Runtime;
using Workflows.Testing;

namespace Workflows.FunctionApp.Tests;

/// <summary>
/// The answers that say "try again later" come from the application's pipeline (its rate limiter and exception
/// handler), which the Functions app runs around each HTTP function's endpoint: it answers 429 and 503 as the local
/// host does, Retry-After included.
/// </summary>
public sealed partial class HttpFunctionParityTests
{
    [Fact]
    public async Task The_Functions_app_refuses_a_corporation_over_its_limit_with_429_as_the_local_host_does()
    {
        var ct = TestTimeout.Token();
        await using var local = new WorkflowsAppFactory(azurite.ConnectionString);
        local.Settings["Api:CorporationLimits:Burst"] = "1";
        local.Settings["Api:CorporationLimits:RequestsPerPeriod"] = "1";
        local.Settings["Api:CorporationLimits:Period"] = "01:00:00";
        var key = await local.IssueKeyAsync(TestCallers.CorporationA, ct);
        using var localClient = local.CreateClient().WithApiKey(key);
        using var functionApp = FunctionAppFor(local);
        using var functionServer = await FunctionServerAsync(functionApp.Services, "CreateSignal", local.Services.GetRequiredService<LocalTaskHub>().Client);
        using var functionClient = functionServer.GetTestClient().WithApiKey(key);

        var expected = await SendTwiceAsync(localClient, "LIM-LOCAL", ct);
        var actual = await SendTwiceAsync(functionClient, "LIM-FUNCTION", ct);

        Assert.Equal(HttpStatusCode.Created, actual.First);
        Assert.Equal(HttpStatusCode.TooManyRequests, actual.Second.Status);
        Assert.Equal(expected, actual);
        Assert.Equal("3600", actual.Second.RetryAfter);
    }

    [Fact]
    public async Task The_Functions_app_takes_one_batch_of_a_corporation_at_a_time()
    {
        var ct = TestTimeout.Token(TimeSpan.FromSeconds(120));
        await using var local = new WorkflowsAppFactory(azurite.ConnectionString);
        var key = await local.IssueKeyAsync(TestCallers.CorporationA, ct);
        using var functionApp = FunctionAppFor(local);
        using var functionServer = await FunctionServerAsync(functionApp.Services, "CreateSignalBatch", local.Services.GetRequiredService<LocalTaskHub>().Client);
        using var functionClient = functionServer.GetTestClient().WithApiKey(key);
        using var held = HeldBatch.Of("FN-RUN", houseNumbersFrom: 100);
        var running = functionClient.PostAsync(SignalsTestApp.Batch, held, ct);
        await held.Reading.WaitAsync(ct);

        using var second = await functionClient.PostAsync(SignalsTestApp.Batch, SignalsTestApp.Json(SignalSamples.Batch([SignalSamples.Signal("FN-SECOND")])), ct);

        await second.AssertProblemAsync(HttpStatusCode.TooManyRequests, ct);
        Assert.Equal("1", second.Headers.GetValues("Retry-After").Single());
        held.Release();
        using var first = await running;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    [Fact]
    public async Task The_Functions_app_answers_503_with_Retry_After_when_storage_is_unreachable_as_the_local_host_does()
    {
        var ct = TestTimeout.Token(TimeSpan.FromSeconds(120));
        await using var outage = StorageOutage.Start(azurite);
        await using var local = new WorkflowsAppFactory(outage.ConnectionString);
        var key = await local.IssueKeyAsync(TestCallers.CorporationA, ct);
        using var localClient = local.CreateClient().WithApiKey(key);
        using var functionApp = FunctionAppFor(local);
        using var functionServer = await FunctionServerAsync(functionApp.Services, "CreateSignal", local.Services.GetRequiredService<LocalTaskHub>().Client);
        using var functionClient = functionServer.GetTestClient().WithApiKey(key);
        // Each host has looked the key up once: keys are cached, so both still authenticate while storage is away.
        await SendAsync(localClient, "WARM-LOCAL", ct);
        await SendAsync(functionClient, "WARM-FUNCTION", ct);

        outage.Cut();
        var expected = await SendAsync(localClient, "OUT-LOCAL", ct);
        var actual = await SendAsync(functionClient, "OUT-FUNCTION", ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, actual.Status);
        Assert.Equal(expected, actual);
        Assert.Equal("10", actual.RetryAfter);
    }

    private static async Task<(HttpStatusCode First, LimitAnswer Second)> SendTwiceAsync(HttpClient client, string reference, CancellationToken ct)
    {
        var first = await SendAsync(client, reference + "-1", ct);
        return (first.Status, await SendAsync(client, reference + "-2", ct));
    }

    private static async Task<LimitAnswer> SendAsync(HttpClient client, string reference, CancellationToken ct)
    {
        using var response = await client.PostAsync(SignalsTestApp.Signals, SignalsTestApp.Json(SignalSamples.Signal(reference)), ct);
        return new LimitAnswer(
            response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            response.Headers.TryGetValues("Retry-After", out var retryAfter) ? retryAfter.Single() : null,
            Mask(Regex.Replace(await response.Content.ReadAsStringAsync(ct), "(WARM|OUT|LIM)-(LOCAL|FUNCTION)", "<ref>")));
    }

    private sealed record LimitAnswer(HttpStatusCode Status, string? ContentType, string? RetryAfter, string Body);
}
