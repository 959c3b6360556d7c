using System.ComponentModel.DataAnnotations;

namespace Workflows.Application.Notifications;

/// <summary>Which mailer sends the email.</summary>
public enum MailProvider
{
    /// <summary>Writes each message as an <c>.eml</c> file under <see cref="MailOptions.Directory"/> (local default; no account needed).</summary>
    Files,

    /// <summary>Sends through SendGrid's v3 mail API (production); see <see cref="SendGridOptions"/>.</summary>
    SendGrid,
}

/// <summary>Email settings. Section "Mail".</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public const string DefaultDirectory = ".data/mail";

    /// <summary>Files (default; the local host writes <c>.eml</c> files) or SendGrid.</summary>
    public MailProvider Provider { get; set; } = MailProvider.Files;

    /// <summary>Sender address; for SendGrid a verified sender of the account.</summary>
    [Required, EmailAddress]
    public string From { get; set; } = "workflows@gemeente.example";

    /// <summary>Sender display name.</summary>
    [Required]
    public string FromName { get; set; } = "Werkprocessen gemeente";

    /// <summary>Where the coordinator pages live; links in emails are <c>{BaseUrl}/cases/{signal|trajectory}/{id}</c>.</summary>
    [Required]
    public string BaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>Folder of the Files mailer; a relative path is taken from the repository root (the folder with Workflows.sln), else the content root.</summary>
    public string Directory { get; set; } = DefaultDirectory;

    /// <summary>False stops the daily digest schedule from being started at host start (the schedule itself, once started, keeps running).</summary>
    public bool DigestEnabled { get; set; } = true;

    /// <summary>The folder's full path (see <see cref="Directory"/>).</summary>
    public string ResolveDirectory(string contentRoot)
    {
        var directory = string.IsNullOrWhiteSpace(Directory) ? DefaultDirectory : Directory;
        return Hosting.LocalPath.Resolve(contentRoot, directory);
    }
}
