using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Auth;
using Workflows.Application.Tests.Support;

namespace Workflows.Application.Tests.Auth;

/// <summary>Each policy against each kind of caller, one row per pair.</summary>
public sealed class AuthPoliciesTests
{
    private static readonly IAuthorizationService Authorization = new ServiceCollection()
        .AddLogging()
        .AddAuthorization(AuthPolicies.Add)
        .BuildServiceProvider()
        .GetRequiredService<IAuthorizationService>();

    public static TheoryData<string, string, bool> Cases()
    {
        var callers = new Dictionary<string, bool[]>
        {
            // Corporation, Staff, Admin, Manager
            ["corporation"] = [true, false, false, false],
            ["coordinator"] = [false, true, false, false],
            ["teamlead"] = [false, true, false, true],
            ["admin"] = [false, true, true, true],
            ["anonymous"] = [false, false, false, false],
        };
        string[] policies = [AuthPolicies.Corporation, AuthPolicies.Staff, AuthPolicies.Admin, AuthPolicies.Manager];
        var data = new TheoryData<string, string, bool>();
        foreach (var (caller, allowed) in callers)
        {
            for (var i = 0; i < policies.Length; i++)
            {
                data.Add(caller, policies[i], allowed[i]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Policy_allows_exactly_its_callers(string caller, string policy, bool allowed)
    {
        var principal = caller switch
        {
            "corporation" => Principal(TestCallers.CorporationA),
            "coordinator" => Principal(TestCallers.CoordinatorZaanstad),
            "teamlead" => Principal(TestCallers.TeamLeadZaanstad),
            "admin" => Principal(TestCallers.Admin),
            _ => new ClaimsPrincipal(new ClaimsIdentity()),
        };

        var result = await Authorization.AuthorizeAsync(principal, policy);

        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public void Caller_of_a_request_without_one_throws()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();

        Assert.Throws<InvalidOperationException>(() => context.Caller());
    }

    [Fact]
    public void Caller_of_an_authenticated_request_is_read_from_its_claims()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { User = Principal(TestCallers.CorporationB) };

        var caller = context.Caller();

        Assert.Equal((CallerKind.Corporation, "demo-corp-b"), (caller.Kind, caller.Id));
        Assert.True(caller.Municipalities.SetEquals(["GM0479", "GM0439"]));
    }

    private static ClaimsPrincipal Principal(Caller caller) =>
        new(new ClaimsIdentity(caller.ToClaims(), AuthSchemes.ApiKey));
}
