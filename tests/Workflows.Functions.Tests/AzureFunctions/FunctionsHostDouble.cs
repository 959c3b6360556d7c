using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine;
using Workflows.Engine.Abstractions;
using Workflows.Engine.Storage;
using Workflows.Functions.AzureFunctions;
using Workflows.Functions.Tests.Support;
using Workflows.Testing;

namespace Workflows.Functions.Tests.AzureFunctions;

/// <summary>
/// Plays the Azure Functions host: starts the real app on Kestrel with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set
/// (as the host does), receives real messages from the engine's queues in Azurite, and posts them as
/// custom-handler invocations to <c>http://127.0.0.1:{port}/{functionName}</c>.
/// </summary>
public sealed class FunctionsHostDouble : IAsyncDisposable
{
    private readonly HttpClient _http;

    private FunctionsHostDouble(WorkflowsAppFactory app, int port, TriggerEcho echo)
    {
        App = app;
        Port = port;
        Echo = echo;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public WorkflowsAppFactory App { get; }

    public int Port { get; }

    public TriggerEcho Echo { get; }

    public WorkflowEngine Engine => App.Services.GetRequiredService<WorkflowEngine>();

    /// <summary>Starts the app as a custom handler, with the probe orchestration and quick retries (no back-off, 2 deliveries).</summary>
    public static FunctionsHostDouble Start(AzuriteFixture azurite, Action<WorkflowsAppFactory>? configure = null)
    {
        var port = FreePort();
        TriggerEcho echo = new();
        var app = new WorkflowsAppFactory(azurite.ConnectionString)
        {
            ConfigureServices = services =>
            {
                services.AddSingleton<IOrchestrationDefinition, TriggerProbe>();
                services.AddSingleton<IActivityHandler>(echo);
            },
        };
        app.Settings[CustomHandler.PortSetting] = port.ToString(CultureInfo.InvariantCulture);
        foreach (var function in QueueFunction.All)
        {
            app.Settings[function.QueueNameSetting] = EngineStorage.QueueName(app.Prefix, function.Queue);
        }

        // Queue timers as in Azure, re-armed every second, so a timer message is deliverable within the test.
        app.Settings["Engine:TimerMode"] = "Queue";
        app.Settings["Engine:TimerMaxHop"] = "00:00:01";
        app.Settings["Engine:RetryBackoff"] = "00:00:00";
        app.Settings["Engine:MaxDequeueCount"] = "2";
        configure?.Invoke(app);
        app.UseKestrel();
        app.StartServer();
        return new FunctionsHostDouble(app, port, echo);
    }

    public QueueClient Queue(EngineQueue queue) => Engine.Storage.QueueService.GetQueueClient(EngineStorage.QueueName(App.Prefix, queue));

    /// <summary>Receives the next message of <paramref name="engineQueue"/> as the host's queue listener would.</summary>
    public async Task<QueueMessage> ReceiveAsync(EngineQueue engineQueue, CancellationToken cancellationToken)
    {
        var queue = Queue(engineQueue);
        QueueMessage? received = null;
        await Eventually.TrueAsync(
            async () => (received = (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(1), cancellationToken)).Value) is not null,
            because: $"a message arrives on {queue.Name}",
            cancellationToken: cancellationToken);
        return received!;
    }

    /// <summary>Posts <paramref name="message"/> to the function as the host's custom-handler invocation does.</summary>
    public async Task<HttpResponseMessage> InvokeAsync(string functionName, QueueMessage message, CancellationToken cancellationToken)
    {
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { [QueueFunction.BindingName] = message.Body.ToString() },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = message.DequeueCount,
                ["ExpirationTime"] = message.ExpiresOn,
                ["Id"] = message.MessageId,
                ["InsertionTime"] = message.InsertedOn,
                ["NextVisibleTime"] = message.NextVisibleOn,
                ["PopReceipt"] = message.PopReceipt,
                ["sys"] = new JsonObject { ["MethodName"] = functionName, ["UtcNow"] = DateTimeOffset.UnixEpoch, ["RandGuid"] = Guid.NewGuid() },
            },
        };
        using var content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");
        return await _http.PostAsync(new Uri($"/{functionName}", UriKind.Relative), content, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await App.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
