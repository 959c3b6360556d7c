using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine;
using Workflows.Engine.Client;
using Workflows.Functions.Tests.Support;
using Workflows.Testing;

namespace Workflows.Functions.Tests.Hosting;

/// <summary>The host creates the engine's storage at start and runs its loops (ARCHITECTURE §7, embedded default).</summary>
public sealed class EngineHostedServiceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();

    [Fact]
    public async Task Host_start_creates_the_engine_tables_and_queues()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var client = app.CreateClient();
        var tables = new TableServiceClient(azurite.ConnectionString);
        var queues = new QueueServiceClient(azurite.ConnectionString);

        await Eventually.TrueAsync(async () =>
            await tables.QueryAsync(t => t.Name == $"{app.Prefix}instances", cancellationToken: _ct).AnyAsync(_ct)
            && (await queues.GetQueueClient($"{app.Prefix}-work").ExistsAsync(_ct)).Value,
            because: "the hosted service initialises storage at start", cancellationToken: _ct);
    }

    [Fact]
    public async Task Engine_loops_drain_the_work_queue()
    {
        await using var app = new WorkflowsAppFactory(azurite.ConnectionString);
        using var client = app.CreateClient();
        var queues = new QueueServiceClient(azurite.ConnectionString);
        var work = queues.GetQueueClient($"{app.Prefix}-work");
        var poison = queues.GetQueueClient($"{app.Prefix}-poison");
        await Eventually.TrueAsync(async () => (await work.ExistsAsync(_ct)).Value, because: "storage is initialised", cancellationToken: _ct);

        // An unreadable message: a running work loop takes it and moves it to the poison queue.
        await work.SendMessageAsync("not a work item", _ct);

        await Eventually.TrueAsync(async () => (await poison.PeekMessagesAsync(1, _ct)).Value.Length == 1,
            because: "the work loop runs", cancellationToken: _ct);
    }

    [Fact]
    public void Services_share_one_engine_on_the_virtual_clock()
    {
        using var app = new WorkflowsAppFactory(azurite.ConnectionString);

        var services = app.Services;

        Assert.Same(app.Clock, services.GetRequiredService<TimeProvider>());
        Assert.Same(services.GetRequiredService<WorkflowEngine>().Client, services.GetRequiredService<OrchestrationClient>());
        Assert.Equal(app.Prefix, services.GetRequiredService<WorkflowEngine>().Storage.Prefix);
    }
}
