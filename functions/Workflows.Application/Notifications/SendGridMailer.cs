using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Workflows.Application.Notifications;

/// <summary>
/// Sends through SendGrid's v3 mail API with the <c>SendGrid</c> client. It never retries itself: a 429 (with
/// its Retry-After), a 5xx or a network failure is a transient <see cref="MailDeliveryException"/> that the
/// notify activity turns into a durable activity retry; any other 4xx is permanent. Tracking is off (no link
/// rewriting, no open pixel) and categories and custom args carry only case reference, step and template.
/// </summary>
public sealed class SendGridMailer : IMailer
{
    public const string HttpClientName = "sendgrid";

    private readonly IHttpClientFactory _httpClients;
    private readonly SendGridOptions _options;
    private readonly MailOptions _mail;

    public SendGridMailer(IHttpClientFactory httpClients, IOptions<SendGridOptions> sendGrid, IOptions<MailOptions> mail)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(sendGrid);
        ArgumentNullException.ThrowIfNull(mail);
        _httpClients = httpClients;
        _options = sendGrid.Value;
        _mail = mail.Value;
    }

    public async Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = new SendGridMessage
        {
            From = new EmailAddress(_mail.From, _mail.FromName),
            Subject = mail.Subject,
            PlainTextContent = mail.Text,
            HtmlContent = mail.Html,
        };
        message.AddTo(new EmailAddress(mail.To));
        message.AddCategory("workflows");
        if (mail.Tags.TryGetValue(MailTags.Template, out var template))
        {
            message.AddCategory(template);
        }

        foreach (var (name, value) in mail.Tags)
        {
            message.AddGlobalCustomArg(name, value);
        }

        if (mail.Calendar is { } ics)
        {
            message.AddAttachment(ics.FileName, Convert.ToBase64String(ics.Content), ics.ContentType, "attachment");
        }

        message.SetClickTracking(false, false);
        message.SetOpenTracking(false);

        // A client per send on the factory's pooled handlers (cheap), so handler rotation (DNS changes) applies.
        var http = _httpClients.CreateClient(HttpClientName);
        http.Timeout = _options.Timeout;
        var client = new SendGridClient(http, new SendGridClientOptions
        {
            ApiKey = _options.ApiKey,
            Host = _options.Host.TrimEnd('/'),
            HttpErrorAsException = false,
        });
        Response response;
        try
        {
            response = await client.SendEmailAsync(message, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new MailDeliveryException("SendGrid could not be reached.", permanent: false, inner: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MailDeliveryException("SendGrid did not answer in time.", permanent: false, inner: ex);
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var id = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
            return new MailReceipt(string.IsNullOrEmpty(id) ? $"sendgrid-{status}" : id);
        }

        // The body may echo the request (addresses): it is never put in an exception or a log.
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new MailDeliveryException("SendGrid answered 429 Too Many Requests.", permanent: false, status, RetryAfter(response.Headers));
        }

        if (status >= 500)
        {
            throw new MailDeliveryException($"SendGrid answered {status}.", permanent: false, status, RetryAfter(response.Headers));
        }

        throw new MailDeliveryException($"SendGrid refused the message with {status}.", permanent: true, status);
    }

    /// <summary>Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3); null when absent or in the past.</summary>
    private static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        var retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is { } delta && delta > TimeSpan.Zero)
        {
            return delta;
        }

        // An HTTP date is wall-clock time of the provider, so compare with the real clock, not business time.
        if (retryAfter?.Date is { } date && date - TimeProvider.System.GetUtcNow() is var wait && wait > TimeSpan.Zero)
        {
            return wait;
        }

        return null;
    }
}
