using Workflows.Orchestrations.Client;
using System.Globalization;
using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Application.Notifications;

namespace Workflows.Application.DevClock;

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
        AdvanceRequest? request, VirtualTimeProvider clock, VirtualTimeDriver driver, ILogger<VirtualTimeProvider> logger, CancellationToken cancellationToken)
    {
        var (by, error) = Parse(request, clock.GetUtcNow());
        if (error is not null)
        {
            return TypedResults.ValidationProblem(error, detail: "The clock moves forward only, by a duration or to a later instant.");
        }

        var due = await driver.AdvanceToAsync(clock.GetUtcNow() + by, cancellationToken);
        logger.ClockAdvanced(by, clock.GetUtcNow(), due);
        return TypedResults.Ok(Response(clock, due));
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
