namespace Workflows.Application.Notifications.Templates;

/// <summary>A template's output: subject, plain text and HTML, and the template's name (for history and tracing).</summary>
public sealed record RenderedMail(string Template, string Subject, string Text, string Html);
