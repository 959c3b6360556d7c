using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Workflows.Application.Notifications;

/// <summary>
/// The local mailer: writes each message as an RFC 5322 <c>.eml</c> file (multipart/alternative text and HTML,
/// the <c>.ics</c> attached) under <c>Mail:Directory</c>, so a newcomer sees every email without an account.
/// The file appears whole or not at all (written aside, then moved into place).
/// </summary>
public sealed class FileMailer(IOptions<MailOptions> options, IHostEnvironment environment, TimeProvider clock) : IMailer
{
    private readonly MailOptions _options = options.Value;

    /// <summary>The folder the files go to.</summary>
    public string Directory { get; } = options.Value.ResolveDirectory(environment.ContentRootPath);

    public async Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var now = clock.GetUtcNow();
        var message = Build(mail, now);
        var name = $"{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{SafeName(mail.Reference)}.eml";
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name);
        var temporary = Path.Combine(Directory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await message.WriteToAsync(FormatOptions.Default, temporary, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        catch (IOException ex)
        {
            File.Delete(temporary);
            throw new MailDeliveryException("The mail file could not be written.", permanent: false, inner: ex);
        }

        return new MailReceipt(name);
    }

    internal MimeMessage Build(OutgoingMail mail, DateTimeOffset now)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = now,
            MessageId = $"{SafeName(mail.Reference)}.{now.UtcTicks}@workflows",
        };
        message.From.Add(new MailboxAddress(_options.FromName, _options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        foreach (var (name, value) in mail.Tags)
        {
            message.Headers.Add($"X-Workflows-{char.ToUpperInvariant(name[0])}{name[1..]}", value);
        }

        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = mail.Text },
            new TextPart("html") { Text = mail.Html },
        };
        foreach (var part in alternative.OfType<TextPart>())
        {
            part.SetText(Encoding.UTF8, part.Text);
        }

        if (mail.Calendar is not { } ics)
        {
            message.Body = alternative;
            return message;
        }

        var attachment = new MimePart(ContentType.Parse(ics.ContentType))
        {
            Content = new MimeContent(new MemoryStream(ics.Content)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = ics.FileName,
        };
        message.Body = new Multipart("mixed") { alternative, attachment };
        return message;
    }

    /// <summary>Activity ids and staff ids are letters, digits and a few marks; anything else becomes '_'.</summary>
    internal static string SafeName(string value) =>
        string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
