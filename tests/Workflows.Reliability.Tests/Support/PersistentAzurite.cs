using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Workflows.Testing;

namespace Workflows.Reliability.Tests.Support;

/// <summary>
/// An Azurite that keeps its data on disk (<c>--location</c>, a temp folder) on fixed free ports, so it can be
/// really stopped (its node process killed) and started again with the same data at the same address.
/// </summary>
public sealed class PersistentAzurite : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Process? _process;

    private PersistentAzurite(string location, int blobPort, int queuePort, int tablePort)
    {
        Location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public string Location { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public bool IsRunning => _process is { HasExited: false };

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AzuriteFixture.AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AzuriteFixture.AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AzuriteFixture.AccountName};";

    /// <summary>Starts one on three free ports and a fresh temp folder.</summary>
    public static async Task<PersistentAzurite> StartAsync(CancellationToken cancellationToken)
    {
        var location = Path.Combine(Path.GetTempPath(), "workflows-azurite-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(location);
        var azurite = new PersistentAzurite(location, FreePort(), FreePort(), FreePort());
        await azurite.RestartAsync(cancellationToken);
        return azurite;
    }

    /// <summary>Starts the emulator again (same ports, same folder) and waits until all three services listen.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Azurite is running.");
        }

        var script = Path.Combine(AzuriteFixture.RepoRoot, "node_modules", ".bin", "azurite");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Location,
        };
        // The watchdog: Azurite exits when our stdin pipe closes (the test host died).
        start.ArgumentList.Add("--require");
        start.ArgumentList.Add(Path.Combine(AzuriteFixture.RepoRoot, "tests", "Workflows.Testing", "Azurite", "exit-with-parent.js"));
        start.ArgumentList.Add(script);
        foreach (var arg in new[]
        {
            "--location", Location, "--skipApiVersionCheck", "--disableProductStyleUrl", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Port(BlobPort), "--queuePort", Port(QueuePort), "--tablePort", Port(TablePort),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listening = 0;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            Note(e.Data);
            if (e.Data?.Contains("successfully listening", StringComparison.Ordinal) == true && Interlocked.Increment(ref listening) == 3)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => Note(e.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("Azurite exited during start-up."));
        Note($"test: starting Azurite on {BlobPort}/{QueuePort}/{TablePort} in {Location}");
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), TimeProvider.System, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"Azurite did not start ({e.Message}). Output:\n{Output()}", e);
        }
    }

    /// <summary>Really stops it: the node process is killed (SIGKILL), nothing is flushed on the way out.</summary>
    public void Kill()
    {
        if (_process is not { } process)
        {
            return;
        }

        Note("test: killing Azurite (SIGKILL)");
        _process = null;
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }

        return ValueTask.CompletedTask;
    }

    private void Note(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine($"[{_clock.Elapsed.TotalSeconds,7:0.000}] {line}");
        }
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A port free now (the OS's pick), so the emulator can be given it, and given it again after a restart.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
