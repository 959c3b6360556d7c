using Workflows.Domain.Cases;
using Workflows.Domain.Plans;
using Workflows.Application.Auth;
using Workflows.Application.Policy;

namespace Workflows.Application.Notifications;

/// <summary>One addressee: a staff id (or the role name <c>zvh-contact</c>) for the history, and the address to send to.</summary>
public sealed record Recipient(string Key, string Email);

/// <summary>
/// Turns a notification's roles into people through the staff directory (Assignee: the assignee; Team: the
/// team's members; TeamLead: the team's leads; ZvhContact: the municipality's configured ZVH address) and
/// applies each person's preference to reminders.
/// </summary>
public sealed class RecipientResolver(StaffDirectory directory, CasePolicy policy, PreferenceStore preferences, ILogger<RecipientResolver> logger)
{
    public const string ZvhContactKey = "zvh-contact";

    /// <summary>The people the roles name, once each; for a reminder only those who want reminders.</summary>
    public async Task<IReadOnlyList<Recipient>> ResolveAsync(Notification notification, string activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var people = new List<StaffMember>();
        var recipients = new List<Recipient>();
        foreach (var role in notification.To.Distinct())
        {
            switch (role)
            {
                case Role.Assignee when notification.Assignee is { Length: > 0 } assignee:
                    if (await directory.FindAsync(assignee, cancellationToken) is { } member)
                    {
                        people.Add(member);
                    }
                    else
                    {
                        logger.UnknownStaff(assignee, activityId);
                    }

                    break;
                case Role.Assignee or Role.Team when notification.Team is { Length: > 0 } team:
                    people.AddRange(await directory.TeamMembersAsync(team, cancellationToken));
                    break;
                case Role.TeamLead when notification.Team is { Length: > 0 } team:
                    people.AddRange(await directory.TeamLeadsAsync(team, cancellationToken));
                    break;
                case Role.ZvhContact:
                    if (ZvhContact(notification.Municipality) is { } zvh)
                    {
                        recipients.Add(zvh);
                    }
                    else
                    {
                        logger.NoZvhContact(notification.Municipality, activityId);
                    }

                    break;
                default:
                    logger.NobodyInRole(role.ToString(), activityId);
                    break;
            }
        }

        foreach (var person in people.DistinctBy(p => p.Id))
        {
            if (person.Email is not { Length: > 0 } email)
            {
                logger.NoEmail(person.Id, activityId);
                continue;
            }

            if (notification.Kind == NotificationKind.Reminder
                && await preferences.GetAsync(person.Id, cancellationToken) == NotificationPreference.DigestOnly)
            {
                continue;
            }

            recipients.Add(new Recipient(person.Id, email));
        }

        return [.. recipients.DistinctBy(r => r.Key)];
    }

    /// <summary>The address behind a key recorded earlier (a staff id or <c>zvh-contact</c>); null when it is gone.</summary>
    public async Task<Recipient?> FindAsync(string key, string municipality, string activityId, CancellationToken cancellationToken)
    {
        if (key == ZvhContactKey)
        {
            return ZvhContact(municipality);
        }

        if (await directory.FindAsync(key, cancellationToken) is { Email: { Length: > 0 } email })
        {
            return new Recipient(key, email);
        }

        logger.NoEmail(key, activityId);
        return null;
    }

    private Recipient? ZvhContact(string municipality) =>
        policy.Knows(municipality) && policy.For(municipality).ZvhContactEmail is { Length: > 0 } email ? new Recipient(ZvhContactKey, email) : null;
}
