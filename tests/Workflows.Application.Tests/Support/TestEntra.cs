using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Workflows.Application.Auth;

namespace Workflows.Application.Tests.Support;

/// <summary>
/// A stand-in Entra ID tenant for tests: the app validates bearer tokens signed here, through the real
/// JwtBearer handler and claim mapping, without any network. Use it for staff in Production-environment tests:
/// <c>new WorkflowsAppFactory(cs) { ConfigureServices = TestEntra.AcceptTokens }</c>, then
/// <c>client.DefaultRequestHeaders.Authorization = new("Bearer", TestEntra.TokenFor(caller))</c>.
/// </summary>
public static class TestEntra
{
    public const string TenantId = "7e57e57e-0000-4000-8000-000000000001";
    public const string Audience = "api://workflows-tests";

    public static readonly string Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";

    private static readonly SymmetricSecurityKey SigningKey = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "test" };

    /// <summary>Configures <c>Auth:Entra</c> and trusts this class's signing key instead of Entra's metadata.</summary>
    public static void AcceptTokens(IServiceCollection services)
    {
        services.Configure<EntraOptions>(o =>
        {
            o.TenantId = TenantId;
            o.Audience = Audience;
        });
        services.Configure<JwtBearerOptions>(AuthSchemes.Bearer, o =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            configuration.SigningKeys.Add(SigningKey);
            o.Configuration = configuration;
        });
    }

    /// <summary>A token with the claims Entra would issue for <paramref name="caller"/> (see <see cref="EntraClaims"/>).</summary>
    public static string TokenFor(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var claims = new List<Claim> { new(EntraClaims.ObjectId, caller.Id) };
        if (caller.Role is { } role)
        {
            claims.Add(new Claim(EntraClaims.Roles, role.ToString()));
        }

        claims.AddRange(caller.Municipalities.Select(m => new Claim(EntraClaims.Municipality, m)));
        if (caller.Team is { } team)
        {
            claims.Add(new Claim(EntraClaims.Team, team));
        }

        return TokenWith(claims);
    }

    /// <summary>A signed token with exactly <paramref name="claims"/>, valid for this tenant and audience unless overridden.</summary>
    public static string TokenWith(IEnumerable<Claim> claims, string? audience = null, SecurityKey? key = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience ?? Audience,
            Subject = new ClaimsIdentity(claims),
            // Wide validity: the app's clock is virtual, the token handler's is not.
            NotBefore = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            IssuedAt = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Expires = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.HmacSha256),
        });
}
