namespace Workflows.Engine.Runtime;

/// <summary>Exponential back-off with ±20 % jitter, so retries of many messages do not arrive in step.</summary>
internal static class Backoff
{
    public static TimeSpan For(long attempt, TimeSpan first, TimeSpan max)
    {
        if (first <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var raw = first.TotalMilliseconds * Math.Pow(2, exponent);
        var capped = Math.Min(raw, max.TotalMilliseconds);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(capped * jitter);
    }
}
