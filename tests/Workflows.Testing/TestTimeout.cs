namespace Workflows.Testing;

/// <summary>A real-time deadline for a test, so a stuck await fails the test instead of hanging the run.</summary>
public static class TestTimeout
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    /// <summary>A token cancelled after <paramref name="timeout"/> (default 60 s) of wall-clock time.</summary>
    public static CancellationToken Token(TimeSpan? timeout = null) =>
        // Not disposed on purpose: the timer goes away when it fires, and tests are short-lived.
        new CancellationTokenSource(timeout ?? Default, TimeProvider.System).Token;
}
