using System.ComponentModel.DataAnnotations;

namespace Workflows.Application.Notifications;

/// <summary>SendGrid settings. Section "SendGrid"; read only when <c>Mail:Provider</c> is SendGrid.</summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    /// <summary>The API key (mail send permission only). In Azure a Key Vault reference in the app settings, never in a file.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API's base address; tests point it at a local fake.</summary>
    [Required, Url]
    public string Host { get; set; } = "https://api.sendgrid.com";

    /// <summary>How long one send may take before it counts as a transient failure (and is retried by the runtime).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
