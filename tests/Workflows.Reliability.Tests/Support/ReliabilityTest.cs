using System.Diagnostics;
using Workflows.Testing;
using Workflows.Testing.Host;
using Xunit.Abstractions;

namespace Workflows.Reliability.Tests.Support;

/// <summary>
/// What every reliability test has: host processes it started (always killed at the end, their output shown),
/// a deadline, and bounded waits.
/// </summary>
public abstract class ReliabilityTest(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<HostProcess> _hosts = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>The whole test's deadline.</summary>
    protected CancellationToken Ct { get; } = TestTimeout.Token(TimeSpan.FromMinutes(3));

    protected IReadOnlyList<HostProcess> Hosts => _hosts;

    public virtual Task InitializeAsync()
    {
        Log($"host processes get their own worker id: {HostProcess.OwnWorkerId}");
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.WriteTo(Output);
            await host.DisposeAsync();
        }
    }

    protected async Task<HostProcess> StartHostAsync(string name, string connectionString, string taskHub, int partitions, int continueAsNewAfter = 5)
    {
        var host = await HostProcess.StartAsync(name, connectionString, taskHub, partitions, continueAsNewAfter, Ct);
        lock (_hosts)
        {
            _hosts.Add(host);
        }

        Log($"host {name} ready: worker {host.WorkerId}, pid {host.Pid}");
        return host;
    }

    protected void Log(string line)
    {
        try
        {
            Output.WriteLine($"[{_clock.Elapsed.TotalSeconds,7:0.000}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test is over.
        }
    }

    /// <summary>Polls every half second until <paramref name="condition"/> holds; storage errors count as "not yet".</summary>
    protected async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            Ct.ThrowIfCancellationRequested();
            try
            {
                if (await condition())
                {
                    Log($"{because}: after {clock.Elapsed.TotalSeconds:0.0} s");
                    return;
                }

                last = null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !Ct.IsCancellationRequested)
            {
                last = e;
            }

            if (clock.Elapsed >= timeout)
            {
                throw new Xunit.Sdk.XunitException($"Not true within {timeout.TotalSeconds:0} s: {because}." + (last is null ? "" : $" Last error: {last.Message}"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, Ct);
        }
    }

    /// <summary>The probe's events and timers of each case, for the assertion message.</summary>
    protected static string Describe(IEnumerable<(string Id, ReliabilityProbeState? State)> cases) =>
        string.Join("\n", cases.Select(c => $"{c.Id}: events [{string.Join(",", c.State?.Events ?? [])}] fired [{string.Join(",", c.State?.Fired ?? [])}]"));
}
