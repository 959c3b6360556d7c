namespace Workflows.Functions.DevClock;

/// <summary>Which clock the host runs on.</summary>
public enum ClockMode
{
    /// <summary>The system clock (always, outside Development).</summary>
    Real,

    /// <summary>Development only: a clock that runs along with real time and can be moved forward (<c>POST /dev/clock/advance</c>) for demos.</summary>
    Virtual,
}

/// <summary>Section "Clock".</summary>
public sealed class ClockOptions
{
    public const string Section = "Clock";

    public ClockMode Mode { get; set; } = ClockMode.Real;

    /// <summary>True only in Development with <c>Clock:Mode=Virtual</c>.</summary>
    public static bool IsVirtual(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment()
            && Enum.TryParse<ClockMode>(configuration[$"{Section}:{nameof(Mode)}"], ignoreCase: true, out var mode)
            && mode == ClockMode.Virtual;
    }
}
