using Microsoft.Extensions.Time.Testing;
using Workflows.Orchestrations.Storage;
using Workflows.Application.Auth;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Auth;

/// <summary>The credentials table: issue, find (cached), revoke, and the staff directory on top of it.</summary>
public sealed class CredentialStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Issued_key_is_found_with_its_caller_and_email()
    {
        var (store, _) = NewStore();

        var key = await store.IssueAsync(TestCallers.CoordinatorPurmerend, "c.purmerend@gemeente.example", _ct);
        var found = await store.FindAsync(key, _ct);

        Assert.StartsWith(ApiKeys.Prefix, key, StringComparison.Ordinal);
        Assert.True(key.Length >= ApiKeys.Prefix.Length + 43, "32 random bytes in base64url");
        Assert.NotNull(found);
        Assert.Equal((CallerKind.Staff, "coordinator-purmerend", StaffRole.Coordinator, "schuldhulp-purmerend"), (found.Caller.Kind, found.Caller.Id, found.Caller.Role, found.Caller.Team));
        Assert.Equal(["GM0439"], found.Caller.Municipalities);
        Assert.Equal("c.purmerend@gemeente.example", found.Email);
        Assert.Equal(_clock.GetUtcNow(), found.IssuedAt);
    }

    [Fact]
    public async Task Every_issue_gives_a_different_key()
    {
        var (store, _) = NewStore();

        var first = await store.IssueAsync(TestCallers.CorporationA, null, _ct);
        var second = await store.IssueAsync(TestCallers.CorporationA, null, _ct);

        Assert.NotEqual(first, second);
        Assert.Equal("demo-corp-a", (await store.FindAsync(first, _ct))?.Caller.Id);
        Assert.Equal("demo-corp-a", (await store.FindAsync(second, _ct))?.Caller.Id);
    }

    [Fact]
    public async Task Lookups_are_cached_for_a_minute_hits_and_misses_alike()
    {
        var (store, counter) = NewStore();
        var key = await store.IssueAsync(TestCallers.CorporationA, null, _ct);
        var unknown = ApiKeys.New();

        var before = counter.Total;
        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull(await store.FindAsync(key, _ct));
            Assert.Null(await store.FindAsync(unknown, _ct));
        }

        Assert.Equal(2, counter.Total - before);
        _clock.Advance(CredentialStore.CacheFor);
        Assert.NotNull(await store.FindAsync(key, _ct));
        Assert.Equal(3, counter.Total - before);
    }

    [Fact]
    public async Task Malformed_key_never_reaches_storage()
    {
        var (store, counter) = NewStore();
        await store.EnsureCreatedAsync(_ct);

        var before = counter.Total;
        foreach (var key in new[] { "", "wfk_", "Bearer abc", "wfk_" + new string('A', 200), "wfk_a/b", "WFK_abc" })
        {
            Assert.Null(await store.FindAsync(key, _ct));
        }

        Assert.Equal(before, counter.Total);
    }

    [Fact]
    public async Task Revoked_keys_stop_working_at_once_on_this_host_and_within_the_cache_time_on_others()
    {
        var (store, _) = NewStore();
        var (otherHost, _) = NewStore(store);
        var key = await store.IssueAsync(TestCallers.CorporationA, null, _ct);
        var keep = await store.IssueAsync(TestCallers.CorporationB, null, _ct);
        Assert.NotNull(await store.FindAsync(key, _ct));
        Assert.NotNull(await otherHost.FindAsync(key, _ct));

        var revoked = await store.RevokeAsync(CallerKind.Corporation, "demo-corp-a", _ct);

        Assert.Equal(1, revoked);
        Assert.Null(await store.FindAsync(key, _ct));
        Assert.NotNull(await otherHost.FindAsync(key, _ct));
        _clock.Advance(CredentialStore.CacheFor);
        Assert.Null(await otherHost.FindAsync(key, _ct));
        Assert.NotNull(await store.FindAsync(keep, _ct));
    }

    [Fact]
    public async Task Find_before_the_table_exists_is_null()
    {
        var (store, _) = NewStore();

        Assert.Null(await store.FindAsync(ApiKeys.New(), _ct));
    }

    public static TheoryData<Caller, string?> InvalidCallers => new()
    {
        { TestCallers.Corporation("corp-without-municipality"), null },
        { TestCallers.Corporation("corp", "0479"), null },
        { TestCallers.CorporationA with { Role = StaffRole.Admin }, null },
        { TestCallers.CorporationA, "corp@example.nl" },
        { TestCallers.CoordinatorZaanstad with { Role = null }, null },
        { TestCallers.CoordinatorZaanstad with { Municipalities = new HashSet<string>() }, null },
        { TestCallers.CoordinatorZaanstad with { Id = "id with spaces" }, null },
        { TestCallers.CoordinatorZaanstad with { Id = "" }, null },
        { TestCallers.CoordinatorZaanstad with { Team = "team/slash" }, null },
        { TestCallers.CoordinatorZaanstad, "not-an-email" },
    };

    [Theory]
    [MemberData(nameof(InvalidCallers))]
    public async Task Issue_refuses_an_inconsistent_caller(Caller caller, string? email)
    {
        var (store, _) = NewStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.IssueAsync(caller, email, _ct));
    }

    [Fact]
    public async Task Staff_directory_resolves_emails_team_members_team_leads_and_admins()
    {
        var (store, _) = NewStore();
        var directory = new StaffDirectory(store);
        await store.IssueAsync(TestCallers.CoordinatorZaanstad, "coordinator.zaanstad@gemeente.example", _ct);
        await store.IssueAsync(TestCallers.TeamLeadZaanstad, "teamlead.zaanstad@gemeente.example", _ct);
        await store.IssueAsync(TestCallers.TeamLeadPurmerend, "teamlead.purmerend@gemeente.example", _ct);
        await store.IssueAsync(TestCallers.Admin, "admin@gemeente.example", _ct);
        await store.IssueAsync(TestCallers.CorporationA, null, _ct);
        // Staff who sign in with Entra ID have no key, only a directory row.
        await store.UpsertStaffAsync(new StaffMember("entra-oid-1", StaffRole.Admin, new HashSet<string>(), null, "beheer@gemeente.example"), _ct);

        Assert.Equal("coordinator.zaanstad@gemeente.example", await directory.EmailOfAsync("coordinator-zaanstad", _ct));
        Assert.Null(await directory.EmailOfAsync("demo-corp-a", _ct));
        Assert.Null(await directory.EmailOfAsync("nobody", _ct));
        Assert.Null(await directory.EmailOfAsync("bad'id", _ct));
        Assert.Equal(["coordinator-zaanstad", "teamlead-zaanstad"], (await directory.TeamMembersAsync("schuldhulp-zaanstad", _ct)).Select(m => m.Id).Order());
        Assert.Equal(["teamlead.zaanstad@gemeente.example"], (await directory.TeamLeadsAsync("schuldhulp-zaanstad", _ct)).Select(m => m.Email));
        Assert.Equal(["admin@gemeente.example", "beheer@gemeente.example"], (await directory.AdminEmailsAsync(_ct)).Order());
        var member = await directory.FindAsync("teamlead-purmerend", _ct);
        Assert.Equal((StaffRole.TeamLead, "schuldhulp-purmerend"), (member?.Role, member?.Team));
        Assert.Equal(["GM0439"], member!.Municipalities);
    }

    [Fact]
    public async Task Staff_directory_without_a_table_is_empty()
    {
        var (store, _) = NewStore();
        var directory = new StaffDirectory(store);

        Assert.Empty(await directory.AdminsAsync(_ct));
        Assert.Null(await directory.EmailOfAsync("admin", _ct));
    }

    /// <summary>A store on its own tables (or on <paramref name="sameTablesAs"/>'s, as a second host would be), counting its storage requests.</summary>
    private (CredentialStore Store, StorageRequestCounter Counter) NewStore(CredentialStore? sameTablesAs = null)
    {
        var counter = new StorageRequestCounter();
        var prefix = sameTablesAs?.Table.Name[..^"credentials".Length] ?? AzuriteFixture.NewPrefix();
        var storage = CaseTables.FromConnectionString(azurite.ConnectionString, prefix, counter);
        return (new CredentialStore(storage, _clock), counter);
    }
}
