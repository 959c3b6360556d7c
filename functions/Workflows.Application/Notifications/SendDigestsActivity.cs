using Microsoft.Extensions.Options;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Application.Notifications.Templates;
using Workflows.Application.Policy;

namespace Workflows.Application.Notifications;

/// <summary>What one digest run did: the day, who got one (staff ids), who was refused by the provider.</summary>
public sealed record DigestResult(DateOnly Date, IReadOnlyList<string> Recipients, IReadOnlyList<string> Refused, DateTimeOffset SentAt);

/// <summary>
/// The "send-digests" activity: each person's digest for one working day (see <see cref="DigestComposer"/>),
/// deduped per person per date in the <see cref="MailLedger"/>, so a repeated run sends only what is missing.
/// An empty digest is not sent. Transient failures retry the run (durably, by the runtime); a refusal is logged
/// and that person is not tried again for that day.
/// </summary>
public sealed class SendDigestsActivity(
    DigestComposer composer,
    OnceMailer once,
    IOptionsMonitor<PolicyOptions> policy,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<SendDigestsActivity> logger) : IActivityHandler
{
    private readonly MailTemplates _templates = new(options.Value.BaseUrl);

    public string Name => DigestRun.ActivityName;

    public async Task<object?> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = context.InputAs<DigestRun>();
        var partition = MailLedger.DigestPartition(run.Date);
        var digests = await composer.ComposeAsync(run.Date, policy.CurrentValue.Municipalities.Keys, cancellationToken);
        var sent = new List<string>();
        var refused = new List<string>();
        var deferred = new List<SendOutcome>();
        foreach (var (person, content) in digests)
        {
            if (content.IsEmpty)
            {
                continue;
            }

            if (person.Email is not { Length: > 0 } email)
            {
                logger.NoEmail(person.Id, context.ActivityId);
                continue;
            }

            var rendered = _templates.RenderDigest(content);
            var mail = new OutgoingMail(
                email,
                rendered.Subject,
                rendered.Text,
                rendered.Html,
                $"digest.{run.Date:yyyyMMdd}.{person.Id}",
                new Dictionary<string, string>
                {
                    [MailTags.Template] = rendered.Template,
                    [MailTags.Date] = run.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    [MailTags.Activity] = context.ActivityId,
                });
            var outcome = await once.SendAsync(partition, person.Id, mail, context.ActivityId, context.Attempt, null, cancellationToken);
            switch (outcome.Status)
            {
                case SendStatus.Sent:
                    sent.Add(person.Id);
                    break;
                case SendStatus.Refused:
                    refused.Add(person.Id);
                    break;
                default:
                    deferred.Add(outcome);
                    break;
            }
        }

        if (deferred.Count > 0)
        {
            throw MailDeferral.Retry(
                $"{MailDeferral.Reason(deferred)} {sent.Count} digests sent; {deferred.Count} wait.",
                deferred);
        }

        return new DigestResult(run.Date, sent, refused, clock.GetUtcNow());
    }
}
