using System.Net;
using Workflows.Application.Tests.Support;
using Workflows.Testing;

namespace Workflows.Application.Tests.Pages;

/// <summary>
/// The cookies' key ring lives in the application's storage (TableXmlRepository): a session signed in on one
/// instance is good on another instance of the same app (as behind the Functions app's scale-out), and on no other app.
/// </summary>
public sealed class PageKeyRingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly CancellationToken _ct = TestTimeout.Token(TimeSpan.FromSeconds(120));

    [Fact]
    public async Task A_session_from_one_instance_is_good_on_another_of_the_same_app_and_on_no_other_app()
    {
        await using var first = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };
        await using var second = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };
        second.Settings["DurableTask:TaskHubName"] = first.Prefix;
        await using var other = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };

        var sessionCookie = await SessionCookieAsync(first, _ct);
        Assert.Equal(HttpStatusCode.OK, await WorklistWithAsync(first, sessionCookie, _ct));
        Assert.Equal(HttpStatusCode.OK, await WorklistWithAsync(second, sessionCookie, _ct));
        Assert.Equal(HttpStatusCode.Redirect, await WorklistWithAsync(other, sessionCookie, _ct));
    }

    private static async Task<string> SessionCookieAsync(WorkflowsAppFactory app, CancellationToken cancellationToken)
    {
        using var session = new PageSession(app);
        await session.GetAsync("/sign-in", cancellationToken);
        using var response = await session.PostAsync("/sign-in", [new("user", "coordinator-zaanstad"), new("returnUrl", "/worklist")], cancellationToken);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("workflows.session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpStatusCode> WorklistWithAsync(WorkflowsAppFactory app, string cookie, CancellationToken cancellationToken)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/worklist", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }
}
