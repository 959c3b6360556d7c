using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Storage;
using Workflows.Runtime;
using Workflows.Testing.Host;

// A host process as the local host runs one: a LocalTaskHub worker over the given task hub, with the reliability
// probe as its only case kind. Prints "ready <worker>" once the worker runs; stops on SIGTERM, SIGINT or when stdin
// closes (the test that started it is gone), gracefully. A kill -9 is the test's business.
var settings = HostSettings.Parse(args);
using var stopping = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});
_ = Task.Run(async () =>
{
    // EOF on stdin: the parent closed it or died.
    while (await Console.In.ReadLineAsync() is not null)
    {
    }

    await stopping.CancelAsync();
});

using var loggerFactory = LoggerFactory.Create(logging =>
{
    logging.ClearProviders();
    var level = Enum.Parse<LogLevel>(settings.LogLevel, ignoreCase: true);
    logging.SetMinimumLevel(level);
    logging.AddProvider(new StderrLoggerProvider(level));
});
var logger = loggerFactory.CreateLogger("Workflows.Testing.Host");

var options = new DurableTaskOptions
{
    TaskHubName = settings.TaskHub,
    PartitionCount = settings.Partitions,
    MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200),
    ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
    WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
    LeaseInterval = TimeSpan.FromSeconds(15),
};
var caseOptions = new CaseRuntimeOptions
{
    ContinueAsNewAfter = settings.ContinueAsNewAfter,
    ActivityMaxAttempts = 5,
    ActivityFirstRetryInterval = TimeSpan.FromMilliseconds(500),
    ActivityMaxRetryInterval = TimeSpan.FromSeconds(5),
};

var tables = CaseTables.FromConnectionString(settings.ConnectionString, settings.TaskHub, new StorageRequestCounter());
await tables.EnsureCreatedAsync(stopping.Token);
await using var hub = new LocalTaskHub(
    options, new StorageConnection(settings.ConnectionString, null, null), [new ReliabilityProbeDefinition()], [], caseOptions, tables, loggerFactory, stopping.Token);
await hub.StartAsync(stopping.Token);

// The worker id DTFx leases partitions under is the machine name (the tests give each process its own).
Console.Out.WriteLine($"ready {hub.WorkerId} {Environment.ProcessId}");
Console.Out.Flush();
logger.LogWarning("Host {Worker} (pid {Pid}) runs task hub {Hub} with {Partitions} partitions.", hub.WorkerId, Environment.ProcessId, settings.TaskHub, settings.Partitions);

try
{
    await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, stopping.Token);
}
catch (OperationCanceledException)
{
    // Asked to stop.
}

logger.LogWarning("Host {Worker} stopping.", Environment.MachineName);
using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20), TimeProvider.System);
await hub.StopAsync(graceful: true).WaitAsync(deadline.Token);
Console.Out.WriteLine("stopped");
return 0;
