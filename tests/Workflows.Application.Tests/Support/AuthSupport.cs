using Microsoft.Extensions.DependencyInjection;
using Workflows.Application.Auth;
using Workflows.Application.Seeding;

namespace Workflows.Application.Tests.Support;

/// <summary>
/// API keys for tests: issued in the app's own credentials table, exactly as production stores them.
/// Corporation keys work in any environment; staff keys only when the app runs with
/// <c>Environment = "Development"</c> (in Production use <see cref="TestEntra"/> bearer tokens for staff).
/// </summary>
public static class AuthSupport
{
    /// <summary>
    /// Issues a key for <paramref name="caller"/> (staff get <c>{id}@gemeente.example</c> unless <paramref name="email"/>
    /// says otherwise). In Development it first waits for seeding, which revokes older keys of the seeded ids
    /// (such as <see cref="TestCallers.CoordinatorZaanstad"/>) when it issues theirs.
    /// </summary>
    public static async Task<string> IssueKeyAsync(this WorkflowsAppFactory app, Caller caller, CancellationToken cancellationToken, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(caller);
        if (app.Services.GetService<DevelopmentSeeder>() is { } seeder)
        {
            await seeder.Completed.WaitAsync(cancellationToken);
        }

        email ??= caller.IsStaff ? $"{caller.Id}@gemeente.example" : null;
        return await app.Services.GetRequiredService<CredentialStore>().IssueAsync(caller, email, cancellationToken);
    }

    /// <summary>A client that sends a fresh key of <paramref name="caller"/> in <c>X-Api-Key</c> on every request.</summary>
    public static async Task<HttpClient> CreateClientForAsync(this WorkflowsAppFactory app, Caller caller, CancellationToken cancellationToken)
    {
        var key = await app.IssueKeyAsync(caller, cancellationToken);
        return app.CreateClient().WithApiKey(key);
    }

    public static HttpClient WithApiKey(this HttpClient client, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Remove(ApiKeys.HeaderName);
        client.DefaultRequestHeaders.Add(ApiKeys.HeaderName, apiKey);
        return client;
    }
}
