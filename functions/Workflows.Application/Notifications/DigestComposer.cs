using System.Globalization;
using Workflows.Domain.Cases;
using Workflows.Domain.Plans;
using Workflows.Domain.Decisions;
using Workflows.Orchestrations.Activities;
using Workflows.Orchestrations.Cases;
using Workflows.Orchestrations.Client;
using Workflows.Orchestrations.Storage;
using Workflows.Application.Auth;
using Workflows.Application.Notifications.Templates;
using Workflows.Application.Policy;
using WorklistIndex = Workflows.Domain.Cases.Worklist;

namespace Workflows.Application.Notifications;

/// <summary>One person's digest.</summary>
public sealed record PersonalDigest(StaffMember Person, DigestContent Content);

/// <summary>
/// Builds each person's digest for a working day from the worklist index (both kinds of case, every configured
/// municipality; key-range reads up to a week ahead, no scans): overdue, due today and due in the six days after.
/// A step goes to its assignee; a team step, or a step without assignee, to every member of the team; a team
/// lead step to the team's leads. Team leads also see their team's overdue steps that are someone else's.
/// </summary>
public sealed class DigestComposer(CaseClient client, StaffDirectory directory, CasePolicy policy)
{
    /// <summary>Largest number of worklist rows read per municipality for one digest run.</summary>
    public const int MaxRows = 5000;

    public async Task<IReadOnlyList<PersonalDigest>> ComposeAsync(
        DateOnly date, IEnumerable<string> municipalities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(municipalities);
        var until = WorklistIndex.KeyFrom(date.AddDays(7));
        var teams = new Dictionary<string, IReadOnlyList<StaffMember>>(StringComparer.Ordinal);
        var people = new Dictionary<string, StaffMember>(StringComparer.Ordinal);
        var own = new Dictionary<string, List<DigestItem>>(StringComparer.Ordinal);
        var teamOverdue = new Dictionary<string, List<DigestItem>>(StringComparer.Ordinal);

        foreach (var municipality in municipalities.Distinct(StringComparer.Ordinal).Where(policy.Knows))
        {
            var rows = await client.QueryIndexAsync(WorklistIndex.Partition(municipality), null, until, null, MaxRows, cancellationToken);
            foreach (var row in rows)
            {
                var item = ToItem(row);
                var team = row.Properties.GetValueOrDefault("Team") ?? string.Empty;
                var assignee = row.Properties.GetValueOrDefault("Assignee") ?? string.Empty;
                var members = team.Length > 0 ? await TeamAsync(team) : [];
                var responsible = Enum.TryParse<Role>(row.Properties.GetValueOrDefault("Responsible"), out var r) ? r : Role.Team;

                IEnumerable<StaffMember> targets = responsible switch
                {
                    Role.Assignee when assignee.Length > 0 => await PersonAsync(assignee) is { } person ? [person] : [],
                    Role.TeamLead => members.Where(m => m.Role == StaffRole.TeamLead),
                    _ => members,
                };
                var reached = new HashSet<string>(StringComparer.Ordinal);
                foreach (var target in targets)
                {
                    Add(own, people, target, item);
                    reached.Add(target.Id);
                }

                if (item.Due < date)
                {
                    foreach (var lead in members.Where(m => m.Role == StaffRole.TeamLead && !reached.Contains(m.Id)))
                    {
                        Add(teamOverdue, people, lead, item);
                    }
                }
            }
        }

        return [.. people.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p =>
        {
            var mine = own.GetValueOrDefault(p.Id) ?? [];
            return new PersonalDigest(p, new DigestContent(
                date,
                [.. mine.Where(i => i.Due < date)],
                [.. mine.Where(i => i.Due == date)],
                [.. mine.Where(i => i.Due > date)],
                teamOverdue.GetValueOrDefault(p.Id) ?? []));
        })];

        async Task<IReadOnlyList<StaffMember>> TeamAsync(string team)
        {
            if (!teams.TryGetValue(team, out var members))
            {
                teams[team] = members = await directory.TeamMembersAsync(team, cancellationToken);
            }

            return members;
        }

        async Task<StaffMember?> PersonAsync(string id)
        {
            if (people.TryGetValue(id, out var known))
            {
                return known;
            }

            return await directory.FindAsync(id, cancellationToken);
        }
    }

    private static void Add(Dictionary<string, List<DigestItem>> lists, Dictionary<string, StaffMember> people, StaffMember person, DigestItem item)
    {
        people.TryAdd(person.Id, person);
        if (!lists.TryGetValue(person.Id, out var list))
        {
            lists[person.Id] = list = [];
        }

        list.Add(item);
    }

    private static DigestItem ToItem(IndexRow row) => new(
        row.Properties.GetValueOrDefault("Kind") == "trajectory" ? CaseKind.Trajectory : CaseKind.Signal,
        row.Properties["CaseId"],
        row.Properties.GetValueOrDefault("Label") ?? row.Properties.GetValueOrDefault("Step") ?? string.Empty,
        DateOnly.ParseExact(row.Properties["Due"], "yyyy-MM-dd", CultureInfo.InvariantCulture));
}
