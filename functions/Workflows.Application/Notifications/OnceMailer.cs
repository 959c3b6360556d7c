using Workflows.Application.Telemetry;

namespace Workflows.Application.Notifications;

/// <summary>How one send through <see cref="OnceMailer"/> ended.</summary>
public enum SendStatus
{
    /// <summary>Accepted by the provider, now or by an earlier run.</summary>
    Sent,

    /// <summary>Refused for good (e.g. 400), now or by an earlier run; not tried again.</summary>
    Refused,

    /// <summary>Not sent yet: the provider failed for now, or another run is sending it right now. Try again later.</summary>
    Deferred,

    /// <summary>Not sent, on purpose (a later notification of the same step took over).</summary>
    Skipped,
}

/// <summary>The outcome, with the provider's message id (sent), status (refused) or retry hint (deferred).</summary>
public sealed record SendOutcome(SendStatus Status, string? MessageId = null, int? RefusedWith = null, TimeSpan? RetryAfter = null, MailDeliveryException? Error = null);

/// <summary>
/// Sends a message to a recipient at most once per ledger key (activity id or digest date, and recipient), however
/// often and however concurrently the activity runs: claim in the <see cref="MailLedger"/>, send, record. Only the
/// window between the provider accepting and the ledger write can repeat a message (a crash exactly there).
/// </summary>
public sealed class OnceMailer(IMailer mailer, MailLedger ledger, TimeProvider clock, ILogger<OnceMailer> logger)
{
    /// <summary>How long a claim holds: longer than the longest send (SendGrid:Timeout is at most a minute).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(2);

    /// <param name="mayProceed">Checked after the claim, just before sending; false skips the message.</param>
    public async Task<SendOutcome> SendAsync(
        string partition, string recipient, OutgoingMail mail, string activityId, int attempt, Func<Task<bool>>? mayProceed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var template = mail.Tags.GetValueOrDefault(MailTags.Template) ?? "mail";
        var owner = Guid.NewGuid().ToString("N");
        var claim = await ledger.ClaimAsync(partition, recipient, owner, Lease, cancellationToken);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Done when claim.Done!.Sent:
                return new SendOutcome(SendStatus.Sent, claim.Done.MessageId);
            case ClaimOutcome.Done:
                return new SendOutcome(SendStatus.Refused, RefusedWith: claim.Done!.RefusedWith);
            case ClaimOutcome.Waiting:
                // The provider's Retry-After, recorded by an earlier run, holds for every run.
                return new SendOutcome(SendStatus.Deferred, RetryAfter: claim.HeldFor);
            case ClaimOutcome.Busy:
                // Usually a duplicate run that is sending right now: look again soon rather than at the lease's end.
                return new SendOutcome(SendStatus.Deferred, RetryAfter: claim.HeldFor < BusyRetry ? claim.HeldFor : BusyRetry);
        }

        if (mayProceed is not null && !await mayProceed())
        {
            await ledger.ReleaseAsync(partition, recipient, owner, notBefore: null, cancellationToken);
            return new SendOutcome(SendStatus.Skipped);
        }

        try
        {
            var receipt = await mailer.SendAsync(mail, cancellationToken);
            await ledger.RecordSentAsync(partition, recipient, receipt.MessageId, clock.GetUtcNow(), cancellationToken);
            logger.MailSent(template, activityId, recipient, receipt.MessageId);
            ApplicationMetrics.EmailSent(template);
            return new SendOutcome(SendStatus.Sent, receipt.MessageId);
        }
        catch (MailDeliveryException ex) when (ex.Permanent)
        {
            await ledger.RecordRefusedAsync(partition, recipient, ex.Status ?? 0, clock.GetUtcNow(), cancellationToken);
            logger.MailRefused(ex, template, activityId, recipient, ex.Status ?? 0);
            ApplicationMetrics.EmailFailed(template, "refused");
            return new SendOutcome(SendStatus.Refused, RefusedWith: ex.Status ?? 0, Error: ex);
        }
        catch (MailDeliveryException ex)
        {
            var notBefore = ex.RetryAfter is { } wait && wait > TimeSpan.Zero ? TimeProvider.System.GetUtcNow() + wait : (DateTimeOffset?)null;
            await ledger.ReleaseAsync(partition, recipient, owner, notBefore, cancellationToken);

            logger.MailDeferred(template, activityId, recipient, ex.Status, ex.RetryAfter, attempt);
            ApplicationMetrics.EmailFailed(template, "deferred");
            return new SendOutcome(SendStatus.Deferred, RetryAfter: ex.RetryAfter, Error: ex);
        }
    }
}
