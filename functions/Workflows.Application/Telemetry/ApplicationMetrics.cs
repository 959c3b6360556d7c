using System.Diagnostics.Metrics;

namespace Workflows.Application.Telemetry;

/// <summary>
/// What the application does for people, as metrics (meter <see cref="MeterName"/>): signals received, emails sent
/// and failed, overdue steps (escalations), how late reminders reach their recipients. Tags are codes (municipality,
/// template, case kind), never a person, an address or a case id.
/// </summary>
public static class ApplicationMetrics
{
    public const string MeterName = "Workflows";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> SignalsReceived = Meter.CreateCounter<long>(
        "workflows.signals.received", "{signal}", "New signals of payment arrears taken in (resubmissions not counted).");

    private static readonly Counter<long> EmailsSent = Meter.CreateCounter<long>(
        "workflows.emails.sent", "{email}", "Emails the provider accepted.");

    private static readonly Counter<long> EmailsFailed = Meter.CreateCounter<long>(
        "workflows.emails.failed", "{email}", "Emails the provider refused (not retried) or deferred (retried later).");

    private static readonly Counter<long> StepsOverdue = Meter.CreateCounter<long>(
        "workflows.steps.overdue", "{step}", "Steps past their due date without being done: escalations decided.");

    private static readonly Histogram<double> ReminderLateness = Meter.CreateHistogram<double>(
        "workflows.reminder.lateness", "s", "From the moment a case decided a reminder until the provider accepted it.");

    public static void SignalReceived(string municipality, bool mergedIntoHousehold) =>
        SignalsReceived.Add(1, new("municipality", municipality), new("merged", mergedIntoHousehold));

    public static void EmailSent(string template) => EmailsSent.Add(1, new KeyValuePair<string, object?>("template", template));

    /// <param name="outcome"><c>refused</c> or <c>deferred</c>.</param>
    public static void EmailFailed(string template, string outcome) =>
        EmailsFailed.Add(1, new("template", template), new("outcome", outcome));

    public static void StepOverdue(string caseKind, string step) =>
        StepsOverdue.Add(1, new("case.kind", caseKind), new("step", step));

    public static void ReminderDelivered(string caseKind, TimeSpan lateness) =>
        ReminderLateness.Record(Math.Max(0, lateness.TotalSeconds), new KeyValuePair<string, object?>("case.kind", caseKind));
}
