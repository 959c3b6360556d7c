using System.Security.Claims;
using Workflows.Application.Auth;

namespace Workflows.Application.Tests.Auth;

/// <summary>How an Entra ID token's claims become a <see cref="Caller"/> (see <see cref="EntraClaims"/> for the names).</summary>
public sealed class EntraClaimsTests
{
    [Fact]
    public void Coordinator_token_maps_oid_role_municipality_and_team()
    {
        var caller = EntraClaims.ToCaller(Token(("oid", "0f1e2d3c-aaaa-bbbb-cccc-000000000001"), ("roles", "Coordinator"), ("municipality", "GM0479"), ("team", "schuldhulp-zaanstad")));

        Assert.NotNull(caller);
        Assert.Equal((CallerKind.Staff, "0f1e2d3c-aaaa-bbbb-cccc-000000000001", StaffRole.Coordinator, "schuldhulp-zaanstad"), (caller.Kind, caller.Id, caller.Role, caller.Team));
        Assert.Equal(["GM0479"], caller.Municipalities);
    }

    [Theory]
    [InlineData("teamlead", StaffRole.TeamLead)]
    [InlineData("TeamLead", StaffRole.TeamLead)]
    [InlineData("ADMIN", StaffRole.Admin)]
    [InlineData("coordinator", StaffRole.Coordinator)]
    public void App_role_names_are_case_insensitive(string role, StaffRole expected)
    {
        var caller = EntraClaims.ToCaller(Token(("oid", "u1"), ("roles", role), ("municipality", "GM0479")));

        Assert.Equal(expected, caller?.Role);
    }

    [Fact]
    public void With_several_app_roles_the_strongest_counts()
    {
        var caller = EntraClaims.ToCaller(Token(("oid", "u1"), ("roles", "Coordinator"), ("roles", "Unrelated"), ("roles", "TeamLead"), ("municipality", "GM0479")));

        Assert.Equal(StaffRole.TeamLead, caller?.Role);
    }

    [Fact]
    public void Several_municipality_claims_give_several_municipalities_and_bad_codes_are_dropped()
    {
        var caller = EntraClaims.ToCaller(Token(("oid", "u1"), ("roles", "Coordinator"), ("municipality", "GM0479"), ("municipality", "gm0439"), ("municipality", "Zaanstad")));

        Assert.Equal(["GM0439", "GM0479"], caller!.Municipalities.Order());
    }

    [Fact]
    public void Admin_needs_no_municipality_and_sub_stands_in_for_a_missing_oid()
    {
        var caller = EntraClaims.ToCaller(Token(("sub", "subject-1"), ("roles", "Admin")));

        Assert.NotNull(caller);
        Assert.True(caller.IsAdmin);
        Assert.Equal("subject-1", caller.Id);
        Assert.Empty(caller.Municipalities);
    }

    [Fact]
    public void Claims_round_trip_through_the_principal_endpoints_see()
    {
        var caller = EntraClaims.ToCaller(Token(("oid", "u1"), ("roles", "TeamLead"), ("municipality", "GM0439"), ("team", "schuldhulp-purmerend")))!;

        var seen = Caller.From(new ClaimsPrincipal(new ClaimsIdentity(caller.ToClaims(), AuthSchemes.Bearer)));

        Assert.Equal((caller.Kind, caller.Id, caller.Role, caller.Team), (seen!.Kind, seen.Id, seen.Role, seen.Team));
        Assert.True(seen.Municipalities.SetEquals(caller.Municipalities));
    }

    public static TheoryData<(string, string)[]> Refused => new()
    {
        // No app role at all, or none we know.
        { [("oid", "u1"), ("municipality", "GM0479")] },
        { [("oid", "u1"), ("roles", "Reader"), ("municipality", "GM0479")] },
        { [("oid", "u1"), ("roles", "2"), ("municipality", "GM0479")] },
        // A coordinator or team lead without a (valid) municipality.
        { [("oid", "u1"), ("roles", "Coordinator")] },
        { [("oid", "u1"), ("roles", "TeamLead"), ("municipality", "Zaanstad")] },
        // No usable id.
        { [("roles", "Admin")] },
        { [("oid", "has spaces"), ("roles", "Admin")] },
        // Our own claim names in a token are not trusted: only Entra's are read.
        { [("oid", "u1"), ("wf:role", "Admin"), ("wf:kind", "Staff")] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Token_without_a_known_role_or_a_needed_municipality_is_refused((string, string)[] claims)
    {
        Assert.Null(EntraClaims.ToCaller(Token(claims)));
    }

    [Theory]
    [InlineData("email=t.lead@zaanstad.nl;upn=tl01@zaanstad.nl;preferred_username=tl02@zaanstad.nl", "t.lead@zaanstad.nl")]
    [InlineData("upn=tl01@zaanstad.nl;preferred_username=tl02@zaanstad.nl", "tl01@zaanstad.nl")]
    [InlineData("preferred_username=tl02@zaanstad.nl", "tl02@zaanstad.nl")]
    [InlineData("email=not-an-address;preferred_username=tl02@zaanstad.nl", "tl02@zaanstad.nl")]
    [InlineData("email=T. Lead <t.lead@zaanstad.nl>", null)]
    [InlineData("upn=t.lead_zaanstad.nl#EXT#@tenant.onmicrosoft.com", null)]
    [InlineData("", null)]
    public void Work_email_is_the_first_plain_address_of_email_upn_and_preferred_username(string claims, string? expected)
    {
        var pairs = claims.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(c => (c[..c.IndexOf('=', StringComparison.Ordinal)], c[(c.IndexOf('=', StringComparison.Ordinal) + 1)..]));

        Assert.Equal(expected, EntraClaims.EmailOf(Token([("oid", "u1"), ("roles", "TeamLead"), .. pairs])));
    }

    [Fact]
    public void A_corporation_guest_signs_in_to_the_pages_as_its_corporation()
    {
        var caller = EntraClaims.ToPageCaller(Token(("oid", "guest-1"), ("corporation", "demo-corp-b"), ("municipality", "gm0479"), ("municipality", "GM0439")));

        Assert.NotNull(caller);
        Assert.Equal(CallerKind.Corporation, caller.Kind);
        Assert.Equal("demo-corp-b", caller.Id);
        Assert.Equal(["GM0439", "GM0479"], caller.Municipalities.Order(StringComparer.Ordinal));
        Assert.Null(caller.Role);
    }

    [Fact]
    public void A_corporation_guest_without_a_municipality_or_with_a_bad_id_is_refused_and_staff_sign_in_as_staff()
    {
        Assert.Null(EntraClaims.ToPageCaller(Token(("oid", "guest-1"), ("corporation", "demo-corp-b"))));
        Assert.Null(EntraClaims.ToPageCaller(Token(("oid", "guest-1"), ("corporation", "no spaces allowed"), ("municipality", "GM0479"))));
        var staff = EntraClaims.ToPageCaller(Token(("oid", "u1"), ("roles", "TeamLead"), ("municipality", "GM0479")));
        Assert.Equal(StaffRole.TeamLead, staff?.Role);
    }

    private static ClaimsPrincipal Token(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));
}
