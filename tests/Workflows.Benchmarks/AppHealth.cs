using System.Net;

namespace Workflows.Benchmarks;

/// <summary>Waiting for the real app in-process (the benchmarks that drive it over HTTP).</summary>
internal static class AppHealth
{
    /// <summary>Polls <c>/healthz</c> until it answers 200 (its storage answers), at most a minute.</summary>
    public static async Task WaitHealthyAsync(HttpClient client, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, ct);
        }

        throw new InvalidOperationException("The app did not become healthy within a minute.");
    }
}
