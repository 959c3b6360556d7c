using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Workflows.Reliability.Tests.Support;

/// <summary>
/// One Workflows.Testing.Host process: a real host on a task hub, killed with <see cref="Kill"/> (SIGKILL on Linux).
/// Where it can, it runs in its own UTS namespace under its own host name, because DTFx leases partitions under the
/// worker id, which LocalTaskHub leaves at the machine name: several processes on one machine would otherwise be one
/// worker to the lease balancer.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{

    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Process _process;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private HostProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>The name this host was given (its worker id when <see cref="OwnWorkerId"/>).</summary>
    public string Name { get; }

    /// <summary>The worker id the host reported ("ready {worker} {pid}").</summary>
    public string? WorkerId { get; private set; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Host processes have their own DTFx worker id (LocalTaskHub makes one per process).</summary>
    public static bool OwnWorkerId => true;

    /// <summary>The host program, built next to this test project's output (same configuration and framework).</summary>
    public static string HostDll { get; } = FindHostDll();

    /// <summary>Starts a host and waits until it says "ready".</summary>
    public static async Task<HostProcess> StartAsync(
        string name, string connectionString, string taskHub, int partitions, int continueAsNewAfter, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(HostDll)!,
        };
        start.FileName = "dotnet";

        start.Environment["WORKFLOWS_HOST_WORKER"] = name;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var arg in new[]
        {
            HostDll,
            "--connection", connectionString,
            "--hub", taskHub,
            "--partitions", partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--continue-as-new-after", continueAsNewAfter.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new HostProcess(name, process);
        process.OutputDataReceived += (_, e) => host.OnLine("out", e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine("err", e.Data);
        process.Exited += (_, _) => host._ready.TrySetException(new InvalidOperationException($"Host {name} exited during start-up."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host._ready.Task.WaitAsync(TimeSpan.FromSeconds(60), TimeProvider.System, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            var output = host.Output();
            await host.DisposeAsync();
            throw new InvalidOperationException($"Host {name} did not get ready ({e.Message}). Output:\n{output}", e);
        }

        return host;
    }

    /// <summary>kill -9: the process and anything it started, with no chance to clean up.</summary>
    public void Kill()
    {
        Mark("killed (SIGKILL)");
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Everything the host wrote, with seconds since its start.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <summary>The host's output into the test's.</summary>
    public void WriteTo(ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            output.WriteLine($"----- host {Name} (worker {WorkerId}, pid {_process.Id}{(_process.HasExited ? ", exited" : "")}) -----\n{Output()}");
        }
        catch (InvalidOperationException)
        {
            // The test's output is closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10), TimeProvider.System);
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or not dead within 10 s.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Mark(string what)
    {
        lock (_output)
        {
            _output.AppendLine($"[{_clock.Elapsed.TotalSeconds,7:0.000}] test: {what}");
        }
    }

    private void OnLine(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine($"[{_clock.Elapsed.TotalSeconds,7:0.000}] {stream}: {line}");
        }

        if (stream == "out" && line.StartsWith("ready ", StringComparison.Ordinal))
        {
            WorkerId = line.Split(' ')[1];
            _ready.TrySetResult(WorkerId);
        }
    }


    private static string FindHostDll()
    {
        // bin/<Configuration>/<framework>/ of this project, mirrored in the host's folder.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var testsDir = here.Parent.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(testsDir, "Workflows.Testing.Host", "bin", configuration, framework, "Workflows.Testing.Host.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} not found: build tests/Workflows.Testing.Host.");
    }
}
