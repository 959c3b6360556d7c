using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Workflows.Application.Auth;
using Workflows.Application.Tests.Signals;
using Workflows.Application.Tests.Support;
using Workflows.Application.Tests.Trajectories;
using Workflows.FunctionApp.Functions;
using Workflows.FunctionApp.Hosting;
using Workflows.FunctionApp.Http;
using Workflows.Orchestrations.Client;
using Workflows.Runtime;
using Workflows.Testing;

namespace Workflows.FunctionApp.Tests;

/// <summary>
/// Each HTTP function, invoked as the Functions worker would (on a server of its own: the request's
/// <see cref="HttpContext"/>, the invocation's Durable client) with the Functions app's own services, answers a request as the local host does: same status,
/// content type, API-Version header and body (after masking what differs between any two calls: trace ids,
/// times, fresh case ids and references). Both hosts share one task hub on Azurite; the local host's worker runs
/// the cases, and its client stands in for the <c>[DurableClient]</c> binding. A table covers every route, good and bad.
/// </summary>
public sealed partial class HttpFunctionParityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Corporation = "corporation";
    private const string Coordinator = "coordinator";
    private const string Admin = "admin";

    /// <summary>Method, path, who calls, body, its media type; <c>{signal}</c>/<c>{trajectory}</c>/<c>{ref}</c> are filled in per host.</summary>
    public static TheoryData<string, string, string, string?, string?, string?> Requests => new()
    {
        { "Health", "GET", "/healthz", null, null, null },
        { "Health", "HEAD", "/healthz", null, null, null },
        { "OpenApiDocument", "GET", "/openapi/v1.json", null, null, null },
        { "CreateSignal", "POST", "/api/v1/signals", Corporation, SignalSamples.Signal("{ref}", houseNumber: 7).ToJsonString(), "application/json" },
        { "CreateSignal", "POST", "/api/v1/signals", Corporation, """{ "externalReference": "x" }""", "application/json" },
        { "CreateSignal", "POST", "/api/v1/signals", null, SignalSamples.Signal("{ref}").ToJsonString(), "application/json" },
        { "CreateSignal", "POST", "/api/v1/signals", Corporation, "not json", "text/plain" },
        { "CreateSignalBatch", "POST", "/api/v1/signals/batch", Corporation, SignalSamples.Csv([SignalSamples.CsvRow("{ref}", 9), SignalSamples.CsvRow("{ref}-bad", 10, postalCode: "nope")]), "text/csv" },
        { "CreateSignalBatch", "POST", "/api/v1/signals/batch", Corporation, "{", "application/json" },
        { "GetSignal", "GET", "/api/v1/signals/{signal}", Corporation, null, null },
        { "GetSignal", "GET", "/api/v1/signals/{signal}", Coordinator, null, null },
        { "GetSignal", "GET", "/api/v1/signals/sig-doesnotexist", Corporation, null, null },
        { "UpdateSignal", "POST", "/api/v1/signals/{signal}/updates", Corporation, """{ "type": "no-such-update" }""", "application/json" },
        { "UpdateSignal", "POST", "/api/v1/signals/{signal}/updates", Coordinator, """{ "type": "paid" }""", "application/json" },
        { "RecordSignalEvent", "POST", "/api/v1/signals/{signal}/events", Coordinator, """{ "type": "no-such-event" }""", "application/json" },
        { "RecordSignalEvent", "POST", "/api/v1/signals/{signal}/events", Corporation, """{ "type": "contact-attempted" }""", "application/json" },
        { "CreateTrajectory", "POST", "/api/v1/trajectories", Coordinator, TrajectorySamples.Trajectory("{ref}").ToJsonString(), "application/json" },
        { "CreateTrajectory", "POST", "/api/v1/trajectories", Coordinator, "{}", "application/json" },
        { "CreateTrajectory", "POST", "/api/v1/trajectories", Corporation, TrajectorySamples.Trajectory("{ref}").ToJsonString(), "application/json" },
        { "GetTrajectory", "GET", "/api/v1/trajectories/{trajectory}", Coordinator, null, null },
        { "GetTrajectory", "GET", "/api/v1/trajectories/trj-doesnotexist", Coordinator, null, null },
        { "RecordTrajectoryEvent", "POST", "/api/v1/trajectories/{trajectory}/events", Coordinator, """{ "type": "no-such-event" }""", "application/json" },
        { "GetWorklist", "GET", "/api/v1/worklist?tab=nope", Coordinator, null, null },
        { "GetWorklist", "GET", "/api/v1/worklist", Corporation, null, null },
        { "GetAccessLog", "GET", "/api/v1/access-log", Coordinator, null, null },
        { "GetAccessLog", "GET", "/api/v1/access-log?from=yesterday", Admin, null, null },
        { "GetNotificationPreference", "GET", "/api/v1/me/notification-preference", Coordinator, null, null },
        { "SetNotificationPreference", "PUT", "/api/v1/me/notification-preference", Coordinator, """{ "mode": "sometimes" }""", "application/json" },
        { "ListInstances", "GET", "/api/v1/instances?status=nope", Admin, null, null },
        { "ListInstances", "GET", "/api/v1/instances", Coordinator, null, null },
        { "GetInstance", "GET", "/api/v1/instances/sig-doesnotexist", Admin, null, null },
        { "GetInstance", "GET", "/api/v1/instances/{signal}", Corporation, null, null },
        { "GetInstanceHistory", "GET", "/api/v1/instances/sig-doesnotexist/history", Admin, null, null },
        { "TerminateInstance", "POST", "/api/v1/instances/{signal}/terminate", Coordinator, null, null },
        { "RetryInstance", "POST", "/api/v1/instances/sig-doesnotexist/retry", Admin, null, null },
        { "PurgeInstance", "DELETE", "/api/v1/instances/{signal}", Coordinator, null, null },
        // The pages (PAGES.md), as a browser that is not signed in meets them.
        { "HomePage", "GET", "/", null, null, null },
        { "SignInPage", "GET", "/sign-in?returnUrl=%2Fworklist", null, null, null },
        { "SignIn", "POST", "/sign-in", null, "user=coordinator-zaanstad", "application/x-www-form-urlencoded" },
        { "SignOut", "POST", "/sign-out", null, "", "application/x-www-form-urlencoded" },
        { "SignInCallback", "POST", "/signin-oidc", null, "code=x", "application/x-www-form-urlencoded" },
        { "WorklistPage", "GET", "/worklist", null, null, null },
        { "CasePage", "GET", "/cases/signal/{signal}", null, null, null },
        { "CasePageEvent", "POST", "/cases/signal/{signal}/events", null, "type=help-offered", "application/x-www-form-urlencoded" },
        { "SignalsPage", "GET", "/signals", null, null, null },
        { "NewTrajectoryPage", "GET", "/trajectories/new", null, null, null },
        { "NewTrajectory", "POST", "/trajectories/new", null, "externalReference=x", "application/x-www-form-urlencoded" },
        { "AccessLogPage", "GET", "/admin/access-log", null, null, null },
        { "CorporationPage", "GET", "/corporation", null, null, null },
        { "CorporationSignal", "POST", "/corporation/signals", null, "externalReference=x", "application/x-www-form-urlencoded" },
        { "CorporationBatch", "POST", "/corporation/batch", null, "x", "text/csv" },
        { "DocsPage", "GET", "/docs", null, null, null },
        { "DocsBundle", "GET", "/docs/scalar.js", null, null, null },
        { "DocsStart", "GET", "/docs/docs.js", null, null, null },
        { "StyleSheet", "GET", "/assets/site.css", null, null, null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task An_HTTP_function_answers_as_the_local_host_does(string function, string method, string path, string? caller, string? body, string? mediaType)
    {
        var ct = TestTimeout.Token();
        await using var local = new WorkflowsAppFactory(azurite.ConnectionString) { ConfigureServices = TestEntra.AcceptTokens };
        using var corporation = await local.CreateClientForAsync(TestCallers.CorporationA, ct);
        var signal = await SignalsTestApp.CreateAsync(corporation, SignalSamples.Signal($"PAR-{Guid.NewGuid():N}"), ct);
        using var staff = local.CreateClient();
        staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestEntra.TokenFor(TestCallers.CoordinatorZaanstad));
        var trajectory = await TrajectorySamples.CreateAsync(staff, TrajectorySamples.Trajectory($"PAR-{Guid.NewGuid():N}"), ct);
        var corporationKey = await local.IssueKeyAsync(TestCallers.CorporationA, ct);
        // Both cases' worklist rows and history lines written: what a read shows no longer moves.
        await local.SettleAsync(ct);
        using var functionApp = FunctionAppFor(local);
        using var functionServer = await FunctionServerAsync(functionApp.Services, function, local.Services.GetRequiredService<LocalTaskHub>().Client);

        var request = new TestRequest(method, path.Replace("{signal}", signal).Replace("{trajectory}", trajectory), caller, mediaType, corporationKey);
        // Redirects are answers too (a page sends the browser to sign in): compared, not followed.
        // Over HTTPS, as Azure serves the app (antiforgery refuses plain HTTP outside Development).
        using var localClient = local.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var expected = await SendAsync(localClient, request, body?.Replace("{ref}", $"PAR-{Guid.NewGuid():N}"), ct);
        using var functionClient = functionServer.GetTestClient();
        functionClient.BaseAddress = new Uri("https://localhost");
        var actual = await SendAsync(functionClient, request, body?.Replace("{ref}", $"PAR-{Guid.NewGuid():N}"), ct);

        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.ContentType, actual.ContentType);
        Assert.Equal(expected.ApiVersion, actual.ApiVersion);
        Assert.Equal(expected.Location is null ? null : Mask(expected.Location), actual.Location is null ? null : Mask(actual.Location));
        Assert.Equal(Mask(expected.Body), Mask(actual.Body));
        Assert.NotEqual(500, actual.Status);
    }

    [Fact]
    public async Task A_staff_API_key_is_refused_by_the_Functions_app_even_in_the_Development_environment()
    {
        var ct = TestTimeout.Token();
        // The local host on a developer's machine first (the variable is the process's: other tests here set it).
        Environment.SetEnvironmentVariable("FUNCTIONS_WORKER_RUNTIME", null);
        await using var local = new WorkflowsAppFactory(azurite.ConnectionString) { Environment = "Development" };
        var key = await local.IssueKeyAsync(TestCallers.CoordinatorZaanstad, ct);
        using var localClient = local.CreateClient().WithApiKey(key);
        using var onDeveloperMachine = await localClient.GetAsync(new Uri("/api/v1/worklist", UriKind.Relative), ct);

        using var functionApp = FunctionAppFor(local, "Development");
        using var functionServer = await FunctionServerAsync(functionApp.Services, "GetWorklist", local.Services.GetRequiredService<LocalTaskHub>().Client);
        using var functionClient = functionServer.GetTestClient().WithApiKey(key);
        using var inFunctions = await functionClient.GetAsync(new Uri("/api/v1/worklist", UriKind.Relative), ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, onDeveloperMachine.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, inFunctions.StatusCode);
    }

    [Fact]
    public async Task The_Functions_app_creates_the_applications_tables_when_it_starts_on_an_empty_account()
    {
        var ct = TestTimeout.Token();
        using var functionApp = FunctionApp(azurite.ConnectionString, AzuriteFixture.NewPrefix(), "Production");
        var health = functionApp.Services.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(ct)).Status); // nothing created yet

        await functionApp.StartAsync(ct);

        await Eventually.TrueAsync(async () => (await health.CheckHealthAsync(ct)).Status == HealthStatus.Healthy, because: "the worker creates the tables at start");
        await functionApp.StopAsync(ct);
    }

    /// <summary>The Functions app's services as its Program builds them, on the local host's storage, task hub, business clock and test settings.</summary>
    private static IHost FunctionAppFor(WorkflowsAppFactory local, string environment = "Production")
    {
        var host = FunctionApp(local.Services.GetRequiredService<IConfiguration>()["Storage:ConnectionString"]!, local.Prefix, environment, local.Clock, local.Settings);
        return host;
    }

    /// <summary>The Functions app's services as its Program builds them, on <paramref name="prefix"/> of that storage.</summary>
    private static IHost FunctionApp(
        string connectionString, string prefix, string environment, VirtualTimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        // As every Functions host sets it for its worker: no Development-only feature in the Functions app.
        Environment.SetEnvironmentVariable("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        builder.Configuration
            .AddJsonFile(Path.Combine(FunctionsMetadata.OutputDirectory, "appsettings.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = connectionString,
                ["DurableTask:TaskHubName"] = prefix,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddFunctionApp(builder.Configuration, builder.Environment);
        TestEntra.AcceptTokens(builder.Services);
        if (clock is not null)
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddSingleton(clock);
            builder.Services.AddSingleton(CaseClock.Virtual(clock));
        }

        return builder.Build();
    }

    /// <summary>
    /// A server that does what the Functions worker's ASP.NET Core integration does for an HTTP trigger: the request's
    /// context, with the app's services in its scope, handed to the function method, which writes the response.
    /// </summary>
    private static async Task<IHost> FunctionServerAsync(IServiceProvider services, string name, DurableTaskClient client)
    {
        var endpoints = services.GetRequiredService<FunctionEndpoints>();
        var method = typeof(HttpFunctions).GetMethods().Concat(typeof(PageFunctions).GetMethods())
            .Single(m => m.GetCustomAttribute<FunctionAttribute>()?.Name == name);
        object functions = method.DeclaringType == typeof(PageFunctions) ? new PageFunctions(endpoints) : new HttpFunctions(endpoints);
        var host = new HostBuilder()
            .ConfigureWebHost(web => web.UseTestServer().Configure(app => app.Run(async context =>
            {
                await using var scope = services.CreateAsyncScope();
                context.RequestServices = scope.ServiceProvider;
                var result = await (Task<IResult>)method.Invoke(functions, [context.Request, client])!;
                Assert.IsType<EmptyHttpResult>(result);
            })))
            .Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<Answer> SendAsync(HttpClient client, TestRequest request, string? body, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
        request.Authorize(message.Headers.TryAddWithoutValidation);
        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.MediaType!);
        }

        using var response = await client.SendAsync(message, ct);
        return new Answer(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            response.Headers.TryGetValues("API-Version", out var version) ? string.Join(",", version) : null,
            response.Headers.Location?.OriginalString,
            await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>What differs between any two calls, even to one host: trace ids, times, fresh ids and references.</summary>
    private static string Mask(string body)
    {
        body = TraceId().Replace(body, "\"traceId\":\"*\"");
        body = Instant().Replace(body, "<time>");
        body = CaseId().Replace(body, "<case>");
        body = AntiforgeryToken().Replace(body, "value=\"<token>\"");
        return Reference().Replace(body, "<ref>");
    }

    [GeneratedRegex("\"traceId\"\\s*:\\s*\"[^\"]*\"")]
    private static partial Regex TraceId();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex Instant();

    [GeneratedRegex(@"\b(sig|trj)-[a-z0-9]{10,}")]
    private static partial Regex CaseId();

    [GeneratedRegex("(?<=__RequestVerificationToken\" )value=\"[^\"]+\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("PAR-[0-9a-f]{32}")]
    private static partial Regex Reference();

    private sealed record Answer(int Status, string? ContentType, string? ApiVersion, string? Location, string Body);

    private sealed record TestRequest(string Method, string Path, string? Caller, string? MediaType, string CorporationKey)
    {
        public void Authorize(Func<string, string, bool> header)
        {
            switch (Caller)
            {
                case Corporation:
                    header(ApiKeys.HeaderName, CorporationKey);
                    break;
                case Coordinator:
                    header("Authorization", "Bearer " + TestEntra.TokenFor(TestCallers.CoordinatorZaanstad));
                    break;
                case Admin:
                    header("Authorization", "Bearer " + TestEntra.TokenFor(TestCallers.Admin));
                    break;
            }
        }
    }
}
