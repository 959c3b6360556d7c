using Workflows.Orchestrations.Client;
using System.Globalization;
using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine;
using Workflows.Functions.Notifications;

namespace Workflows.Functions.DevClock;

/// <summary>Body of <c>POST /dev/clock/advance</c>: exactly one of <c>by</c> (ISO 8601 duration, e.g. "P3D", "PT2H") or <c>to</c> (an instant).</summary>
public sealed record AdvanceRequest(string? By, string? To);

/// <summary>The clock after the call: the new now, how far it runs ahead of real time, and the timers the sweep moved.</summary>
public sealed record ClockResponse(DateTimeOffset Now, string Offset, int? TimersDue = null);

/// <summary>
/// The demo clock's endpoints, mapped only in Development with <c>Clock:Mode=Virtual</c> (elsewhere the routes do
/// not exist: 404). <c>POST /dev/clock/advance</c> moves the clock forward, never back, firing every timer that
/// falls due on the way at its own instant.
/// </summary>
public static class DevClockApi
{
    public const string Path = "/dev/clock";

    /// <summary>A bound on the timers one call steps through (a demo advances days or weeks, not years of a busy system).</summary>
    private const int MaxSteps = 2000;

    /// <summary>A message that keeps failing backs off for longer than a demo should wait; the clock moves on and it fires later.</summary>
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapDevClock(this IEndpointRouteBuilder endpoints, IConfiguration configuration, IHostEnvironment environment)
    {
        if (!ClockOptions.IsVirtual(configuration, environment))
        {
            return endpoints;
        }

        // Open, as it always was: it exists only on a developer machine in Development with the virtual clock.
        var clock = endpoints.MapGroup(Path).WithTags("Development").ExcludeFromDescription().AllowAnonymous();
        clock.MapGet(string.Empty, Get);
        clock.MapPost("/advance", AdvanceAsync);
        return endpoints;
    }

    internal static Ok<ClockResponse> Get(VirtualTimeProvider clock) => TypedResults.Ok(Response(clock, null));

    internal static async Task<Results<Ok<ClockResponse>, ValidationProblem>> AdvanceAsync(
        AdvanceRequest? request, VirtualTimeProvider clock, WorkflowEngine engine, ILogger<VirtualTimeProvider> logger, CancellationToken cancellationToken)
    {
        var (by, error) = Parse(request, clock.GetUtcNow());
        if (error is not null)
        {
            return TypedResults.ValidationProblem(error, detail: "The clock moves forward only, by a duration or to a later instant.");
        }

        var due = await StepAsync(clock, engine, clock.GetUtcNow() + by, cancellationToken);
        logger.ClockAdvanced(by, clock.GetUtcNow(), due);
        return TypedResults.Ok(Response(clock, due));
    }

    /// <summary>
    /// Moves the clock to <paramref name="target"/> from timer to timer: each timer fires at its own due
    /// instant and what it sets off (emails, the next timers) settles before the clock moves on, so three
    /// days pass as three days would (each morning's digest, each reminder on its date), not as one jump.
    /// </summary>
    private static async Task<int> StepAsync(VirtualTimeProvider clock, WorkflowEngine engine, DateTimeOffset target, CancellationToken cancellationToken)
    {
        var fired = 0;
        for (var step = 0; step < MaxSteps && await engine.NextTimerDueAsync(target, cancellationToken) is { } next; step++)
        {
            MoveTo(clock, next);
            fired += await engine.SweepTimersAsync(cancellationToken);
            await SettleAsync(engine, cancellationToken);
        }

        MoveTo(clock, target);
        fired += await engine.SweepTimersAsync(cancellationToken);
        await SettleAsync(engine, cancellationToken);
        return fired;
    }

    private static void MoveTo(VirtualTimeProvider clock, DateTimeOffset instant)
    {
        var by = instant - clock.GetUtcNow();
        if (by > TimeSpan.Zero)
        {
            clock.Advance(by);
        }
    }

    /// <summary>Waits (up to <see cref="SettleLimit"/> of real time) until the engine's loops have nothing left to do.</summary>
    private static async Task SettleAsync(WorkflowEngine engine, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(SettleLimit.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (await engine.HasPendingWorkAsync(cancellationToken) && TimeProvider.System.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, cancellationToken);
        }
    }

    private static (TimeSpan By, Dictionary<string, string[]>? Errors) Parse(AdvanceRequest? request, DateTimeOffset now)
    {
        if ((request?.By is null) == (request?.To is null))
        {
            return (default, new() { [""] = ["Give exactly one of \"by\" (an ISO 8601 duration such as \"P3D\") and \"to\" (an instant)."] });
        }

        if (request!.By is { } by)
        {
            TimeSpan span;
            try
            {
                span = XmlConvert.ToTimeSpan(by);
            }
            catch (FormatException)
            {
                return (default, new() { ["by"] = ["Must be an ISO 8601 duration, e.g. \"P3D\" or \"PT2H30M\"."] });
            }
            catch (OverflowException)
            {
                return (default, new() { ["by"] = ["Too long."] });
            }

            return span < TimeSpan.Zero
                ? (default, new() { ["by"] = ["The clock never moves backward."] })
                : (span, null);
        }

        if (!DateTimeOffset.TryParse(request.To, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var to))
        {
            return (default, new() { ["to"] = ["Must be an ISO 8601 instant, e.g. \"2027-01-01T08:00:00Z\"."] });
        }

        return to < now
            ? (default, new() { ["to"] = [$"The clock never moves backward; it is {now:O} now."] })
            : (to - now, null);
    }

    private static ClockResponse Response(VirtualTimeProvider clock, int? due) =>
        new(clock.GetUtcNow(), XmlConvert.ToString(clock.Offset), due);
}
