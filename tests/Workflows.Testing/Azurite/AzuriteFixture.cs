using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace Workflows.Testing;

/// <summary>
/// xunit class fixture that runs a private, in-memory Azurite on free ports (ARCHITECTURE §7):
/// every test class gets its own emulator, so test collections can run in parallel.
/// Combine with <see cref="NewPrefix"/> to give each test its own tables and queues.
/// </summary>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The well-known Azurite development account key (public, not a secret).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }

    /// <summary>Connection string with explicit endpoints for this fixture's ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>
    /// A unique name prefix valid for both tables and queues: lowercase alphanumeric,
    /// starts with a letter, 12 characters.
    /// </summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..11];

    /// <summary>The directory holding Workflows.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public async Task InitializeAsync()
    {
        var azurite = Path.Combine(RepoRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"{azurite} not found: run `npm ci` in {RepoRoot} (test.sh does this).");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        // Preload the watchdog so Azurite dies with the test host even if DisposeAsync never runs.
        start.ArgumentList.Add("--require");
        start.ArgumentList.Add(Path.Combine(RepoRoot, "tests", "Workflows.Testing", "Azurite", "exit-with-parent.js"));
        start.ArgumentList.Add(azurite);
        foreach (var arg in new[]
        {
            "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl", "--loose",
            "--silent", "--disableTelemetry",
            // Azurite defaults to 50% of RAM per instance; parallel fixtures must share the machine.
            "--extentMemoryLimit", "256",
            // Port 0: the OS picks free ports; we read the real ones from stdout.
            "--blobPort", "0", "--queuePort", "0", "--tablePort", "0",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException("Azurite exited during start-up."));
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await _ready.Task.WaitAsync(StartTimeout, TimeProvider.System);
        }
        catch (Exception e)
        {
            await DisposeAsync();
            throw new InvalidOperationException(
                $"Azurite did not start within {StartTimeout.TotalSeconds:0} s ({e.Message}). Output:\n{Output()}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10), TimeProvider.System);
            await process.WaitForExitAsync(cts.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or not dead within 10 s: nothing more a test can do about it.
        }
        finally
        {
            process.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            var match = ListeningLine().Match(line);
            if (!match.Success)
            {
                return;
            }

            var port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
            switch (match.Groups["service"].Value)
            {
                case "Blob": BlobPort = port; break;
                case "Queue": QueuePort = port; break;
                case "Table": TablePort = port; break;
            }

            if (BlobPort != 0 && QueuePort != 0 && TablePort != 0)
            {
                _ready.TrySetResult();
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Workflows.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^\s:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
