using Microsoft.Extensions.Options;
using Workflows.Domain.Cases;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Application.Auth;
using Workflows.Application.Notifications.Templates;
using Workflows.Application.Telemetry;

namespace Workflows.Application.Notifications;

/// <summary>
/// The "notify" activity: a reminder, escalation or cancellation of one case step, sent to the people its roles
/// name (RULES §3). Runs at least once, so every message is deduped in the <see cref="MailLedger"/> by activity
/// id and recipient: once the provider accepted it, it is never sent again. A transient failure (429, 5xx,
/// provider unreachable) throws a retryable <see cref="ActivityException"/> (honouring Retry-After), so the
/// runtime retries durably, across restarts, with the orchestrator's retry policy (Cases:Activity*; attempts within
/// the provider's Retry-After send nothing: the ledger holds them back); a refusal (other 4xx) is not retried, the
/// case records the failure and the admins get an alert naming the staff ids (ARCHITECTURE §6), which also stands
/// for the runtime's alert-admins about this activity (<see cref="AdminAlertActivity"/>). Reminders carry a calendar item (<see cref="CalendarItems"/>); cancellations go to
/// whoever holds that item.
/// </summary>
public sealed class NotifyActivity(
    OnceMailer once,
    MailLedger ledger,
    RecipientResolver recipients,
    StaffDirectory directory,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<NotifyActivity> logger) : IActivityHandler
{
    private readonly MailOptions _options = options.Value;
    private readonly MailTemplates _templates = new(options.Value.BaseUrl);

    public string Name => Notification.ActivityName;

    public async Task<object?> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var notification = context.InputAs<Notification>();
        var rendered = _templates.For(notification);
        var calendar = notification.Kind is NotificationKind.Reminder or NotificationKind.Cancellation;

        IReadOnlyList<Recipient> to;
        CalendarReservation? reservation = null;
        if (notification.Kind == NotificationKind.Cancellation)
        {
            // Whoever holds the calendar item of this step, as recorded when the reminders went out.
            reservation = await ledger.ReserveAsync(notification.CaseId, notification.StepKey, context.ActivityId, SequenceNow(), takeRecipients: true, cancellationToken);
            var found = new List<Recipient>();
            foreach (var key in reservation.Recipients)
            {
                if (await recipients.FindAsync(key, notification.Municipality, context.ActivityId, cancellationToken) is { } recipient)
                {
                    found.Add(recipient);
                }
            }

            to = found;
        }
        else
        {
            to = await recipients.ResolveAsync(notification, context.ActivityId, cancellationToken);
            if (calendar)
            {
                reservation = await ledger.ReserveAsync(notification.CaseId, notification.StepKey, context.ActivityId, SequenceNow(), takeRecipients: false, cancellationToken);
            }
        }

        if (to.Count == 0)
        {
            logger.NoRecipients(rendered.Template, context.ActivityId);
        }

        var partition = MailLedger.SentPartition(context.ActivityId);
        var sent = new List<(string Key, string MessageId)>();
        var refused = new List<(string Key, int Status)>();
        var deferred = new List<SendOutcome>();
        foreach (var recipient in to)
        {
            var mail = new OutgoingMail(
                recipient.Email,
                rendered.Subject,
                rendered.Text,
                rendered.Html,
                $"{context.ActivityId}.{recipient.Key}",
                new Dictionary<string, string>
                {
                    [MailTags.Template] = rendered.Template,
                    [MailTags.Case] = notification.CaseId,
                    [MailTags.Step] = notification.StepKey,
                    [MailTags.Activity] = context.ActivityId,
                },
                reservation is { } item
                    ? CalendarItems.For(notification, item.Sequence, clock.GetUtcNow(), _options.BaseUrl, _options.From, recipient.Email)
                    : null);
            Func<Task<bool>>? current = reservation is { } r ? () => StillCurrentAsync(notification, r, recipient, cancellationToken) : null;
            var outcome = await once.SendAsync(partition, recipient.Key, mail, context.ActivityId, context.Attempt, current, cancellationToken);
            switch (outcome.Status)
            {
                case SendStatus.Sent:
                    sent.Add((recipient.Key, outcome.MessageId!));
                    break;
                case SendStatus.Refused:
                    refused.Add((recipient.Key, outcome.RefusedWith ?? 0));
                    break;
                case SendStatus.Deferred:
                    deferred.Add(outcome);
                    break;
                default:
                    logger.Superseded(rendered.Template, context.ActivityId);
                    return new NotifyResult([.. sent.Select(s => s.Key)], rendered.Template, clock.GetUtcNow(), [.. sent.Select(s => s.MessageId)], Superseded: true);
            }
        }

        if (deferred.Count > 0)
        {
            // The ones that went out are in the ledger and are not sent again; the runtime retries the rest durably.
            throw MailDeferral.Retry($"{MailDeferral.Reason(deferred)} Sent: {Keys(sent.Select(s => s.Key))}; waiting: {deferred.Count}.", deferred);
        }

        if (refused.Count > 0)
        {
            logger.NotificationRefused(rendered.Template, context.ActivityId, refused.Count);
            await AlertAdminsAsync(notification, context, refused, cancellationToken);

            // Not retried: the case records "notification-failed" with this reason (ids only).
            throw new ActivityException(
                $"The mail provider refused the {rendered.Template} for {Keys(refused.Select(r => $"{r.Key} ({r.Status})"))}. Sent: {Keys(sent.Select(s => s.Key))}.",
                retryable: false);
        }

        Measure(notification, context, sent.Count);
        return new NotifyResult([.. sent.Select(s => s.Key)], rendered.Template, clock.GetUtcNow(), [.. sent.Select(s => s.MessageId)]);
    }

    /// <summary>An escalation is an overdue step; a reminder's lateness runs from its decision to the provider's acceptance.</summary>
    private void Measure(Notification notification, ActivityContext context, int sent)
    {
        var kind = notification.CaseKind.ToString().ToLowerInvariant();
        if (notification.Kind == NotificationKind.Escalation)
        {
            ApplicationMetrics.StepOverdue(kind, notification.StepKey);
        }
        else if (notification.Kind == NotificationKind.Reminder && sent > 0 && context.DecidedAt != default)
        {
            ApplicationMetrics.ReminderDelivered(kind, clock.GetUtcNow() - context.DecidedAt);
        }
    }

    /// <summary>
    /// Tells every admin (once each, through the same ledger) that the provider refused this notification. An
    /// alert the provider cannot take now makes the activity retry (the refused mails are not sent again); an
    /// alert refused as well, or no admin with an email, leaves the error log as the only trace.
    /// </summary>
    private async Task AlertAdminsAsync(
        Notification notification, ActivityContext context, List<(string Key, int Status)> refused, CancellationToken cancellationToken)
    {
        var admins = (await directory.AdminsAsync(cancellationToken)).Where(a => a.Email is { Length: > 0 }).ToList();
        if (admins.Count == 0)
        {
            logger.NoAdminToAlert(context.ActivityId);
            return;
        }

        var rendered = _templates.RenderDeliveryFailed(notification, refused.Select(r => $"{r.Key} ({r.Status})"));
        var deferred = new List<SendOutcome>();
        foreach (var admin in admins)
        {
            var mail = new OutgoingMail(
                admin.Email!,
                rendered.Subject,
                rendered.Text,
                rendered.Html,
                $"{context.ActivityId}.alert.{admin.Id}",
                new Dictionary<string, string>
                {
                    [MailTags.Template] = rendered.Template,
                    [MailTags.Case] = notification.CaseId,
                    [MailTags.Step] = notification.StepKey,
                    [MailTags.Activity] = context.ActivityId,
                });
            // The same ledger row as the runtime's alert-admins for this activity, so an admin hears of it once.
            var (alertPartition, alertKey) = AdminAlertActivity.LedgerKey(context.ActivityId, admin.Id);
            var outcome = await once.SendAsync(alertPartition, alertKey, mail, context.ActivityId, context.Attempt, null, cancellationToken);
            if (outcome.Status == SendStatus.Deferred)
            {
                deferred.Add(outcome);
            }
            else if (outcome.Status == SendStatus.Refused)
            {
                logger.AlertRefused(context.ActivityId, admin.Id);
            }
        }

        if (deferred.Count > 0)
        {
            throw MailDeferral.Retry($"The alert about a refused {MailTemplates.NameOf(notification.Kind)} waits for the provider ({deferred.Count} admins).", deferred);
        }
    }

    /// <summary>
    /// A reminder first records its recipient as a holder of the calendar item (so a later cancellation reaches
    /// them); either kind stops when a later notification of the step took over in the meantime.
    /// </summary>
    private Task<bool> StillCurrentAsync(Notification notification, CalendarReservation reservation, Recipient recipient, CancellationToken cancellationToken) =>
        notification.Kind == NotificationKind.Reminder
            ? ledger.HoldAsync(notification.CaseId, notification.StepKey, reservation.Sequence, recipient.Key, cancellationToken)
            : ledger.IsCurrentAsync(notification.CaseId, notification.StepKey, reservation.Sequence, cancellationToken);

    private int SequenceNow() => CalendarItems.SequenceAt(clock.GetUtcNow());

    private static string Keys(IEnumerable<string> keys) => keys.Any() ? string.Join(", ", keys) : "nobody";
}
