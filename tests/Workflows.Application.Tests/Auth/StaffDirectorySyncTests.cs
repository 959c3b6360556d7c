using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Orchestrations.Storage;
using Workflows.Application.Auth;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Auth;

/// <summary>
/// Staff who sign in with Entra ID land in the staff directory that notifications read, through the real JwtBearer
/// handler (<see cref="TestEntra"/>) and real Azurite, without a storage write on every request.
/// </summary>
public sealed class StaffDirectorySyncTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Team = "schuldhulp-zaanstad";
    private const string Email = "t.lead@zaanstad.example";

    private readonly CancellationToken _ct = TestTimeout.Token();
    private readonly string _oid = Guid.NewGuid().ToString();

    [Fact]
    public async Task After_one_request_the_directory_knows_role_municipality_team_and_work_email()
    {
        await using var app = App();
        using var client = ClientWith(app, Token(Team, (EntraClaims.Email, Email), (EntraClaims.PreferredUsername, "tl01@zaanstad.example")));

        await SignInAsync(client);

        var directory = app.Services.GetRequiredService<StaffDirectory>();
        var member = await directory.FindAsync(_oid, _ct);
        Assert.NotNull(member);
        Assert.Equal((StaffRole.TeamLead, Team, Email), (member.Role, member.Team, member.Email));
        Assert.Equal([TestCallers.Zaanstad], member.Municipalities);
        Assert.Contains(Email, (await directory.TeamLeadsAsync(Team, _ct)).Select(m => m.Email));
    }

    [Fact]
    public async Task The_same_token_again_writes_nothing_until_the_recheck_is_due()
    {
        await using var app = App();
        using var client = ClientWith(app, Token(Team, (EntraClaims.Email, Email)));
        var store = app.Services.GetRequiredService<CredentialStore>();
        var directory = app.Services.GetRequiredService<StaffDirectory>();
        await SignInAsync(client);
        // Someone else changes the row: a write by the second request would put the token's email back.
        var changed = (await directory.FindAsync(_oid, _ct))! with { Email = "changed@zaanstad.example" };
        await store.UpsertStaffAsync(changed, _ct);

        await SignInAsync(client);
        var afterSecond = await directory.EmailOfAsync(_oid, _ct);
        app.Clock.Advance(StaffDirectorySync.RecheckAfter + TimeSpan.FromSeconds(1));
        await SignInAsync(client);
        var afterRecheck = await directory.EmailOfAsync(_oid, _ct);

        Assert.Equal("changed@zaanstad.example", afterSecond);
        Assert.Equal(Email, afterRecheck);
    }

    [Fact]
    public async Task A_token_that_says_something_new_updates_the_row_at_once_and_one_without_email_keeps_it()
    {
        await using var app = App();
        using var client = ClientWith(app, Token(Team, (EntraClaims.Email, Email)));
        await SignInAsync(client);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("schuldhulp-zaanstad-noord"));
        await SignInAsync(client);

        var member = await app.Services.GetRequiredService<StaffDirectory>().FindAsync(_oid, _ct);
        Assert.Equal(("schuldhulp-zaanstad-noord", Email), (member?.Team, member?.Email));
    }

    [Fact]
    public async Task Unreachable_storage_does_not_fail_the_sign_in_and_the_next_one_tries_again()
    {
        // Nothing listens on port 1: every request is refused, through the SDK's real retries.
        var storage = CaseTables.FromConnectionString(
            azurite.ConnectionString.Replace($":{azurite.TablePort}/", ":1/", StringComparison.Ordinal), AzuriteFixture.NewPrefix(), new StorageRequestCounter());
        var store = new CredentialStore(storage, TimeProvider.System);
        var sync = new StaffDirectorySync(new StaffDirectory(store), store, TimeProvider.System, NullLogger<StaffDirectorySync>.Instance);
        var caller = TestCallers.TeamLeadZaanstad with { Id = _oid };

        await sync.SyncAsync(caller, Email, _ct);
        var requestsAfterFirst = storage.Counter.Total;
        await sync.SyncAsync(caller, Email, _ct);

        Assert.True(requestsAfterFirst > 0);
        Assert.True(storage.Counter.Total > requestsAfterFirst, "a failed sync must not be remembered as done");
    }

    private WorkflowsAppFactory App() =>
        new(azurite.ConnectionString) { ConfigureServices = TestEntra.AcceptTokens, AfterEndpoints = AuthProbe.Middleware };

    private static HttpClient ClientWith(WorkflowsAppFactory app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task SignInAsync(HttpClient client)
    {
        using var response = await client.GetAsync(AuthProbe.For(AuthPolicies.Manager), _ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A team lead of Zaanstad in <paramref name="team"/>, as Entra would issue it, plus <paramref name="extra"/> claims.</summary>
    private string Token(string team, params (string Type, string Value)[] extra) =>
        TestEntra.TokenWith([
            new Claim(EntraClaims.ObjectId, _oid),
            new Claim(EntraClaims.Roles, nameof(StaffRole.TeamLead)),
            new Claim(EntraClaims.Municipality, TestCallers.Zaanstad),
            new Claim(EntraClaims.Team, team),
            .. extra.Select(c => new Claim(c.Type, c.Value)),
        ]);
}
