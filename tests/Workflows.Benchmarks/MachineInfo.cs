using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using Workflows.Testing;

namespace Workflows.Benchmarks;

/// <summary>What the figures were measured on: they mean little without it.</summary>
internal static class MachineInfo
{
    public static void Print()
    {
        var rows = new List<(string, string)>
        {
            ("when (UTC)", TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            ("cpu", CpuModel()),
            ("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
            ("memory", Memory()),
            ("os", $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})"),
            ("dotnet", $"{RuntimeInformation.FrameworkDescription}, sdk {Run("dotnet", "--version")}"),
            ("gc", $"{(GCSettings.IsServerGC ? "server" : "workstation")}, concurrent={AppContext.TryGetSwitch("System.GC.Concurrent", out var c) && c}"),
            ("build", IsOptimized() ? "Release (optimized)" : "Debug (NOT optimized: use -c Release)"),
            ("storage", $"Azurite {AzuriteVersion()} in memory on 127.0.0.1 (node {Run("node", "--version")})"),
            ("load", LoadAverage()),
        };
        Console.WriteLine("machine");
        foreach (var (name, value) in rows)
        {
            Console.WriteLine($"  {name,-12} {value}");
        }

        Console.WriteLine();
    }

    /// <summary>1, 5 and 15 minute load averages: other work on the machine skews timings (not request counts).</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]} (1/5/15 min load average)";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string CpuModel()
    {
        try
        {
            var lines = File.ReadAllLines("/proc/cpuinfo");
            foreach (var key in new[] { "model name", "Model", "Hardware", "cpu model", "uarch" })
            {
                var line = lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal));
                if (line is not null)
                {
                    var model = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                    var mhz = lines.FirstOrDefault(l => l.StartsWith("cpu MHz", StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal));
                    return mhz is null ? model : $"{model} ({mhz[(mhz.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()} MHz)";
                }
            }

            return "unknown (no model line in /proc/cpuinfo)";
        }
        catch (IOException e)
        {
            return $"unknown ({e.Message})";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"unknown ({e.Message})";
        }
    }

    private static string Memory()
    {
        var total = "?";
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture, out var kb))
            {
                total = $"{kb / 1024.0 / 1024.0:0.0} GiB";
            }
        }
        catch (IOException)
        {
            // Not Linux: the GC's figure below still says something.
        }

        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0;
        return string.Create(CultureInfo.InvariantCulture, $"{total} total (MemTotal), {available:0.0} GiB available to .NET");
    }

    private static bool IsOptimized()
    {
        var attribute = typeof(MachineInfo).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().FirstOrDefault();
        return attribute is null || !attribute.IsJITOptimizerDisabled;
    }

    private static string AzuriteVersion()
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteFixture.RepoRoot, "node_modules", "azurite", "package.json")));
            return json.RootElement.GetProperty("version").GetString() ?? "?";
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "?";
        }
    }

    private static string Run(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return "?";
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            return process.WaitForExit(10_000) ? output : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
