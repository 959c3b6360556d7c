namespace Workflows.Application.Notifications;

/// <summary>
/// Sends one email to one recipient. Implementations are chosen by <c>Mail:Provider</c>: <see cref="SendGridMailer"/>
/// or <see cref="FileMailer"/>. A failure is a <see cref="MailDeliveryException"/> that says whether to try again;
/// the caller (a case activity) turns that into a durable retry.
/// </summary>
public interface IMailer
{
    /// <summary>Sends <paramref name="mail"/>; returns the provider's message id once the provider accepted it.</summary>
    Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>
/// One message to one address. <see cref="Tags"/> travel as SendGrid custom args and <c>.eml</c> headers for
/// tracing (case reference, step, template, activity id): never personal data.
/// </summary>
/// <param name="To">The recipient's work email address.</param>
/// <param name="Reference">Stable id of this message (activity id and recipient), for file names and tracing.</param>
public sealed record OutgoingMail(
    string To,
    string Subject,
    string Text,
    string Html,
    string Reference,
    IReadOnlyDictionary<string, string> Tags,
    MailAttachment? Calendar = null);

/// <summary>An attachment: file name, MIME type (e.g. <c>text/calendar; method=REQUEST</c>) and content.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>The provider took the message: its id (SendGrid's X-Message-Id, or the <c>.eml</c> file name).</summary>
public sealed record MailReceipt(string MessageId);

/// <summary>A send that did not go through: transient (retry later, perhaps after <see cref="RetryAfter"/>) or permanent.</summary>
public sealed class MailDeliveryException : Exception
{
    public MailDeliveryException() : this("Mail delivery failed.") { }

    public MailDeliveryException(string message) : this(message, permanent: false) { }

    public MailDeliveryException(string message, Exception inner) : this(message, permanent: false, inner: inner) { }

    public MailDeliveryException(string message, bool permanent, int? status = null, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Permanent = permanent;
        Status = status;
        RetryAfter = retryAfter;
    }

    /// <summary>True: trying again cannot help (e.g. 400: the request itself is wrong).</summary>
    public bool Permanent { get; }

    /// <summary>The provider's HTTP status, when there was an answer.</summary>
    public int? Status { get; }

    /// <summary>When the provider said to come back (429 Retry-After).</summary>
    public TimeSpan? RetryAfter { get; }
}
