namespace Workflows.Orchestrations.Client;

/// <summary>
/// Business time on the client side (ARCHITECTURE §5.7): in production the system clock (skew 0, cases take no
/// clock moves); on a developer's machine and in tests a <see cref="VirtualTimeProvider"/>, whose offset new cases
/// start with and <see cref="VirtualTimeDriver"/> hands to running ones.
/// </summary>
public sealed class CaseClock
{
    private readonly VirtualTimeProvider? _virtual;

    private CaseClock(TimeProvider business, VirtualTimeProvider? virtualTime)
    {
        Business = business;
        _virtual = virtualTime;
    }

    /// <summary>The production clock.</summary>
    public static CaseClock System { get; } = new(TimeProvider.System, null);

    /// <summary>A clock that runs ahead of real time by <paramref name="clock"/>'s offset.</summary>
    public static CaseClock Virtual(VirtualTimeProvider clock) => new(clock ?? throw new ArgumentNullException(nameof(clock)), clock);

    public TimeProvider Business { get; }

    /// <summary>The virtual clock, or null in production.</summary>
    public VirtualTimeProvider? VirtualClock => _virtual;

    /// <summary>Whether cases started now take clock moves (Development and tests only).</summary>
    public bool IsVirtual => _virtual is not null;

    public DateTimeOffset Now => Business.GetUtcNow();

    /// <summary>Business time minus real time (negative for a clock set in the past, as tests do): 0 in production.</summary>
    public TimeSpan Skew => _virtual?.Offset ?? TimeSpan.Zero;
}
