using System.Text;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Workflows.Application.Notifications;

namespace Workflows.Application.Tests.Notifications;

/// <summary>The local mailer: one RFC 5322 .eml per message, multipart/alternative text and HTML, the .ics attached.</summary>
public sealed class FileMailerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "workflows-tests", $"mail-{Guid.NewGuid():N}");

    [Fact]
    public async Task Message_is_written_as_an_eml_with_text_html_and_the_calendar_attachment()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 6, 7, 0, 0, TimeSpan.Zero));
        var mailer = new FileMailer(Options.Create(new MailOptions { Directory = _directory, From = "werk@gemeente.example", FromName = "Werk" }), new Environment(), clock);
        var ics = new MailAttachment("termijn.ics", "text/calendar; charset=utf-8; method=REQUEST", Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"));
        var mail = new OutgoingMail("coord.a@gemeente.example", "Herinnering: Eerste contactpoging", "Tekst met ë", "<p>HTML met &euml;</p>",
            "sig-1.reminder.first-contact.20261109.coord-a@x", new Dictionary<string, string> { ["template"] = "reminder", ["case"] = "sig-1" }, ics);

        var receipt = await mailer.SendAsync(mail, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_directory));
        Assert.Equal(Path.GetFileName(file), receipt.MessageId);
        Assert.Equal("20261106T070000000Z-sig-1.reminder.first-contact.20261109.coord-a_x.eml", receipt.MessageId);
        using var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("Herinnering: Eerste contactpoging", message.Subject);
        Assert.Equal("werk@gemeente.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("coord.a@gemeente.example", message.To.Mailboxes.Single().Address);
        Assert.Equal(clock.GetUtcNow(), message.Date);
        Assert.Equal("reminder", message.Headers["X-Workflows-Template"]);
        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("Tekst met ë", message.TextBody?.TrimEnd());
        var attachment = Assert.IsAssignableFrom<MimePart>(mixed[1]);
        Assert.Equal("termijn.ics", attachment.FileName);
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);
        Assert.Equal("REQUEST", attachment.ContentType.Parameters["method"]);
    }

    [Fact]
    public void Relative_directory_is_under_the_repository_root()
    {
        var options = new MailOptions();
        var contentRoot = Path.Combine(Workflows.Testing.AzuriteFixture.RepoRoot, "functions", "Workflows.LocalHost");

        Assert.Equal(Path.Combine(Workflows.Testing.AzuriteFixture.RepoRoot, ".data", "mail"), options.ResolveDirectory(contentRoot));
        Assert.Equal(_directory, new MailOptions { Directory = _directory }.ResolveDirectory(contentRoot));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";

        public string ApplicationName { get; set; } = "Workflows.LocalHost";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
