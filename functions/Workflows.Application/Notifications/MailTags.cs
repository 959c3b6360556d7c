namespace Workflows.Application.Notifications;

/// <summary>Names of the tracing tags on every message (SendGrid custom args, <c>X-Workflows-*</c> headers in <c>.eml</c> files).</summary>
public static class MailTags
{
    public const string Template = "template";
    public const string Case = "case";
    public const string Step = "step";
    public const string Activity = "activity";
    public const string Date = "date";
}
