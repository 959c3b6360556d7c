using System.Net;
using MimeKit;

namespace Workflows.Application.Tests.Notifications;

/// <summary>An .eml file the Files mailer wrote, decoded: recipient, subject, text, HTML, the calendar attachment, headers.</summary>
internal sealed record EmlMail(string To, string Subject, string Text, string Html, string? Calendar, string Headers)
{
    public static EmlMail Load(string path)
    {
        using var message = MimeMessage.Load(path);
        var calendar = message.Attachments.OfType<MimePart>().Select(part =>
        {
            using var stream = new MemoryStream();
            part.Content!.DecodeTo(stream);
            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }).SingleOrDefault();
        return new EmlMail(
            message.To.Mailboxes.Single().Address,
            message.Subject ?? string.Empty,
            message.TextBody ?? string.Empty,
            message.HtmlBody ?? string.Empty,
            calendar,
            string.Join('\n', message.Headers.Select(h => $"{h.Field}: {h.Value}")));
    }

    /// <summary>What a reader could see, decoded (HTML entities too).</summary>
    public string Everything => string.Join('\n', Headers, Subject, Text, Html, WebUtility.HtmlDecode(Html), Calendar ?? string.Empty);
}
