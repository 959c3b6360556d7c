using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;

namespace Workflows.Orchestrations.Activities;

/// <summary>
/// Thrown to the runtime when the other side said when to try again (e.g. a provider's Retry-After): the retry
/// policy waits at least that long. The wait travels in the message, the one part of a failure the runtime keeps
/// across every backend.
/// </summary>
public sealed partial class ActivityDeferredException : Exception
{
    public ActivityDeferredException() : this("The activity was deferred.") { }

    public ActivityDeferredException(string message) : base(message) { }

    public ActivityDeferredException(string message, Exception inner) : base(message, inner) { }

    public ActivityDeferredException(string message, TimeSpan retryAfter)
        : base(FormattableString.Invariant($"{message} [retry-after-ms={(long)Math.Ceiling(retryAfter.TotalMilliseconds)}]"))
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan? RetryAfter { get; }

    /// <summary>The wait a failure of this type asked for, or null.</summary>
    public static TimeSpan? RetryAfterOf(TaskFailureDetails? failure)
    {
        return Cases.ActivityRetry.Is<ActivityDeferredException>(failure) && Marker().Match(failure!.ErrorMessage) is { Success: true } match
            && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? TimeSpan.FromMilliseconds(ms)
                : null;
    }

    [GeneratedRegex(@"\[retry-after-ms=([0-9]{1,12})\]\z", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
