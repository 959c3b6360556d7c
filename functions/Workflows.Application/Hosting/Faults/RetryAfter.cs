using System.Globalization;

namespace Workflows.Application.Hosting.Faults;

/// <summary>The <c>Retry-After</c> header (RFC 9110 §10.2.3) of a 429 or 503: whole seconds, rounded up, at least 1.</summary>
internal static class RetryAfter
{
    public static void Set(HttpResponse response, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = Seconds(delay).ToString(CultureInfo.InvariantCulture);
    }

    public static long Seconds(TimeSpan delay) => Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds));
}
