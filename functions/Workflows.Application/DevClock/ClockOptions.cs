namespace Workflows.Application.DevClock;

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

    /// <summary>True only in Development on a developer's machine (<see cref="Auth.LocalDevelopment"/>) with <c>Clock:Mode=Virtual</c>.</summary>
    public static bool IsVirtual(IConfiguration configuration, IHostEnvironment environment) =>
        IsVirtual(configuration, environment, Environment.GetEnvironmentVariable);

    internal static bool IsVirtual(IConfiguration configuration, IHostEnvironment environment, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        // A developer's machine only (as for staff keys): a host in Azure misconfigured as Development must not
        // let anyone move its clock, which would fire reminders and retention purges early.
        return Auth.LocalDevelopment.Is(environment, variable)
            && Enum.TryParse<ClockMode>(configuration[$"{Section}:{nameof(Mode)}"], ignoreCase: true, out var mode)
            && mode == ClockMode.Virtual;
    }
}
