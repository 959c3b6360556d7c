using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Workflows.Application.Auth;

/// <summary>Registers authentication (API keys, Entra ID bearer tokens), the policies, and the credential services.</summary>
internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<StaffDirectorySync>();
        services.AddHostedService<CredentialStoreInitializer>();

        services.AddOptions<EntraOptions>()
            .Bind(configuration.GetSection(EntraOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.TenantId) == string.IsNullOrWhiteSpace(o.Audience),
                "Auth:Entra needs both TenantId and Audience, or neither (no bearer tokens).")
            .Validate(o => Uri.TryCreate(o.Instance, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps,
                "Auth:Entra:Instance must be an https URL.")
            .ValidateOnStart();

        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "API key or bearer token", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, displayName: null, configureOptions: null);
        services.AddEntraBearer();
        Pages.PageSignIn.AddPageSignIn(services, configuration, environment);

        services.AddAuthorization(AuthPolicies.Add);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }

    private static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && context.RequestServices.GetRequiredService<IOptions<EntraOptions>>().Value.IsConfigured
            ? AuthSchemes.Bearer
            : AuthSchemes.ApiKey;

    /// <summary>
    /// The JwtBearer handler and its options, with the scheme itself added only when <c>Auth:Entra</c> is
    /// configured. Decided when options are first read, not here, so configuration added later (tests) counts.
    /// </summary>
    private static void AddEntraBearer(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<JwtBearerOptions>, JwtBearerPostConfigureOptions>());
        services.TryAddTransient<JwtBearerHandler>();
        services.AddOptions<AuthenticationOptions>()
            .Configure<IOptions<EntraOptions>>((o, entra) =>
            {
                if (entra.Value.IsConfigured)
                {
                    o.AddScheme<JwtBearerHandler>(AuthSchemes.Bearer, "Microsoft Entra ID");
                }
            });
        services.AddOptions<JwtBearerOptions>(AuthSchemes.Bearer)
            .Configure<IOptions<EntraOptions>, ILoggerFactory>((o, entra, loggers) =>
            {
                if (!entra.Value.IsConfigured)
                {
                    return;
                }

                var logger = loggers.CreateLogger(typeof(AuthServiceCollectionExtensions).FullName!);
                o.Authority = entra.Value.Authority;
                o.Audience = entra.Value.Audience;
                // Claims keep their token names (oid, roles, municipality, team): EntraClaims reads those.
                o.MapInboundClaims = false;
                o.TokenValidationParameters.ValidateIssuer = true;
                o.TokenValidationParameters.ValidateAudience = true;
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        if (EntraClaims.ToCaller(context.Principal!) is not { } caller)
                        {
                            logger.EntraTokenRefused();
                            context.Fail("The token has no known app role, or no municipality.");
                            return;
                        }

                        // Notifications find staff in the directory; Entra staff get there by signing in.
                        await context.HttpContext.RequestServices.GetRequiredService<StaffDirectorySync>()
                            .SyncAsync(caller, EntraClaims.EmailOf(context.Principal!), context.HttpContext.RequestAborted);

                        // Replace, not add: endpoints see exactly the claims an API key would give.
                        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(caller.ToClaims(), AuthSchemes.Bearer, Caller.IdClaim, Caller.RoleClaim));
                    },
                };
                logger.EntraConfigured(o.Authority);
            });
    }
}
