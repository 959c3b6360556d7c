using Microsoft.Extensions.Options;
using Workflows.Orchestrations.Activities;
using Workflows.Application.Auth;
using Workflows.Application.Notifications.Templates;

namespace Workflows.Application.Notifications;

/// <summary>What one alert run did: the admins who have the alert (staff ids), and those the provider refused.</summary>
public sealed record AdminAlertResult(IReadOnlyList<string> Alerted, IReadOnlyList<string> Refused);

/// <summary>
/// The "alert-admins" activity (<see cref="AdminAlert.ActivityName"/>): the case runtime calls it when an activity
/// of a case failed after all its retries (ARCHITECTURE §5.4), and this mails every admin which activity of which
/// case failed, with ids and the error's type only. Runs at least once, so each admin's alert is deduped in the
/// <see cref="MailLedger"/> under the failed activity's id, with the same key the "notify" activity uses for its
/// own delivery-failed alert: an admin who already heard of a refused notification (with the staff ids it was
/// refused for) is not told a second time. An alert the provider cannot take now is retried; one it refuses, or no
/// admin with an email, leaves the error log as the trace.
/// </summary>
public sealed class AdminAlertActivity(
    OnceMailer once,
    StaffDirectory directory,
    IOptions<MailOptions> options,
    ILogger<AdminAlertActivity> logger) : IActivityHandler
{
    private readonly MailTemplates _templates = new(options.Value.BaseUrl);

    public string Name => AdminAlert.ActivityName;

    /// <summary>The ledger row of <paramref name="adminId"/>'s alert about <paramref name="failedActivityId"/> (shared with <see cref="NotifyActivity"/>).</summary>
    public static (string Partition, string Recipient) LedgerKey(string failedActivityId, string adminId) =>
        (MailLedger.SentPartition(failedActivityId), $"alert.{adminId}");

    public async Task<object?> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var alert = context.InputAs<AdminAlert>();
        logger.ActivityGaveUp(alert.Activity, alert.ActivityId, alert.CaseId, alert.Error);
        var admins = (await directory.AdminsAsync(cancellationToken)).Where(a => a.Email is { Length: > 0 }).ToList();
        if (admins.Count == 0)
        {
            logger.NoAdminToAlert(alert.ActivityId);
            return new AdminAlertResult([], []);
        }

        var rendered = _templates.RenderActivityFailed(alert);
        var alerted = new List<string>();
        var refused = new List<string>();
        var deferred = new List<SendOutcome>();
        foreach (var admin in admins)
        {
            var (partition, recipient) = LedgerKey(alert.ActivityId, admin.Id);
            var mail = new OutgoingMail(
                admin.Email!,
                rendered.Subject,
                rendered.Text,
                rendered.Html,
                $"{alert.ActivityId}.alert.{admin.Id}",
                new Dictionary<string, string>
                {
                    [MailTags.Template] = rendered.Template,
                    [MailTags.Case] = alert.CaseId,
                    [MailTags.Activity] = alert.ActivityId,
                });
            var outcome = await once.SendAsync(partition, recipient, mail, context.ActivityId, context.Attempt, null, cancellationToken);
            switch (outcome.Status)
            {
                case SendStatus.Sent:
                    alerted.Add(admin.Id);
                    break;
                case SendStatus.Refused:
                    refused.Add(admin.Id);
                    logger.AlertRefused(alert.ActivityId, admin.Id);
                    break;
                default:
                    deferred.Add(outcome);
                    break;
            }
        }

        if (deferred.Count > 0)
        {
            // The admins already alerted are in the ledger and are not mailed again; the runtime retries the rest.
            throw MailDeferral.Retry(
                $"The alert about {alert.ActivityId} waits for the provider ({deferred.Count} admins).",
                deferred);
        }

        return new AdminAlertResult(alerted, refused);
    }
}
