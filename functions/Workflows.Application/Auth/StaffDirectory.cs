using Azure.Data.Tables;

namespace Workflows.Application.Auth;

/// <summary>A member of municipal staff as the directory knows them (no personal data beyond a work email).</summary>
public sealed record StaffMember(string Id, StaffRole Role, IReadOnlySet<string> Municipalities, string? Team, string? Email);

/// <summary>
/// Who is who among staff, for notifications: a staff id's email, the team leads and members of a team,
/// the admins. Backed by the staff rows of the credentials table (<see cref="CredentialStore"/>): issuing a
/// staff key writes one, and <see cref="StaffDirectorySync"/> adds staff who sign in with Entra ID.
/// </summary>
public sealed class StaffDirectory(CredentialStore store)
{
    public async Task<StaffMember?> FindAsync(string staffId, CancellationToken cancellationToken)
    {
        if (!CredentialStore.IsName(staffId))
        {
            return null;
        }

        var rows = await store.QueryStaffAsync(TableClient.CreateQueryFilter($"RowKey eq {staffId}"), cancellationToken);
        return rows.SingleOrDefault();
    }

    public async Task<string?> EmailOfAsync(string staffId, CancellationToken cancellationToken) =>
        (await FindAsync(staffId, cancellationToken))?.Email;

    /// <summary>Everyone in <paramref name="team"/> (coordinators and team leads).</summary>
    public Task<IReadOnlyList<StaffMember>> TeamMembersAsync(string team, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(team);
        return store.QueryStaffAsync(TableClient.CreateQueryFilter($"Team eq {team}"), cancellationToken);
    }

    public async Task<IReadOnlyList<StaffMember>> TeamLeadsAsync(string team, CancellationToken cancellationToken) =>
        [.. (await TeamMembersAsync(team, cancellationToken)).Where(m => m.Role == StaffRole.TeamLead)];

    public Task<IReadOnlyList<StaffMember>> AdminsAsync(CancellationToken cancellationToken) =>
        store.QueryStaffAsync(TableClient.CreateQueryFilter($"Role eq {nameof(StaffRole.Admin)}"), cancellationToken);

    /// <summary>The emails of the admins (those that have one).</summary>
    public async Task<IReadOnlyList<string>> AdminEmailsAsync(CancellationToken cancellationToken) =>
        [.. (await AdminsAsync(cancellationToken)).Select(a => a.Email).OfType<string>()];
}
