using Workflows.Orchestrations.Activities;

namespace Workflows.Application.Notifications;

/// <summary>
/// The one way a mail activity says "some recipients wait": the runtime retries it no sooner than the longest
/// Retry-After among them; those already sent are in the ledger and are not sent again.
/// </summary>
internal static class MailDeferral
{
    /// <summary>The first provider error's message, or that another run is sending right now.</summary>
    public static string Reason(IEnumerable<SendOutcome> deferred) =>
        deferred.Select(d => d.Error?.Message).FirstOrDefault(m => m is not null) ?? "Another run is sending.";

    public static ActivityException Retry(string message, IReadOnlyCollection<SendOutcome> deferred) =>
        new(message, retryable: true, retryAfter: deferred.Max(d => d.RetryAfter), inner: deferred.Select(d => d.Error).FirstOrDefault(e => e is not null));
}
