using System.Diagnostics;
using Xunit.Sdk;

namespace Workflows.Testing;

/// <summary>
/// Polls a condition in real time, for asserting on work done by background loops
/// (queue consumers, timers) against a real Azurite.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Waits until <paramref name="condition"/> returns true, polling every 25 ms, for at most
    /// <paramref name="timeout"/> (default 30 s). An exception from the condition counts as "not yet"
    /// and is reported if time runs out.
    /// </summary>
    public static async Task TrueAsync(
        Func<Task<bool>> condition,
        TimeSpan? timeout = null,
        string because = "",
        CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }

                last = null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                last = e;
            }

            if (clock.Elapsed >= limit)
            {
                var reason = string.IsNullOrEmpty(because) ? "" : $" ({because})";
                throw new XunitException(
                    $"Condition not true within {limit.TotalSeconds:0.###} s{reason}." +
                    (last is null ? "" : $" Last exception: {last}"));
            }

            await Task.Delay(PollInterval, TimeProvider.System, cancellationToken);
        }
    }
}
