namespace Workflows.Orchestrations.Client;

/// <summary>
/// The demo clock: real time plus an offset that only grows. It starts at the real now, runs along with real
/// time (so timers a few seconds ahead still fire by themselves), and <see cref="Advance"/> moves it forward.
/// Timestamps and timer callbacks stay on real time: they measure durations, not dates.
/// </summary>
public sealed class VirtualTimeProvider(TimeProvider real) : TimeProvider
{
    private long _offsetTicks;

    public VirtualTimeProvider() : this(System) { }

    /// <summary>A clock that reads <paramref name="start"/> now (earlier or later than real time) and runs on from there.</summary>
    public VirtualTimeProvider(TimeProvider real, DateTimeOffset start) : this(real)
    {
        ArgumentNullException.ThrowIfNull(real);
        _offsetTicks = (start - real.GetUtcNow()).Ticks;
    }

    /// <summary>How far ahead of real time this clock is.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    public override long TimestampFrequency => real.TimestampFrequency;

    public override long GetTimestamp() => real.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        real.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock forward by <paramref name="by"/> (zero or more) and returns the new now.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return GetUtcNow();
    }
}
