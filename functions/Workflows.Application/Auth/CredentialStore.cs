using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Workflows.Orchestrations.Storage;

namespace Workflows.Application.Auth;

/// <summary>
/// API keys at rest, hashed, in the table <c>{prefix}credentials</c>: partition <c>key</c>, row key the hex
/// SHA-256 of the key (<see cref="ApiKeys.Hash"/>), columns Kind, Id, Municipalities (comma list), Role, Team,
/// Email. Staff also get a row in partition <c>staff</c> (row key: id) that <see cref="StaffDirectory"/> reads.
/// Lookups are cached for <see cref="CacheFor"/>, so a busy client costs one storage read a minute;
/// a revoked key therefore keeps working on other hosts for at most that long.
/// </summary>
public sealed class CredentialStore
{
    public const string KeyPartition = "key";
    public const string StaffPartition = "staff";

    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    /// <summary>Bounds memory when a client floods us with made-up keys (misses are cached too).</summary>
    private const int MaxCached = 10_000;

    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);
    private int _created;

    public CredentialStore(CaseTables storage, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Table = storage.Service.GetTableClient(TableName(storage.Prefix));
        _clock = clock;
    }

    internal TableClient Table { get; }

    public static string TableName(string prefix) => $"{prefix}credentials";

    /// <summary>Creates the table if it is missing (idempotent; once per process after it succeeded).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await Table.CreateIfNotExistsAsync(cancellationToken);
            Volatile.Write(ref _created, 1);
        }
    }

    /// <summary>Issues a new key for <paramref name="caller"/> and returns it: the only time it exists in plain text.</summary>
    /// <param name="email">A staff member's email (for notifications); null for corporations.</param>
    public async Task<string> IssueAsync(Caller caller, string? email, CancellationToken cancellationToken)
    {
        Validate(caller, email);
        await EnsureCreatedAsync(cancellationToken);
        var key = ApiKeys.New();
        var now = _clock.GetUtcNow();
        await Table.AddEntityAsync(
            new TableEntity(KeyPartition, ApiKeys.Hash(key))
            {
                ["Kind"] = caller.Kind.ToString(),
                ["Id"] = caller.Id,
                ["Municipalities"] = string.Join(',', caller.Municipalities.Order(StringComparer.Ordinal)),
                ["Role"] = caller.Role?.ToString(),
                ["Team"] = caller.Team,
                ["Email"] = email,
                ["IssuedAt"] = now,
            },
            cancellationToken);
        if (caller.IsStaff)
        {
            await UpsertStaffAsync(new StaffMember(caller.Id, caller.Role!.Value, caller.Municipalities, caller.Team, email), cancellationToken);
        }

        return key;
    }

    /// <summary>The credential of a key, or null when the key is unknown (or not even shaped like one).</summary>
    public async Task<Credential?> FindAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (!ApiKeys.LooksValid(apiKey))
        {
            return null;
        }

        var hash = ApiKeys.Hash(apiKey);
        var now = _clock.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now)
        {
            return cached.Credential;
        }

        NullableResponse<TableEntity> row;
        try
        {
            row = await Table.GetEntityIfExistsAsync<TableEntity>(KeyPartition, hash, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // no table yet: no keys yet (not cached: it is about to be created)
        }

        var credential = row.HasValue ? ToCredential(row.Value!) : null;
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[hash] = new CacheEntry(credential, now + CacheFor);
        return credential;
    }

    /// <summary>Deletes every key of one caller; returns how many. This host forgets them at once, others within <see cref="CacheFor"/>.</summary>
    public async Task<int> RevokeAsync(CallerKind kind, string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {KeyPartition} and Kind eq {kind.ToString()} and Id eq {id}");
        var revoked = 0;
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            _cache.TryRemove(row.RowKey, out _);
            revoked++;
        }

        return revoked;
    }

    /// <summary>Adds or replaces a staff member's directory row (no key involved; e.g. staff who sign in with Entra ID).</summary>
    public async Task UpsertStaffAsync(StaffMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        Validate(new Caller(CallerKind.Staff, member.Id, member.Municipalities, member.Role, member.Team), member.Email);
        await EnsureCreatedAsync(cancellationToken);
        await Table.UpsertEntityAsync(
            new TableEntity(StaffPartition, member.Id)
            {
                ["Role"] = member.Role.ToString(),
                ["Municipalities"] = string.Join(',', member.Municipalities.Order(StringComparer.Ordinal)),
                ["Team"] = member.Team,
                ["Email"] = member.Email,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>Staff directory rows matching an OData filter on top of the staff partition (null: all).</summary>
    internal async Task<IReadOnlyList<StaffMember>> QueryStaffAsync(string? filter, CancellationToken cancellationToken)
    {
        var where = TableClient.CreateQueryFilter($"PartitionKey eq {StaffPartition}") + (filter is null ? string.Empty : $" and ({filter})");
        var members = new List<StaffMember>();
        try
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(where, cancellationToken: cancellationToken))
            {
                members.Add(new StaffMember(
                    row.RowKey,
                    Enum.Parse<StaffRole>(row.GetString("Role")),
                    SplitMunicipalities(row.GetString("Municipalities")),
                    row.GetString("Team"),
                    row.GetString("Email")));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }

        return members;
    }

    private static Credential ToCredential(TableEntity row)
    {
        StaffRole? role = row.GetString("Role") is { Length: > 0 } r ? Enum.Parse<StaffRole>(r) : null;
        var caller = new Caller(
            Enum.Parse<CallerKind>(row.GetString("Kind")),
            row.GetString("Id"),
            SplitMunicipalities(row.GetString("Municipalities")),
            role,
            row.GetString("Team") is { Length: > 0 } team ? team : null);
        return new Credential(caller, row.GetString("Email"), row.GetDateTimeOffset("IssuedAt") ?? default);
    }

    private static HashSet<string> SplitMunicipalities(string? value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>Ids and teams go into table keys and URLs; municipalities are CBS codes (GM + 4 digits).</summary>
    private static void Validate(Caller caller, string? email)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!IsName(caller.Id))
        {
            throw new ArgumentException("A caller id is 1-100 letters, digits, '-', '_', '.', '@'.", nameof(caller));
        }

        if (caller.Team is { } team && !IsName(team))
        {
            throw new ArgumentException("A team is 1-100 letters, digits, '-', '_', '.', '@'.", nameof(caller));
        }

        if (caller.Municipalities.Any(m => !IsMunicipalityCode(m)))
        {
            throw new ArgumentException("A municipality is a CBS code: GM and four digits.", nameof(caller));
        }

        switch (caller.Kind)
        {
            case CallerKind.Corporation when caller.Municipalities.Count == 0:
                throw new ArgumentException("A corporation signals to at least one municipality.", nameof(caller));
            case CallerKind.Corporation when caller.Role is not null || caller.Team is not null || email is not null:
                throw new ArgumentException("A corporation has no role, team or email.", nameof(caller));
            case CallerKind.Staff when caller.Role is null:
                throw new ArgumentException("Staff have a role.", nameof(caller));
            case CallerKind.Staff when caller.Role != StaffRole.Admin && caller.Municipalities.Count == 0:
                throw new ArgumentException("Coordinators and team leads belong to a municipality.", nameof(caller));
        }

        if (email is not null && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal)))
        {
            throw new ArgumentException("Not an email address.", nameof(email));
        }
    }

    internal static bool IsName(string? value) =>
        value is { Length: > 0 and <= 100 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@');

    internal static bool IsMunicipalityCode(string? value) =>
        value is { Length: 6 } && value.StartsWith("GM", StringComparison.Ordinal) && value.AsSpan(2).ContainsAnyExceptInRange('0', '9') is false;

    private sealed record CacheEntry(Credential? Credential, DateTimeOffset Until);
}
